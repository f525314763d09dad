import MalmoiText
import Testing

/// The shared `--normalize` step on the text users have: NFD Hangul, full-width and circled characters,
/// conjoining jamo, a byte order mark in the middle, and all of them mixed in one line.
@Suite struct InputNormalizationTests {
    static let sentence = "아버지가 방에 들어가신다"

    /// Decomposes every precomposed syllable (what macOS hands over).
    static func nfd(_ text: String) -> String { text.normalized(.nfd) }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var step: InputNormalization
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "NFD Hangul", input: nfd(sentence), step: .nfc, expected: sentence),
        Case(name: "NFD Hangul under NFKC", input: nfd(sentence), step: .nfkc, expected: sentence),
        Case(name: "full-width Latin and digits kept by NFC", input: "ＫＴＸ ２０２４년", step: .nfc, expected: "ＫＴＸ ２０２４년"),
        Case(name: "full-width Latin and digits folded by NFKC", input: "ＫＴＸ ２０２４년", step: .nfkc, expected: "KTX 2024년"),
        Case(name: "circled numbers folded by NFKC", input: "①번 ②번 ⑩번", step: .nfkc, expected: "1번 2번 10번"),
        Case(name: "conjoining jamo composed", input: "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}", step: .nfc, expected: "한글"),
        Case(name: "BOM in the middle removed", input: "방에\u{FEFF} 들어가신다", step: .nfc, expected: "방에 들어가신다"),
        Case(name: "mixed forms in one line", input: "\u{FEFF}" + nfd("서울") + "에서 ＫＴＸ ①호차 " + "\u{1112}\u{1161}\u{11AB}" + "국",
             step: .nfkc, expected: "서울에서 KTX 1호차 한국"),
        Case(name: "none keeps everything", input: nfd(sentence) + "\u{FEFF}①", step: .none, expected: nfd(sentence) + "\u{FEFF}①"),
    ]

    @Test(arguments: cases)
    func textComesOutNormalized(_ testCase: Case) {
        let (text, map) = testCase.step.normalized(testCase.input)
        #expect(Array(text.unicodeScalars) == Array(testCase.expected.unicodeScalars))
        #expect(Array(testCase.step.normalizedText(testCase.input).unicodeScalars) == Array(testCase.expected.unicodeScalars))
        #expect(map.originalLength == testCase.input.unicodeScalars.count)
        #expect(map.resultLength == text.unicodeScalars.count)
        var input = testCase.input
        var output: [UInt8] = []
        let lineMap = input.withUTF8 { testCase.step.normalize(utf8: $0, into: &output) }
        if testCase.step == .none || Array(testCase.input.unicodeScalars) == Array(testCase.expected.unicodeScalars) {
            #expect(lineMap == nil)
        } else {
            #expect(lineMap == map)
            #expect(output == Array(testCase.expected.utf8))
        }
    }

    /// Every word of the normalized text maps back to the characters it came from in the original.
    @Test func wordOffsetsIndexTheOriginalText() {
        let original = "\u{FEFF}" + Self.nfd("서울") + "에서 ＫＴＸ ①호차"
        let (text, map) = InputNormalization.nfkc.normalized(original)
        #expect(text == "서울에서 KTX 1호차")
        let scalars = Array(original.unicodeScalars)
        func originalSlice(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[map.originalRange(range)])) }
        // 서울에서 [0, 4) in the result: after the BOM, the five jamo of 서울 and 에서.
        #expect(map.originalRange(0..<4) == 1..<(1 + 5 + 2))
        #expect(originalSlice(0..<4).normalized(.nfc) == "서울에서")
        #expect(originalSlice(5..<8) == "ＫＴＸ")
        #expect(originalSlice(9..<11) == "①호")
        #expect(map.originalRange(10..<12) == 14..<16)
    }

    @Test func normalTextTakesTheFastPathWithoutACopy() {
        var line = Self.sentence
        var output: [UInt8] = [1, 2, 3]
        #expect(line.withUTF8 { InputNormalization.nfc.normalize(utf8: $0, into: &output) } == nil)
        #expect(output == [1, 2, 3])
        #expect(InputNormalization.nfc.normalized(Self.sentence).map.isIdentity)
        #expect(!InputNormalization.nfc.isNormal(Self.nfd(Self.sentence)))
        #expect(!InputNormalization.nfc.isNormal("가\u{FEFF}나"))
        #expect(InputNormalization.nfc.isNormal("ＫＴＸ①"))
        #expect(!InputNormalization.nfkc.isNormal("ＫＴＸ①"))
    }

    /// The shortcut for ASCII and precomposed syllables agrees with ICU, including a syllable that a
    /// following trailing jamo or combining mark changes.
    @Test(arguments: ["한국어 ABC 123", "\u{AC00}\u{D7A3}", "가\u{11A8}", "가\u{302}", "힣\u{1161}", "가\u{FEFF}",
                      "ㄱㅏ", "가①", "", "\u{D7A4}"])
    func quickCheckAgreesWithICU(_ text: String) {
        for step in [InputNormalization.nfc, .nfkc] {
            let form: NormalizationForm = step == .nfc ? .nfc : .nfkc
            let expected = !text.unicodeScalars.contains("\u{FEFF}")
                && Array(text.normalized(form).unicodeScalars) == Array(text.unicodeScalars)
            #expect(step.isNormal(text) == expected, "\(step) \(Array(text.unicodeScalars))")
        }
    }

    @Test func differencesOnlyOfNormalizationAreRecognized() {
        #expect(InputNormalization.nfc.differOnlyByNormalization(Self.nfd("세종대왕"), "세종대왕"))
        #expect(!InputNormalization.nfc.differOnlyByNormalization("세종대왕", "세종대왕"))
        #expect(!InputNormalization.nfc.differOnlyByNormalization("２０２４", "2024"))
        #expect(InputNormalization.nfkc.differOnlyByNormalization("２０２４", "2024"))
        #expect(!InputNormalization.none.differOnlyByNormalization(Self.nfd("세종"), "세종"))
    }
}
