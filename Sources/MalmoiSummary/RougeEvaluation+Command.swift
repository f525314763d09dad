import MalmoiCore
import MalmoiText

extension RougeEvaluation {
    /// Scores a file of candidate summaries against a file of references, pair by pair, as
    /// `malmoi summary rouge` does.
    /// - Parameters:
    ///   - referencePath: the references, one per line (or per JSONL record).
    ///   - candidatePath: the candidates, in the same order.
    ///   - format: how the lines are read (text, or JSONL strings or `{"text"}` objects).
    ///   - tokenize: the token unit; `morph` loads mecab-ko-dic from `dictionary` (else the installed one).
    ///   - dictionary: the mecab-ko-dic directory, or nil to find it.
    ///   - lowercases: lowercase the text first, as rouge-score does.
    ///   - sentenceMode: how ROUGE-Lsum finds sentences.
    ///   - metrics: the comma-separated variants to compute, or nil for all (``metrics(parsing:)``).
    ///   - normalization: the step applied to every summary first.
    ///   - jobs: the threads the pairs are scored on.
    /// - Returns: the scores of every pair and the names of the variants selected.
    /// - Throws: ``SummaryError`` for unreadable or unpaired files or an unknown variant, ``MorphError``
    ///   when the dictionary cannot be loaded.
    public static func score(referencePath: String, candidatePath: String, format: InputFormat, tokenize: RougeTokenizer.Mode,
                             dictionary: String?, lowercases: Bool, sentenceMode: RougeScorer.SentenceMode, metrics: String?,
                             normalization: InputNormalization, jobs: Int) throws -> (pairs: [RougeScores], selected: Set<String>) {
        let morphemes = try Self.morphemes(for: tokenize, dictionary: dictionary)
        var scorer = RougeScorer(tokenizer: try RougeTokenizer(tokenize, morphemes: morphemes, lowercases: lowercases), sentenceMode: sentenceMode)
        let selected = try Self.metrics(parsing: metrics)
        scorer.computesLsum = selected.contains("rougeLsum")
        let pairs = try score(referencePath: referencePath, candidatePath: candidatePath, format: format, normalization: normalization,
                              scorer: scorer, jobs: jobs)
        return (pairs, selected)
    }
}
