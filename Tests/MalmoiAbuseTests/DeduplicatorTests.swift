import Testing
@testable import MalmoiAbuse

/// Collection helper: the same insult disguised twice is one message.
struct DeduplicatorTests {
    @Test func disguisedCopiesAreDuplicates() {
        var dedup = CanonicalDeduplicator(canonicalizer: AbuseFixtures.canonicalizer)
        #expect(dedup.insert("ㅅㅂ 꺼져", id: "a") == nil)
        #expect(dedup.insert("씨1발  꺼져!!", id: "b") == "a")
        #expect(dedup.insert("씨발 꺼져 ㅋㅋㅋ", id: "c") == "a")
        #expect(dedup.insert("tlqkf 꺼져", id: "d") == "a")
        #expect(dedup.insert("씨발 저리 가", id: "e") == nil)
        #expect(dedup.count == 2)
    }

    @Test func emptyKeysAreNeverDuplicates() {
        var dedup = CanonicalDeduplicator(canonicalizer: AbuseFixtures.canonicalizer)
        #expect(dedup.insert("ㅋㅋㅋ", id: "a") == nil)
        #expect(dedup.insert("ㅋㅋ!!", id: "b") == nil)
    }
}
