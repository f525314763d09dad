import MalmoiCore
import MalmoiText

extension KorQuADEvaluation {
    /// Scores a prediction file against a KorQuAD (SQuAD) gold file, as `malmoi qa eval` does: reads
    /// both, checks that the gold file has questions with answers, and computes EM and F1 like the
    /// official KorQuAD 1.0 script (``evaluate(_:predictions:normalization:)``).
    /// - Parameters:
    ///   - goldPath: the KorQuAD JSON file with the gold answers.
    ///   - predictionsPath: one JSON object mapping question ids to answer strings.
    ///   - normalization: the step applied to predictions and answers before comparing (`none` keeps the
    ///     official script's behaviour).
    /// - Throws: ``QAError`` naming the file (and line) that cannot be used.
    public static func evaluate(goldPath: String, predictionsPath: String, normalization: InputNormalization) throws -> Result {
        let dataset = try KorQuADDataset(contentsOf: goldPath)
        let predictions = try predictions(contentsOf: predictionsPath)
        try checkScorable(dataset, path: goldPath)
        return evaluate(dataset, predictions: predictions, normalization: normalization)
    }
}
