/// Precision, recall and F-measure of one ROUGE variant, each in `[0, 1]`.
///
/// ```swift
/// let score = RougeScore(precision: 0.5, recall: 0.25)
/// score.fmeasure   // 0.333…
/// ```
/// The F-measure is the harmonic mean `2PR / (P + R)` (0 when both are 0), computed in the same order of
/// operations as the `rouge-score` Python package so the numbers agree to the last bit.
public struct RougeScore: Hashable, Sendable {
    /// Matched units over the units of the candidate (the summary being scored).
    public var precision: Double
    /// Matched units over the units of the reference.
    public var recall: Double
    /// The harmonic mean of precision and recall.
    public var fmeasure: Double

    /// A score from precision and recall; the F-measure is computed.
    public init(precision: Double, recall: Double) {
        self.precision = precision
        self.recall = recall
        self.fmeasure = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    /// A score with all three values given.
    public init(precision: Double, recall: Double, fmeasure: Double) {
        self.precision = precision
        self.recall = recall
        self.fmeasure = fmeasure
    }

    /// All zero.
    public static let zero = RougeScore(precision: 0, recall: 0, fmeasure: 0)
}

/// ROUGE-1, ROUGE-2, ROUGE-L and summary-level ROUGE-Lsum for one reference–candidate pair.
public struct RougeScores: Hashable, Sendable {
    /// Unigram overlap.
    public var rouge1: RougeScore
    /// Bigram overlap.
    public var rouge2: RougeScore
    /// Longest common subsequence of the whole token sequences.
    public var rougeL: RougeScore
    /// Summary-level LCS: union LCS of each reference sentence against all candidate sentences.
    public var rougeLsum: RougeScore

    /// Creates the four scores.
    public init(rouge1: RougeScore, rouge2: RougeScore, rougeL: RougeScore, rougeLsum: RougeScore) {
        self.rouge1 = rouge1
        self.rouge2 = rouge2
        self.rougeL = rougeL
        self.rougeLsum = rougeLsum
    }

    /// The variants by their `rouge-score` names, in order.
    public var named: [(name: String, score: RougeScore)] {
        [("rouge1", rouge1), ("rouge2", rouge2), ("rougeL", rougeL), ("rougeLsum", rougeLsum)]
    }
}
