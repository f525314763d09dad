import MalmoiCore
import MalmoiMorph

extension ExtractiveDrafter {
    /// How `summary draft` compares sentences: by content morphemes (needs mecab-ko-dic) or by
    /// character bigrams.
    public enum Similarity: String, CaseIterable, Sendable {
        /// Content morphemes of mecab-ko-dic's analysis; character bigrams when no dictionary is installed.
        case morph
        /// Character bigrams.
        case bigram
    }

    /// The analyzer a drafter compares sentences with: for `.morph`, one over the mecab-ko-dic at
    /// `dictionary` (else the installed one, see ``SystemDictionary/discover(explicit:)``); nil for
    /// `.bigram`, and nil with a warning for `.morph` when no dictionary is found.
    public static func analyzer(for similarity: Similarity, dictionary: String?) -> (analyzer: Analyzer?, warning: String?) {
        guard similarity == .morph else { return (nil, nil) }
        guard let found = try? SystemDictionary.discover(explicit: dictionary) else {
            return (nil, "no mecab-ko-dic dictionary found; drafting with character-bigram similarity")
        }
        return (Analyzer(dictionary: found), nil)
    }
}
