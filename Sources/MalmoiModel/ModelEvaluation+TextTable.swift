import MalmoiCore
import MalmoiText

extension ModelEvaluation {
    /// The evaluation for people at a terminal (`malmoi model eval`): precision, recall, F1 and support per
    /// label and macro, the accuracy, and the confusion matrix, with columns aligned by display width
    /// (``TextTable``), so Hangul labels line up.
    public var textTable: String {
        var scores = TextTable(columns: [.left("label"), .right("precision"), .right("recall"), .right("f1"), .right("support")])
        func figures(_ name: String, _ p: Double, _ r: Double, _ f: Double, _ count: Int) -> [String] {
            [name, FixedDecimal.format(p), FixedDecimal.format(r), FixedDecimal.format(f), String(count)]
        }
        for label in labels {
            let f = perLabel[label] ?? Figures()
            scores.append(figures(label, f.precision, f.recall, f.f1, f.support))
        }
        scores.append(figures("macro", macroPrecision, macroRecall, macroF1, examples))
        var text = scores.rendered() + "accuracy \(FixedDecimal.format(accuracy)) (\(exactMatches)/\(examples))\n"
        if !confusion.isEmpty {
            var matrix = TextTable(columns: [TextTable.Column.left("")] + labels.map { TextTable.Column.right($0) })
            for (row, label) in labels.enumerated() { matrix.append([label] + confusion[row].map(String.init)) }
            text += "\nconfusion (rows gold, columns predicted)\n" + matrix.rendered()
        }
        return text
    }
}
