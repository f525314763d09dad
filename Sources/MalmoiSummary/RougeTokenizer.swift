import MalmoiMorph

/// Splits text into the units ROUGE counts: morphemes, eojeol (white-space words) or characters.
///
/// ```swift
/// RougeTokenizer(.eojeol).tokens("정부는 내년부터 전기차")   // ["정부는", "내년부터", "전기차"]
/// RougeTokenizer(.char).tokens("전기차 EV")                // ["전", "기", "차", "e", "v"]
/// ```
/// Every mode keeps Hangul (the `rouge-score` package's default tokenizer drops it, so that identical
/// Korean strings score 0). Text is lowercased first unless `lowercases` is false, as `rouge-score` and
/// `korouge-score` do; empty tokens never occur (korouge-score yields `''` for leading or trailing spaces).
/// Morpheme tokens are the surfaces of the analyzer's tokens (what `konlpy`'s `Mecab.morphs` returns),
/// the de-facto convention of Korean summarization papers.
public struct RougeTokenizer: Sendable {
    /// The unit of a token.
    public enum Mode: String, Sendable, CaseIterable {
        /// Morphemes from `MalmoiMorph` (needs a dictionary).
        case morph
        /// White-space separated words (어절).
        case eojeol
        /// Single characters (Unicode scalars; syllables for Hangul), white space skipped.
        case char
    }

    /// The unit of a token.
    public let mode: Mode
    /// Whether text is lowercased before it is split.
    public var lowercases: Bool
    private let morphemes: (any MorphemeSource)?

    /// A tokenizer. `morphemes` is required for `.morph` and ignored otherwise.
    /// - Throws: ``SummaryError`` `.morphemesUnavailable` when `.morph` is asked without an analyzer.
    public init(_ mode: Mode, morphemes: (any MorphemeSource)? = nil, lowercases: Bool = true) throws {
        if mode == .morph && morphemes == nil {
            throw SummaryError(.morphemesUnavailable,
                               "morpheme tokenization needs a mecab-ko-dic dictionary; use --tokenize eojeol or char, or install one")
        }
        self.mode = mode
        self.morphemes = morphemes
        self.lowercases = lowercases
    }

    /// A tokenizer that needs no dictionary (`.eojeol` or `.char`).
    public init(_ mode: Mode) {
        precondition(mode != .morph, "morpheme tokenization needs an analyzer")
        self.mode = mode
        self.morphemes = nil
        self.lowercases = true
    }

    /// The tokens of a text.
    public func tokens(_ text: String) -> [String] {
        let text = lowercases && Self.needsLowercasing(text) ? text.lowercased() : text
        switch mode {
        case .eojeol:
            var result: [String] = []
            let scalars = text.unicodeScalars
            var start: String.Index?
            var index = scalars.startIndex
            while index != scalars.endIndex {
                if Self.isSpace(scalars[index]) {
                    if let begin = start { result.append(String(text[begin..<index])); start = nil }
                } else if start == nil {
                    start = index
                }
                index = scalars.index(after: index)
            }
            if let begin = start { result.append(String(text[begin..<scalars.endIndex])) }
            return result
        case .char:
            var result: [String] = []
            result.reserveCapacity(text.utf8.count / 2)
            for scalar in text.unicodeScalars where !Self.isSpace(scalar) { result.append(String(scalar)) }
            return result
        case .morph:
            guard let morphemes else { return [] }
            var result: [String] = []
            for token in morphemes.analyze(text) where !token.surface.unicodeScalars.allSatisfy(Self.isSpace) {
                result.append(token.surface)
            }
            return result
        }
    }

    /// Whether lowercasing could change the text (a fast scan; Hangul never changes).
    static func needsLowercasing(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                if scalar.value >= 0x41 && scalar.value <= 0x5A { return true }
            } else if !(0xAC00...0xD7A3).contains(scalar.value) && scalar.properties.changesWhenLowercased {
                return true
            }
        }
        return false
    }

    /// White space as Python's `str.split()` sees it.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
