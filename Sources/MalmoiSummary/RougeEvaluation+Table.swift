import MalmoiCore

extension RougeEvaluation {
    /// The variant names `--metrics` accepts, in output order.
    public static let metricNames: [String] = ["rouge1", "rouge2", "rougeL", "rougeLsum"]

    /// The variants named by a comma-separated `--metrics` value (all of them for nil).
    /// - Throws: ``SummaryError`` naming an unknown variant, or when the list names none.
    public static func metrics(parsing list: String?) throws -> Set<String> {
        guard let list else { return Set(metricNames) }
        let chosen = Set(list.split(separator: ",").map { String($0).trimmingBlanks })
        if let unknown = chosen.subtracting(metricNames).first {
            throw SummaryError(.invalidSetting, "unknown --metrics variant '\(unknown)'; known: \(metricNames.joined(separator: ", "))")
        }
        if chosen.isEmpty { throw SummaryError(.invalidSetting, "--metrics names no variant") }
        return chosen
    }

    /// The table of `malmoi summary rouge`: the pair count, then per selected variant the mean precision,
    /// recall and F and the median F, tab-separated with four decimals.
    public static func table(tokenize: RougeTokenizer.Mode, pairs: [RougeScores], selected: Set<String>) -> String {
        var aggregate = RougeAggregate()
        for scores in pairs { aggregate.add(scores) }
        var text = "pairs\t\(aggregate.count)\ttokenize \(tokenize.rawValue)\nmetric\tP\tR\tF\tF median\n"
        for (index, entry) in aggregate.mean.named.enumerated() where selected.contains(entry.name) {
            let figures = [entry.score.precision, entry.score.recall, entry.score.fmeasure, aggregate.fmeasureQuantiles(variant: index)[2]]
            text += entry.name + figures.map { "\t" + FixedDecimal.format($0) }.joined() + "\n"
        }
        return text
    }
}
