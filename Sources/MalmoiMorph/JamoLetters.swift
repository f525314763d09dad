/// Hangul text as a sequence of letters (자모), the level at which the morpheme correction task checks
/// that morphemes spell a sentence.
///
/// ```swift
/// JamoLetters.letters(of: "신다")                   // ㅅ ㅣ ㄴ ㄷ ㅏ
/// JamoLetters.letters(of: "시\u{11AB}다")           // the same letters: ᆫ (U+11AB) is ㄴ
/// JamoLetters.composed("\u{1112}\u{1161}\u{11AB}")   // "한"
/// ```
/// Syllables are split into their initial, vowel and final; conjoining jamo (U+1100…) and compatibility
/// jamo (U+3131…) map to the same compatibility letter whatever their position, so `ㄴ다` and `ᆫ다`
/// spell the same. Compound vowels (ㅘ = ㅗ+ㅏ) and final clusters (ㄺ = ㄹ+ㄱ) are split into their
/// basic letters, so that contractions such as 보+아 → 봐 differ only by the dropped ㅇ. Tense
/// consonants (ㄲ ㄸ ㅃ ㅆ ㅉ) stay single letters. Every other scalar is its own letter, unchanged.
enum JamoLetters {
    /// One letter and the Unicode scalar offset, in the text it came from, of the scalar that holds it.
    struct Letter: Hashable, Sendable {
        /// Where a letter sits in its syllable.
        enum Role: UInt8, Hashable, Sendable {
            /// An initial consonant (초성), also a lone conjoining initial.
            case initial
            /// A vowel (중성).
            case vowel
            /// A final consonant (종성), also a lone consonant such as the ㄴ of `ㄴ다`.
            case final
            /// Not a Hangul letter.
            case other
        }

        /// The compatibility jamo (U+3131…U+3163) of a Hangul letter, or the scalar itself.
        var value: UInt32
        /// Scalar offset of the syllable or character the letter belongs to.
        var scalar: Int
        /// Index of the unit (a syllable, a lone jamo, or another character) the letter belongs to,
        /// counted from 0 in the text.
        var unit: Int
        /// The letter's place in its syllable.
        var role: Role

        /// Whether the letter is a Hangul consonant or vowel (only those may differ in a contraction).
        var isHangul: Bool { (0x3131...0x3163).contains(value) }
        /// Whether the letter is a Hangul vowel.
        var isVowel: Bool { (0x314F...0x3163).contains(value) }
    }

    /// The letters of a text; `scalarBase` is added to every scalar offset.
    static func letters(of text: some StringProtocol, scalarBase: Int = 0, unitBase: Int = 0) -> [Letter] {
        var result: [Letter] = []
        var scalar = scalarBase
        var unit = unitBase
        for value in text.unicodeScalars.map(\.value) {
            appendLetters(of: value, scalar: scalar, unit: unit, to: &result)
            scalar += 1
            unit += 1
        }
        return result
    }

    private static func appendLetters(of value: UInt32, scalar: Int, unit: Int, to result: inout [Letter]) {
        func add(_ compatibility: UInt32, _ role: Letter.Role) {
            for part in split(compatibility) { result.append(Letter(value: part, scalar: scalar, unit: unit, role: role)) }
        }
        switch value {
        case 0xAC00...0xD7A3:
            let index = Int(value - 0xAC00)
            add(initials[index / 588], .initial)
            add(0x314F + UInt32((index % 588) / 28), .vowel)
            if index % 28 > 0 { add(finals[index % 28 - 1], .final) }
        case 0x1100...0x1112:
            add(initials[Int(value - 0x1100)], .initial)
        case 0x1161...0x1175:
            add(0x314F + (value - 0x1161), .vowel)
        case 0x11A8...0x11C2:
            add(finals[Int(value - 0x11A8)], .final)
        case 0x3131...0x314E:
            add(value, .final)
        case 0x314F...0x3163:
            add(value, .vowel)
        default:
            result.append(Letter(value: value, scalar: scalar, unit: unit, role: .other))
        }
    }

    /// The text with conjoining jamo sequences composed into syllables (as NFC does for Hangul) and the
    /// conjoining jamo left alone replaced by compatibility jamo: `ᄒ ᅡ ᆫ` → `한`, `ᆫ다` → `ㄴ다`.
    static func composed(_ text: some StringProtocol) -> String {
        var output: [UInt32] = []
        for value in text.unicodeScalars.map(\.value) {
            if let last = output.last {
                // L + V → LV
                if (0x1100...0x1112).contains(last), (0x1161...0x1175).contains(value) {
                    output[output.count - 1] = 0xAC00 + ((last - 0x1100) * 21 + (value - 0x1161)) * 28
                    continue
                }
                // LV + T → LVT
                if (0xAC00...0xD7A3).contains(last), (last - 0xAC00) % 28 == 0, (0x11A8...0x11C2).contains(value) {
                    output[output.count - 1] = last + (value - 0x11A7)
                    continue
                }
            }
            output.append(value)
        }
        var result = ""
        for value in output {
            let mapped: UInt32
            switch value {
            case 0x1100...0x1112: mapped = initials[Int(value - 0x1100)]
            case 0x1161...0x1175: mapped = 0x314F + (value - 0x1161)
            case 0x11A8...0x11C2: mapped = finals[Int(value - 0x11A8)]
            default: mapped = value
            }
            result.unicodeScalars.append(Unicode.Scalar(mapped)!)
        }
        return result
    }

    /// The basic letters of a compatibility jamo: compound vowels and final clusters are split.
    private static func split(_ value: UInt32) -> [UInt32] {
        switch value {
        case 0x3133: [0x3131, 0x3145]  // ㄳ
        case 0x3135: [0x3134, 0x3148]  // ㄵ
        case 0x3136: [0x3134, 0x314E]  // ㄶ
        case 0x313A: [0x3139, 0x3131]  // ㄺ
        case 0x313B: [0x3139, 0x3141]  // ㄻ
        case 0x313C: [0x3139, 0x3142]  // ㄼ
        case 0x313D: [0x3139, 0x3145]  // ㄽ
        case 0x313E: [0x3139, 0x314C]  // ㄾ
        case 0x313F: [0x3139, 0x314D]  // ㄿ
        case 0x3140: [0x3139, 0x314E]  // ㅀ
        case 0x3144: [0x3142, 0x3145]  // ㅄ
        case 0x3158: [0x3157, 0x314F]  // ㅘ
        case 0x3159: [0x3157, 0x3150]  // ㅙ
        case 0x315A: [0x3157, 0x3163]  // ㅚ
        case 0x315D: [0x315C, 0x3153]  // ㅝ
        case 0x315E: [0x315C, 0x3154]  // ㅞ
        case 0x315F: [0x315C, 0x3163]  // ㅟ
        case 0x3162: [0x3161, 0x3163]  // ㅢ
        default: [value]
        }
    }

    /// Compatibility jamo of the 19 initial consonants ᄀ…ᄒ.
    private static let initials: [UInt32] = [
        0x3131, 0x3132, 0x3134, 0x3137, 0x3138, 0x3139, 0x3141, 0x3142, 0x3143, 0x3145, 0x3146, 0x3147, 0x3148,
        0x3149, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ]

    /// Compatibility jamo of the 27 final consonants ᆨ…ᇂ.
    private static let finals: [UInt32] = [
        0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A, 0x313B, 0x313C, 0x313D, 0x313E,
        0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146, 0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E,
    ]
}
