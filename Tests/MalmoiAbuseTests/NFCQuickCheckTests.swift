import Testing
@testable import MalmoiText

/// `NFCQuickCheck` (the scanner's NFC check without ICU) against ICU: every accepted character one by
/// one, then many generated strings mixing accepted characters with ones that compose or reorder.
struct NFCQuickCheckTests {
    private static func isNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { NFCQuickCheck.isNFC($0) }
    }

    private static func icuIsNFC(_ text: String) -> Bool {
        Normalizer(.nfc).isNormalized(text)
    }

    /// Every accepted scalar.
    private static var accepted: [Unicode.Scalar] {
        var scalars = (0..<0x80).compactMap(Unicode.Scalar.init(_:) as (UInt32) -> Unicode.Scalar?)
        for range in NFCQuickCheck.ranges {
            scalars += range.compactMap(Unicode.Scalar.init(_:) as (UInt32) -> Unicode.Scalar?)
        }
        return scalars
    }

    @Test func rangesAreSortedAndDisjoint() {
        for (first, second) in zip(NFCQuickCheck.ranges, NFCQuickCheck.ranges.dropFirst()) {
            #expect(first.upperBound < second.lowerBound)
        }
        #expect(NFCQuickCheck.ranges.first!.lowerBound >= 0x80)
    }

    /// UAX #15's quick check: a string is NFC when each character is NFC_QC = Yes with ccc = 0. ICU's
    /// boundary-before test says the character never interacts with what precedes it (ccc = 0, never
    /// composed with a preceding starter); its own check says it is NFC alone (not QC = No). Hangul
    /// syllables compose with a following trailing jamo, which is not accepted.
    @Test func everyAcceptedCharacterIsStableUnderNFC() {
        var wrong: [String] = []
        for scalar in Self.accepted {
            let text = String(scalar)
            #expect(Self.isNFC(text))
            if !Self.icuIsNFC(text) || !ICU.hasBoundaryBefore(.nfc, scalar) {
                wrong.append(String(scalar.value, radix: 16))
            }
        }
        #expect(wrong.isEmpty, "accepted but not NFC-stable: \(wrong.prefix(20))")
    }

    @Test(arguments: [
        ("ㅋㅋ 진짜 😂 「인용」 10여 척 — ○○○", true),
        ("Toshiba 도시바 ×2 ★", true),
        ("가\u{11A8}", false),          // composes to 각
        ("ᄀ\u{1161}", false),           // conjoining jamo compose to 가
        ("e\u{0301}", false),           // composes to é
        ("\u{212B}", false),            // Å sign: a canonical singleton
        ("\u{F900}", false),            // CJK compatibility ideograph
        ("\u{FEFF}가", false),          // the byte order mark is removed by the nfc step
        ("Josèphe", false),             // not proven (ICU answers; it is NFC)
    ])
    func examples(text: String, proven: Bool) {
        #expect(Self.isNFC(text) == proven)
        if proven { #expect(Self.icuIsNFC(text)) }
    }

    /// Generated strings: whenever the quick check proves one NFC, ICU agrees; a string of accepted
    /// characters only is always proven.
    @Test func agreesWithICUOnGeneratedStrings() {
        let accepted = Self.accepted
        let others: [Unicode.Scalar] = ["\u{0301}", "\u{0316}", "\u{0334}", "\u{11A8}", "\u{1161}", "\u{1100}", "\u{3099}",
                                        "\u{302A}", "\u{FEFF}", "\u{212B}", "\u{F900}", "\u{2000}", "\u{219A}", "\u{00E9}",
                                        "\u{0065}", "\u{AC00}", "\u{0CD5}", "\u{1D15E}"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {  // a fixed sequence (splitmix64), so a failure repeats
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        for round in 0..<20_000 {
            var scalars = String.UnicodeScalarView()
            let length = 1 + next(12)
            let mixesOthers = round % 2 == 0
            for _ in 0..<length {
                if mixesOthers && next(4) == 0 {
                    scalars.append(others[next(others.count)])
                } else {
                    scalars.append(accepted[next(accepted.count)])
                }
            }
            let text = String(scalars)
            let proven = Self.isNFC(text)
            if !mixesOthers { #expect(proven, "\(text.unicodeScalars.map { String($0.value, radix: 16) })") }
            if proven {
                #expect(Self.icuIsNFC(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
    }
}
