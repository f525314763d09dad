/// A command typed at the annotate or review prompt: `:skip`, `:undo`, `:guide`, `:help`, `:quit`.
///
/// ```swift
/// PromptCommand(parsing: ":skip")     // .skip
/// PromptCommand(parsing: ":나ㅑㅔ")    // .skip — typed with the Korean 2-set layout still on
/// PromptCommand(parsing: "긍정")       // nil — an answer, not a command
/// ```
/// Annotators switch between Korean and Latin layouts all day, so a command typed with the Korean
/// layout on is read back to the keys that were pressed (두벌식, KS X 5002) before matching.
public enum PromptCommand: String, Hashable, Sendable, CaseIterable {
    /// Leave the item for someone else.
    case skip
    /// Edit the previous submission.
    case undo
    /// Show the guideline.
    case guide
    /// Show the commands and how to answer.
    case help
    /// Stop; everything submitted is saved.
    case quit

    /// Reads a command from a typed line; nil when the line is not one (it is then an answer).
    /// Leading and trailing spaces are ignored; the fullwidth colon `：` is accepted too.
    public init?(parsing line: String) {
        var scalars = Substring(line).unicodeScalars.drop { $0.properties.isWhitespace }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        guard let first = scalars.first, first == ":" || first == "：" else { return nil }
        let word = String(String.UnicodeScalarView(scalars.dropFirst()))
        let keys = KoreanKeyboard.latinKeys(for: word).lowercased()
        guard let command = PromptCommand(rawValue: keys) else { return nil }
        self = command
    }

    /// The one-line description of each command, for `:help`.
    public static var helpText: String {
        """
        :skip   leave this item for someone else          (한글 자판: :나ㅑㅔ)
        :undo   edit your previous submission             (:ㅕㅜ애)
        :guide  show the guideline                        (:혀ㅑㅇㄷ)
        :help   show this help                            (:ㅗ디ㅔ)
        :quit   stop; everything submitted is saved       (:벼ㅑㅅ)
        """
    }
}

/// The Korean 2-set (두벌식) keyboard layout, read backwards: which Latin keys produce a Hangul text.
///
/// ```swift
/// KoreanKeyboard.latinKeys(for: "나ㅑㅔ")   // "skip"
/// ```
public enum KoreanKeyboard {
    // Keys for the 21 vowels in medial-index order (U+314F…U+3163).
    private static let vowelKeys = ["k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl", "y", "n", "nj", "np", "nl", "b", "m", "ml", "l"]
    // Compatibility consonants U+3131...U+314E in code point order.
    private static let consonantKeys = ["r", "R", "rt", "s", "sw", "sg", "e", "E", "f", "fr", "fa", "fq", "ft", "fx", "fv", "fg", "a", "q", "Q", "qt", "t", "T", "d", "w", "W", "c", "z", "x", "v", "g"]

    /// The compatibility jamo a key types on the 2-set layout (`t` → ㅅ, `T` → ㅆ, `k` → ㅏ), or nil for
    /// a key that is not a letter. Shift changes only Q W E R T O P; other capitals type as lower case.
    public static func jamo(forKey key: Unicode.Scalar) -> Unicode.Scalar? {
        keyToJamo[key.value]
    }

    /// Key → jamo, derived from the single-key entries of the tables above.
    private static let keyToJamo: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [:]
        for (index, keys) in consonantKeys.enumerated() where keys.unicodeScalars.count == 1 {
            table[keys.unicodeScalars.first!.value] = Unicode.Scalar(0x3131 + UInt32(index))!
        }
        for (index, keys) in vowelKeys.enumerated() where keys.unicodeScalars.count == 1 {
            table[keys.unicodeScalars.first!.value] = Unicode.Scalar(HangulJamo.vowelCompat(index))!
        }
        for lower in UInt32(0x61)...0x7A where table[lower - 0x20] == nil {
            table[lower - 0x20] = table[lower]
        }
        return table
    }()

    /// The Latin keys that type `text` on the 2-set layout; scalars that are not Hangul pass through.
    /// Syllables are split into their jamo, and compound vowels and finals into their two keys.
    public static func latinKeys(for text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case HangulJamo.syllableBase...HangulJamo.syllableLast:
                let (initial, medial, final) = HangulJamo.split(value)
                result += consonantKeys[Int(HangulJamo.initials[initial] - 0x3131)] + vowelKeys[medial]
                if final > 0 { result += consonantKeys[Int(HangulJamo.finals[final - 1] - 0x3131)] }
            case 0x3131...0x314E:
                result += consonantKeys[Int(value - 0x3131)]
            case 0x314F...0x3163:
                result += vowelKeys[Int(value - 0x314F)]
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
