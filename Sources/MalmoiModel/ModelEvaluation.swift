import MalmoiCore

/// Precision, recall and F1 of predictions against gold labels, per label and macro-averaged, with
/// the confusion matrix (single-label data).
///
/// ```swift
/// let evaluation = ModelEvaluation(labels: model.labels, gold: gold.map(\.labels),
///                                  predicted: model.predict(gold.map(\.text)).map(\.labels))
/// evaluation.perLabel["1"]?.f1
/// ```
/// For each label, a true positive is an example whose gold and predicted labels both contain it;
/// F1 = 2PR / (P + R), 0 when undefined. Macro figures are the unweighted means over the labels.
public struct ModelEvaluation: Sendable {
    /// The figures of one label.
    public struct Figures: Hashable, Sendable {
        /// Examples with the label in both gold and prediction.
        public var truePositives = 0
        /// Examples predicted with the label that do not have it.
        public var falsePositives = 0
        /// Examples with the label that were not predicted with it.
        public var falseNegatives = 0
        /// Examples with the label in gold.
        public var support: Int { truePositives + falseNegatives }
        /// TP / (TP + FP), 0 when nothing was predicted.
        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        /// TP / (TP + FN), 0 when the label never occurs.
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        /// The harmonic mean of precision and recall, 0 when both are 0.
        public var f1: Double {
            let (p, r) = (precision, recall)
            return p + r > 0 ? 2 * p * r / (p + r) : 0
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
    }

    /// The labels, in the model's order (gold labels the model does not know are appended).
    public var labels: [String]
    /// The figures of each label.
    public var perLabel: [String: Figures]
    /// `confusion[gold][predicted]` counts, for single-label data (empty otherwise).
    public var confusion: [[Int]]
    /// Examples scored.
    public var examples: Int
    /// Examples whose predicted label set equals the gold set.
    public var exactMatches: Int

    /// Scores predictions.
    /// - Parameters:
    ///   - labels: the model's labels.
    ///   - gold: each example's gold labels.
    ///   - predicted: each example's predicted labels, in the same order.
    public init(labels: [String], gold: [[String]], predicted: [[String]]) {
        var all = labels
        for set in gold { for label in set where !all.contains(label) { all.append(label) } }
        self.labels = all
        var figures = [String: Figures]()
        for label in all { figures[label] = Figures() }
        let index = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1, $0) })
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: all.count), count: all.count)
        let singleLabel = gold.allSatisfy { $0.count == 1 } && predicted.allSatisfy { $0.count == 1 }
        var exact = 0
        for (g, p) in zip(gold, predicted) {
            if Set(g) == Set(p) { exact += 1 }
            for label in all {
                let inGold = g.contains(label)
                let inPredicted = p.contains(label)
                if inGold && inPredicted { figures[label]!.truePositives += 1 }
                if !inGold && inPredicted { figures[label]!.falsePositives += 1 }
                if inGold && !inPredicted { figures[label]!.falseNegatives += 1 }
            }
            if singleLabel { confusion[index[g[0]]!][index[p[0]]!] += 1 }
        }
        perLabel = figures
        self.confusion = singleLabel ? confusion : []
        examples = gold.count
        exactMatches = exact
    }

    /// The mean precision over labels.
    public var macroPrecision: Double { mean(\.precision) }
    /// The mean recall over labels.
    public var macroRecall: Double { mean(\.recall) }
    /// The mean F1 over labels.
    public var macroF1: Double { mean(\.f1) }
    /// The share of examples predicted exactly (accuracy for single-label data).
    public var accuracy: Double { examples > 0 ? Double(exactMatches) / Double(examples) : 0 }

    func mean(_ key: KeyPath<Figures, Double>) -> Double {
        guard !labels.isEmpty else { return 0 }
        return labels.map { perLabel[$0]![keyPath: key] }.reduce(0, +) / Double(labels.count)
    }

    /// The evaluation as JSON (`schema_version` 1).
    public var json: JSONValue {
        var perLabelJSON = JSONObject()
        for label in labels {
            let f = perLabel[label]!
            perLabelJSON[label] = [
                "precision": .number(f.precision), "recall": .number(f.recall), "f1": .number(f.f1),
                "support": .int(f.support), "tp": .int(f.truePositives), "fp": .int(f.falsePositives),
                "fn": .int(f.falseNegatives),
            ]
        }
        var object: JSONObject = [
            "schema_version": 1,
            "examples": .int(examples),
            "accuracy": .number(accuracy),
            "labels": .object(perLabelJSON),
            "macro": ["precision": .number(macroPrecision), "recall": .number(macroRecall), "f1": .number(macroF1)],
        ]
        if !confusion.isEmpty {
            object["confusion"] = [
                "labels": .array(labels.map { .string($0) }),
                "rows_gold_columns_predicted": .array(confusion.map { .array($0.map { .int($0) }) }),
            ]
        }
        return .object(object)
    }

    /// The evaluation as a table for people.
    public var table: String {
        func format(_ x: Double) -> String { FixedDecimal.halfAwayFromZero(x, digits: 4) ?? String(x) }
        func pad(_ s: String, _ width: Int) -> String {
            let count = s.count
            return count >= width ? s : s + String(repeating: " ", count: width - count)
        }
        let width = max(8, (labels.map(\.count).max() ?? 0) + 2)
        var lines = [pad("label", width) + "precision  recall  f1      support"]
        for label in labels {
            let f = perLabel[label]!
            lines.append(pad(label, width) + pad(format(f.precision), 11) + pad(format(f.recall), 8) + pad(format(f.f1), 8)
                         + String(f.support))
        }
        lines.append(pad("macro", width) + pad(format(macroPrecision), 11) + pad(format(macroRecall), 8)
                     + pad(format(macroF1), 8) + String(examples))
        lines.append("accuracy \(format(accuracy)) (\(exactMatches)/\(examples))")
        if !confusion.isEmpty {
            lines.append("")
            lines.append("confusion (rows gold, columns predicted)")
            lines.append(pad("", width) + labels.map { pad($0, width) }.joined())
            for (row, label) in labels.enumerated() {
                lines.append(pad(label, width) + confusion[row].map { pad(String($0), width) }.joined())
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
