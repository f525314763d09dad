import MalmoiCore
import MalmoiText
import MalmoiMorph

extension RougeEvaluation {
    /// The analyzer a token unit needs: mecab-ko-dic (from `dictionary`, else discovered) for `.morph`,
    /// nil for the other units.
    /// - Throws: ``SummaryError`` `.morphemesUnavailable` when no dictionary is found; ``MorphError``
    ///   when the one found cannot be loaded.
    public static func morphemes(for mode: RougeTokenizer.Mode, dictionary: String?) throws -> Analyzer? {
        guard mode == .morph else { return nil }
        do {
            return Analyzer(dictionary: try SystemDictionary.discover(explicit: dictionary))
        } catch let error as MorphError where error.code == .dictionaryNotFound {
            throw SummaryError(.morphemesUnavailable, "--tokenize morph needs mecab-ko-dic: \(error.message); or use --tokenize eojeol or char")
        }
    }

    /// Reads the reference and candidate files (line i of each is a pair) and scores every pair, in
    /// input order, as ``score(_:_:scorer:jobs:)`` does.
    /// - Throws: ``InputError`` for a bad line; ``SummaryError`` `.lineCountMismatch` when the files
    ///   hold different numbers of summaries.
    public static func score(referencePath: String, candidatePath: String, format: InputFormat,
                             normalization: InputNormalization = .none, scorer: RougeScorer, jobs: Int) throws -> [RougeScores] {
        let references = try readSummaries(path: referencePath, format: format).map(normalization.normalizedText)
        let candidates = try readSummaries(path: candidatePath, format: format).map(normalization.normalizedText)
        guard references.count == candidates.count else {
            throw SummaryError(.lineCountMismatch, "\(referencePath) has \(references.count) summaries and \(candidatePath) has \(candidates.count); line i of each must be a pair")
        }
        guard !references.isEmpty else {
            throw SummaryError(.lineCountMismatch, "\(referencePath) and \(candidatePath) hold no summary; a mean over no pair is not 0, so there is nothing to report")
        }
        return score(references, candidates, scorer: scorer, jobs: jobs)
    }
}
