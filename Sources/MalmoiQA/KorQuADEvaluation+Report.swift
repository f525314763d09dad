import MalmoiCore

extension KorQuADEvaluation {
    /// Checks that a gold file can be scored: it holds a question, and every question has a gold answer
    /// (the metric is a maximum over gold answers: with none it is undefined, not 0).
    /// - Throws: ``QAError`` naming `path` (and the `answers` field).
    public static func checkScorable(_ gold: KorQuADDataset, path: String) throws {
        let questions = gold.articles.flatMap(\.paragraphs).flatMap(\.questions)
        guard !questions.isEmpty else { throw QAError(.invalidValue, "the gold file holds no question", path: path) }
        if let unanswered = questions.first(where: { $0.answers.isEmpty }) {
            throw QAError(.invalidValue, "gold question \(ProjectLimits.escapedForTerminal(unanswered.id)) has no answers; "
                          + "KorQuAD 1.0 scoring needs at least one (remove unanswerable questions first)", path: path, field: "answers")
        }
    }
}

extension KorQuADEvaluation.Result {
    /// The table of `malmoi qa eval`, tab-separated: with `details`, one line per question (id, EM, F1 with
    /// four decimals, prediction, gold answers joined by ` | `), then the question count, EM and F1.
    public func table(details showsDetails: Bool) -> String {
        var text = ""
        if showsDetails {
            text += "id\tEM\tF1\tprediction\tgold\n"
            for detail in details {
                text += "\(detail.id)\t\(Int(detail.exactMatch))\t\(FixedDecimal.format(detail.f1))\t"
                    + "\(detail.prediction ?? "(missing)")\t\(detail.golds.joined(separator: " | "))\n"
            }
        }
        return text + "questions\t\(total)\nexact_match\t\(exactMatch)\nf1\t\(f1)\n"
    }
}
