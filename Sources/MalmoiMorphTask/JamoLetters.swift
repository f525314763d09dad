import MalmoiMorph
import MalmoiCore

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
        case HangulJamo.syllableBase...HangulJamo.syllableLast:
            let (initial, medial, final) = HangulJamo.split(value)
            add(HangulJamo.initials[initial], .initial)
            add(HangulJamo.vowelCompat(medial), .vowel)
            if final > 0 { add(HangulJamo.finals[final - 1], .final) }
        case 0x1100...0x1112:
            add(HangulJamo.compatibility(ofConjoining: value)!, .initial)
        case 0x1161...0x1175:
            add(HangulJamo.compatibility(ofConjoining: value)!, .vowel)
        case 0x11A8...0x11C2:
            add(HangulJamo.compatibility(ofConjoining: value)!, .final)
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
                    output[output.count - 1] = HangulJamo.compose(Int(last - HangulJamo.conjoiningInitialBase),
                                                                  Int(value - HangulJamo.conjoiningMedialBase), 0)
                    continue
                }
                // LV + T → LVT
                if HangulJamo.isSyllable(last), HangulJamo.split(last).final == 0, (0x11A8...0x11C2).contains(value) {
                    output[output.count - 1] = last + (value - HangulJamo.conjoiningFinalBase)
                    continue
                }
            }
            output.append(value)
        }
        var result = ""
        for value in output {
            result.unicodeScalars.append(Unicode.Scalar(HangulJamo.compatibility(ofConjoining: value) ?? value)!)
        }
        return result
    }

    /// The basic letters of a compatibility jamo: compound vowels and final clusters are split.
    private static func split(_ value: UInt32) -> [UInt32] { HangulJamo.keys(ofCompat: value) }
}
