import MalmoiQA
import Testing

@Suite struct KorQuADTableTests {
    @Test func tableWithDetailsListsEveryQuestionThenTheTotals() throws {
        let gold = try KorQuADDataset(contentsOf: QAFixtures.sample)
        try KorQuADEvaluation.checkScorable(gold, path: QAFixtures.sample)
        let result = KorQuADEvaluation.evaluate(gold, predictions: try KorQuADEvaluation.predictions(contentsOf: QAFixtures.predictions))
        let lines = result.table(details: true).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "id\tEM\tF1\tprediction\tgold")
        #expect(lines.count == 1 + 8 + 3 + 1)
        // hg-1-0 "1988년 서울 올림픽" against "1988년": F1 2/3, written with four decimals.
        #expect(lines.contains { $0.hasPrefix("hg-1-0\t0\t0.6667\t1988년 서울 올림픽\t") })
        #expect(lines.contains { $0.hasPrefix("hg-0-1\t0\t0.0000\t(missing)\t") })
        #expect(result.table(details: false) == "questions\t8\nexact_match\t37.5\nf1\t80.83333333333333\n")
    }

    @Test func goldWithoutQuestionsOrAnswersCannotBeScored() throws {
        var gold = try KorQuADDataset(contentsOf: QAFixtures.sample)
        gold.articles[0].paragraphs[0].questions[0].answers = []
        #expect(throws: QAError.self) { try KorQuADEvaluation.checkScorable(gold, path: "gold.json") }
        gold.articles = []
        #expect(throws: QAError.self) { try KorQuADEvaluation.checkScorable(gold, path: "gold.json") }
    }
}
