import Testing
@testable import MalmoiAbuse

/// The optional morpheme filter: a plainly spelled hit inside a longer noun is vetoed; disguised hits
/// and hits that are whole nouns are kept. A fixed filter stands in for the analyzer here (the
/// MeCab-backed ``MorphemeAnalyzerFilter`` needs mecab-ko-dic, which CI may not have).
struct MorphemeFilterTests {
    struct FixedNouns: MorphemeContextFilter {
        var spans: [Range<Int>]
        func nounSpans(in text: String) -> [Range<Int>] { spans }
    }

    @Test func aHitInsideALongerNounIsVetoed() {
        var canonicalizer = AbuseFixtures.canonicalizer
        // 씨발놈 analysed (hypothetically) as one noun 0..<3 containing 씨발.
        #expect(!canonicalizer.canonicalize("씨발놈").hits.isEmpty)
        canonicalizer.morphemeFilter = FixedNouns(spans: [0..<3])
        #expect(canonicalizer.canonicalize("씨발놈").hits.isEmpty)
    }

    @Test func aHitThatIsTheWholeNounIsKept() {
        var canonicalizer = AbuseFixtures.canonicalizer
        canonicalizer.morphemeFilter = FixedNouns(spans: [0..<2])
        #expect(canonicalizer.canonicalize("병신 같네").hits.first?.canonical == "병신")
    }

    @Test func disguisedHitsAreNeverVetoed() {
        var canonicalizer = AbuseFixtures.canonicalizer
        canonicalizer.morphemeFilter = FixedNouns(spans: [0..<4])
        #expect(canonicalizer.canonicalize("ㅅㅂ놈아").hits.first?.canonical == "씨발")
    }
}
