import MalmoiAbuse
import Testing

/// Inputs the canonicalizer fuzzer (Fuzz/CanonicalizerFuzz.swift) found crashing, kept as regression tests.
@Suite struct CanonicalizerFuzzFindingsTests {
    static let canonicalizer = try! Canonicalizer.standard()

    /// A cluster letter (ㄳ, ㅄ) that came as one scalar after a syllable's vowel, then a vowel: the jamo
    /// reassembly tried to move the cluster to the next syllable as one lead and trapped on nil.
    @Test(arguments: ["ㄱㅏㄳㅏ", "ㅅㅣㅄㅣ발", "ㅈ1ㅄ\u{1C}ㅣ", "시ㅂㅏㄺㅗ"])
    func clusterLettersBeforeAVowelCanonicalizeAndMapInsideTheOriginal(text: String) {
        let result = Self.canonicalizer.canonicalize(text, explaining: true)
        let originalCount = text.unicodeScalars.count
        #expect(result.sourceRanges.count == result.text.unicodeScalars.count)
        for range in result.sourceRanges {
            #expect(range.lowerBound >= 0 && range.upperBound <= originalCount)
        }
        for hit in result.hits {
            #expect(hit.start >= 0 && hit.start <= hit.end && hit.end <= originalCount)
        }
    }

    /// The fuzzer's own input, byte for byte (invalid UTF-8 decodes with replacement characters).
    @Test func theFuzzersInputCanonicalizes() {
        let bytes: [UInt8] = [
            0xec, 0x98, 0xeb, 0x4e, 0xe3, 0x94, 0x38, 0x3d, 0x85, 0xa3, 0xe3, 0x85, 0x88, 0x31, 0xeb, 0x9e,
            0x84, 0x20, 0xec, 0xa2, 0x80, 0x73, 0xea, 0xb7, 0xb8, 0xeb, 0xa7, 0x25, 0xed, 0x95, 0xe3, 0x85,
            0x88, 0x31, 0xeb, 0x9e, 0xe3, 0x85, 0x84, 0x1c, 0xe3, 0x85, 0x3d, 0x41, 0xe3, 0x85, 0xa3, 0xe3,
            0x85, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x84, 0xed, 0x95, 0x74, 0x66, 0xff,
            0xb0, 0xe3, 0x85, 0x88,
        ]
        let text = String(decoding: bytes, as: UTF8.self)
        let result = Self.canonicalizer.canonicalize(text, explaining: true)
        #expect(result.sourceRanges.count == result.text.unicodeScalars.count)
    }
}
