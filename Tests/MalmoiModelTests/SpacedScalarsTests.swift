import MalmoiAbuse
import MalmoiCore
@testable import MalmoiModel
import Testing

/// The feature extractor reads a changed line's canonical scalars directly (``CanonicalLine``) and an
/// unchanged line's UTF-8; both readings must space and fold the same way, so the n-grams are those of
/// the canonical text as before.
@Suite struct SpacedScalarsTests {
    @Test(arguments: [
        "", " ", "  ", "\t씨발\r\n", "오늘\u{3000}날씨\u{A0}좋네", "ABC def GHI", "ｓｓｉｂａｌ", "a  b\t\tc",
        "🐶🐷 취급하는", "ㅅ ㅂ 진짜", "\u{1109}\u{1175}\u{1107}\u{1161}\u{11AF}", "끝 ",
    ])
    func scalarsAndUTF8AreSpacedAlike(text: String) {
        var fromUTF8: [UInt32] = [0x20]
        var copy = text
        copy.makeContiguousUTF8()
        copy.utf8.withContiguousStorageIfAvailable { FeatureExtractor.appendSpacedScalars($0, to: &fromUTF8) }
        var fromScalars: [UInt32] = [0x20]
        FeatureExtractor.appendSpacedScalars(of: text.unicodeScalars.map(\.value), to: &fromScalars)
        #expect(fromScalars == fromUTF8)
    }

    /// Every bucket of a line is what the extractor gives for the same line canonicalized by hand:
    /// the canonical text's n-grams through the extractor with the canonicalizer's output as input.
    @Test(arguments: ["ㅅ ㅂ 오늘 또 야근이네", "저 새1끼 또 거짓말한다", "ｓｓｉｂａｌ 뭐냐", "씨\u{200B}발 진짜", "오늘 날씨 좋네요."])
    func characterGramsAreThoseOfTheCanonicalText(text: String) throws {
        let canonicalizer = try Canonicalizer.standard()
        let extractor = try FeatureExtractor(groups: [.characters, .jamo], hashBits: 20, seed: 1, canonicalizer: canonicalizer)
        let canonical = canonicalizer.canonicalize(text).text
        // A canonical text is its own canonical form with these lines, so its n-grams are the reference.
        #expect(canonicalizer.canonicalize(canonical).text == canonical)
        #expect(extractor.buckets(of: text) == extractor.buckets(of: canonical))
    }
}
