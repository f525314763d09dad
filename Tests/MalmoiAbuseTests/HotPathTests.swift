import Foundation
import MalmoiCore
import Testing
@testable import MalmoiAbuse

/// The pieces the scanner's fast path is built from, checked against plain (slow) definitions: the
/// automaton against a substring search, the UTF-8 decoder against `unicodeScalars`, the eight-byte
/// escape check against a byte loop, the compiled lexicon's weight table against the rules, and the
/// plain-line prefilter against the views it lets the scanner skip.
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

    /// How many lexicon matches the line has in any view (no context rules), the work the prefilter skips.
    private static func matchCount(_ line: String) -> Int {
        let canonicalizer = AbuseFixtures.canonicalizer
        let safe = canonicalizer.safeUnits(Canonicalizer.scalars(of: line))
        var count = 0
        for mode in [Canonicalizer.ViewMode.removal, .substitution(romanize: false), .substitution(romanize: true)] {
            let view = canonicalizer.buildView(safe, mode: mode).map(\.scalar)
            view.withUnsafeBufferPointer { buffer in
                canonicalizer.compiled.automaton.forEachMatch(in: buffer) { _, _, _ in count += 1 }
            }
        }
        return count
    }

    private static func rulesOut(_ line: String) throws -> Bool {
        let canonicalizer = AbuseFixtures.canonicalizer
        let prefilter = try #require(canonicalizer.compiled.prefilter)
        return prefilter.rulesOut(canonicalizer.safeUnits(Canonicalizer.scalars(of: line)))
    }

    @Test(arguments: [
        ("오늘 날씨가 정말 좋네요.", true),
        ("회의는 오후 세 시에 시작합니다!", true),
        ("시발점에서 다시 출발했다", false),     // 시발 is a pattern's first pair
        ("새끼손가락을 다쳤다", false),
        ("씨 발언이 길어졌다", false),           // the pair across a space (a spacing join)
        ("병.신 같은 소리", false),              // the pair across an insertion
        ("좋아아 정말", false),                  // an echoed vowel: elongation may apply
        ("시즌2 재밌다", false),                 // digits: other views
        ("ㅋㅋ 웃기네", false),                  // jamo
        ("good 좋다", false),                    // Latin letters
    ])
    func prefilterRulesOutPlainLinesOnly(_ line: String, _ expected: Bool) throws {
        #expect(try Self.rulesOut(line) == expected)
        if expected { #expect(Self.matchCount(line) == 0) }
    }

    @Test func prefilterNeverHidesAMatchInTheCorpora() throws {
        var ruledOut = 0
        var total = 0
        for name in ["Corpora/abuse/clean.jsonl", "Corpora/abuse/messages.jsonl"] {
            let path = AbuseFixtures.repository.appendingPathComponent(name).path
            for (number, line) in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").enumerated() {
                let text = try #require(try JSONValue.parse(String(line)).objectValue?["text"]?.stringValue, "\(name):\(number + 1)")
                total += 1
                if try Self.rulesOut(text) {
                    ruledOut += 1
                    #expect(Self.matchCount(text) == 0, "\(name):\(number + 1) was ruled out but has a match: \(text)")
                }
            }
        }
        // The clean corpus is full of near misses (시바견, 도시바), so only some of its lines are ruled out.
        #expect(total > 400 && ruledOut > 0)
    }
}
