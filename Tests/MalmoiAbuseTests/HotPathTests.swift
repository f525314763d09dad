import Testing
@testable import MalmoiAbuse

/// The pieces the scanner's fast path is built from, checked against plain (slow) definitions: the
/// automaton against a substring search, the UTF-8 decoder against `unicodeScalars`, the eight-byte
/// escape check against a byte loop, and the compiled lexicon's weight table against the rules.
/// The texts are written for these tests.
struct HotPathTests {
    /// Every occurrence of every pattern, found by brute force.
    private static func naiveMatches(_ patterns: [[UInt32]], in text: [UInt32]) -> [[Int]] {
        var found: [[Int]] = []
        for end in 1...max(1, text.count) where end <= text.count {
            for (id, pattern) in patterns.enumerated() where pattern.count <= end {
                if Array(text[(end - pattern.count)..<end]) == pattern { found.append([id, end - pattern.count, end]) }
            }
        }
        return found.sorted { ($0[2], $0[0]) < ($1[2], $1[0]) }
    }

    @Test(arguments: [
        "씨발 시발점에서 씨씨발 발발",
        "ㅅㅂㅅㅂ ㅂㅅ 병신병신 새끼손가락",
        "abcab cabca 새새끼끼",
        "",
    ])
    func automatonFindsEveryOccurrence(_ text: String) {
        // Overlapping patterns, one pattern the suffix of another, shared prefixes, non-Hangul scalars.
        let patterns: [[UInt32]] = ["씨발", "발", "시발점", "ㅅㅂ", "ㅂㅅ", "ㅅㅂㅅ", "병신", "새끼", "새끼손가락", "abc", "bca", "c"]
            .map { $0.unicodeScalars.map(\.value) }
        let automaton = PatternAutomaton(patterns: patterns)
        let scalars = text.unicodeScalars.map(\.value)
        var found: [[Int]] = []
        scalars.withUnsafeBufferPointer { buffer in
            automaton.forEachMatch(in: buffer) { id, start, end in found.append([id, start, end]) }
        }
        #expect(found.sorted { ($0[2], $0[0]) < ($1[2], $1[0]) } == Self.naiveMatches(patterns, in: scalars))
        if text.isEmpty { #expect(found.isEmpty) } else { #expect(!found.isEmpty) }
    }

    @Test(arguments: ["", "plain ASCII", "씨발 진짜", "é ß Ω", "凸 ㅗ", "🤬👍🏻 x", "\u{1100}\u{1161}\u{11A8}", "a\u{0}b"])
    func scalarDecodingMatchesUnicodeScalars(_ text: String) {
        #expect(Canonicalizer.scalars(of: text) == text.unicodeScalars.map(\.value))
    }

    @Test func escapeCheckAgreesWithAByteLoop() {
        // Each special byte at every position of texts longer and shorter than one eight-byte word.
        let base = Array("가나다 abc 라마바사 xyz 아자".utf8)
        for special: UInt8 in [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C] {
            for position in 0..<base.count {
                var bytes = base
                bytes[position] = special
                let found = bytes.withUnsafeBufferPointer { ScanResult.needsEscaping($0) }
                #expect(found, "byte \(special) at \(position)")
            }
        }
        for length in 0...base.count {
            let found = Array(base[0..<length]).withUnsafeBufferPointer { ScanResult.needsEscaping($0) }
            #expect(!found, "clean prefix of \(length) bytes")
        }
        // Bytes just above the control range and the neighbours of the quote and backslash are not special.
        let near: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF, 0x20, 0x21, 0x23, 0x5B]
        #expect(!near.withUnsafeBufferPointer { ScanResult.needsEscaping($0) })
    }

    @Test func weightTableFollowsTheRules() {
        let compiled = AbuseFixtures.canonicalizer.compiled
        for (index, technique) in EvasionTechnique.ordered.enumerated() {
            #expect(technique.bit == 1 << UInt32(index))
            #expect(compiled.techniqueWeights[index] == (AbuseFixtures.lexicon.contextRules.techniqueWeights[technique] ?? 0))
        }
    }

    @Test func scanResultJSONIsUnchangedByTheFastPath() throws {
        // Lines with quotes, backslashes and control characters take the escaping path; others are copied.
        for line in ["씨발 \"인용\" 끝", "경로 C:\\temp 병신", "탭\t문자 ㅅㅂ", "그냥 평범한 문장입니다 아주 길게 씁니다"] {
            let result = AbuseFixtures.scanner.scan(line)
            var bytes: [UInt8] = []
            result.appendJSON(to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == result.json.serialized())
        }
    }
}
