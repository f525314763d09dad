import MalmoiCore
import MalmoiModel
import Testing

@Suite("Model evaluation")
struct ModelEvaluationTests {
    @Test("precision, recall, F1 and the confusion matrix match a hand count")
    func handCounted() {
        // gold:      긍 긍 긍 부 부 부
        // predicted: 긍 긍 부 부 부 긍
        let gold = [["긍정"], ["긍정"], ["긍정"], ["부정"], ["부정"], ["부정"]]
        let predicted = [["긍정"], ["긍정"], ["부정"], ["부정"], ["부정"], ["긍정"]]
        let evaluation = ModelEvaluation(labels: ["긍정", "부정"], gold: gold, predicted: predicted)
        let positive = evaluation.perLabel["긍정"]!
        #expect(positive.truePositives == 2 && positive.falsePositives == 1 && positive.falseNegatives == 1)
        #expect(abs(positive.precision - 2.0 / 3) < 1e-12)
        #expect(abs(positive.f1 - 2.0 / 3) < 1e-12)
        #expect(evaluation.confusion == [[2, 1], [1, 2]])
        #expect(abs(evaluation.macroF1 - 2.0 / 3) < 1e-12)
        #expect(evaluation.json["confusion"]?["rows_gold_columns_predicted"] == [[2, 1], [1, 2]])
        #expect(evaluation.table.contains("accuracy 0.6667 (4/6)"))
    }

    @Test("a label never predicted has precision and F1 0, not NaN")
    func neverPredicted() {
        let evaluation = ModelEvaluation(labels: ["0", "1"], gold: [["1"], ["0"]], predicted: [["0"], ["0"]])
        #expect(evaluation.perLabel["1"]!.precision == 0)
        #expect(evaluation.perLabel["1"]!.f1 == 0)
    }
}
