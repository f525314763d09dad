/// The kinds of features a model reads from a text; the model file's header names them.
///
/// ```swift
/// let groups: FeatureGroups = [.characters, .words, .lexicon]
/// groups.names   // ["char1-4", "words", "lexicon"]
/// ```
public struct FeatureGroups: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    /// Creates a set from its raw bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Character 1–4-grams of the canonical text (whitespace runs read as one space, ASCII lowercased).
    public static let characters = FeatureGroups(rawValue: 1)
    /// Whitespace-separated words (eojeol) of the canonical text.
    public static let words = FeatureGroups(rawValue: 2)
    /// The abuse lexicon's hits: each canonical word, its category, and whether any hit was found.
    public static let lexicon = FeatureGroups(rawValue: 4)
    /// Morphemes (`form/TAG`) of the canonical text from the analyzer; needs mecab-ko-dic.
    public static let morphemes = FeatureGroups(rawValue: 8)

    /// Pairs of neighbouring words of the canonical text.
    public static let wordBigrams = FeatureGroups(rawValue: 16)
    /// Character 1–4-grams of the text as written, before the canonicalizer (whitespace and case as for
    /// ``characters``), so the model also sees how a word was disguised.
    public static let rawCharacters = FeatureGroups(rawValue: 32)
    /// The lexicon hits' severities and scores (in tenths), each hit's and the highest in the text.
    public static let lexiconScores = FeatureGroups(rawValue: 64)
    /// 1–4-grams of the canonical text with every syllable spelled as its jamo (initial, medial and final
    /// consonant as conjoining jamo), so words that differ by one jamo (an evasion, a dialect spelling)
    /// share most of their features.
    public static let jamo = FeatureGroups(rawValue: 128)
    /// The 1–4-grams of the same jamo spelling that start at a syllable's initial consonant (or at a
    /// scalar that is not a medial or final jamo): a syllable, its first one or two jamo, and the syllable
    /// with the start of the next. Fewer than half the grams of ``jamo`` and as good in cross-validation
    /// (see `Benchmarks/model/README.md`); opt-in, like ``jamo``, because it costs prediction speed.
    public static let jamoOnsets = FeatureGroups(rawValue: 256)

    /// The groups used when none are named: everything that needs no dictionary, without the jamo groups
    /// (they add 1–2 points of F1 in cross-validation but take prediction from about 24 to 20 MB/s).
    public static let standard: FeatureGroups = [.characters, .words, .lexicon]

    /// Every group, in header order, with its stable name.
    public static let named: [(FeatureGroups, String)] = [
        (.characters, "char1-4"), (.words, "words"), (.lexicon, "lexicon"), (.morphemes, "morphemes"),
        (.wordBigrams, "word-bigrams"), (.rawCharacters, "raw-char1-4"), (.lexiconScores, "lexicon-scores"),
        (.jamo, "jamo1-4"), (.jamoOnsets, "jamo-onset1-4"),
    ]

    /// The stable names of the groups in this set, in header order.
    public var names: [String] { Self.named.filter { contains($0.0) }.map(\.1) }

    /// Parses names such as `char1-4,words,lexicon,morphemes` (`chars`, `morphs`, `bigrams`, `raw`, `scores`,
    /// `jamo` and `onsets` also accepted).
    /// - Throws: ``ModelError`` `.invalidOption` naming an unknown group.
    public init(parsing text: String) throws {
        var groups: FeatureGroups = []
        for raw in text.split(separator: ",") {
            let name = raw.trimmingSpaces()
            switch name {
            case "char1-4", "chars", "characters": groups.insert(.characters)
            case "words": groups.insert(.words)
            case "lexicon": groups.insert(.lexicon)
            case "morphemes", "morphs": groups.insert(.morphemes)
            case "word-bigrams", "bigrams": groups.insert(.wordBigrams)
            case "raw-char1-4", "raw": groups.insert(.rawCharacters)
            case "lexicon-scores", "scores": groups.insert(.lexiconScores)
            case "jamo1-4", "jamo": groups.insert(.jamo)
            case "jamo-onset1-4", "onsets": groups.insert(.jamoOnsets)
            default:
                throw ModelError(.invalidOption, "unknown feature group \"\(name)\"; use char1-4, words, lexicon, morphemes, "
                                 + "word-bigrams, raw-char1-4, lexicon-scores, jamo1-4, jamo-onset1-4")
            }
        }
        guard !groups.isEmpty else { throw ModelError(.invalidOption, "no feature groups named") }
        self = groups
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " { slice = slice.dropFirst() }
        while let last = slice.last, last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
