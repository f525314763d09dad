import MalmoiModel
import MalmoiText
import Testing

@Suite("Model evaluation table")
struct ModelEvaluationTextTableTests {
    @Test("columns line up by display width with Hangul and ASCII labels")
    func alignedByDisplayWidth() {
        let gold = [["긍정"], ["긍정"], ["긍정"], ["부정"], ["부정"], ["neutral"]]
        let predicted = [["긍정"], ["긍정"], ["부정"], ["부정"], ["부정"], ["긍정"]]
        let evaluation = ModelEvaluation(labels: ["긍정", "부정", "neutral"], gold: gold, predicted: predicted)
        let table = evaluation.textTable
        #expect(table.contains("accuracy 0.6667 (4/6)\n"))
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // label  precision  recall  f1  support: every row as wide as the heading, numbers right-aligned.
        let scoreLines = Array(lines.prefix(5))
        #expect(scoreLines[0].hasPrefix("label  ") && scoreLines[0].hasSuffix("support"))
        #expect(scoreLines[1] == "긍정        0.6667  0.6667  0.6667        3")
        #expect(Set(scoreLines.map { DisplayWidth.columns(of: $0) }).count == 1, "\(scoreLines)")
        #expect(scoreLines[4].hasPrefix("macro ") && scoreLines[4].hasSuffix("  6"))
        // The confusion matrix: heading of labels, one right-aligned row per gold label.
        let start = lines.firstIndex(of: "confusion (rows gold, columns predicted)")!
        let matrix = Array(lines[(start + 1)...(start + 4)])
        #expect(matrix[0].trimmingPrefixSpaces == "긍정  부정  neutral")
        #expect(Set(matrix.map { DisplayWidth.columns(of: $0) }).count == 1, "\(matrix)")
        #expect(matrix[3].hasPrefix("neutral") && matrix[3].hasSuffix("1     0        0"))
    }
}

extension String {
    fileprivate var trimmingPrefixSpaces: String { String(drop { $0 == " " }) }
}
