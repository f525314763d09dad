import MalmoiCore
import MalmoiQA
import Testing

/// The warnings `qa eval` and `qa import` print.
@Suite("KorQuAD warnings")
struct KorQuADReportsTests {
    /// One paragraph with `count` questions whose answer "세종" stands at `start`.
    static func dataset(questions count: Int, start: Int, version: String = "KorQuAD_v1.0_dev") throws -> KorQuADDataset {
        let context = "훈민정음은 세종이 만들었다."
        let qas: [JSONValue] = (0..<count).map { index in
            ["id": .string("q\(index)"), "question": "누가 만들었나?", "answers": [["text": "세종", "answer_start": .int(start)]]]
        }
        return try KorQuADDataset(json: ["version": .string(version),
                                         "data": [["title": "한글", "paragraphs": [["context": .string(context), "qas": .array(qas)]]]]])
    }

    @Test("eval warns about the version, the first 20 unanswered questions and unknown predictions")
    func evalWarnings() throws {
        let result = KorQuADEvaluation.evaluate(try Self.dataset(questions: 23, start: 6, version: "KorQuAD_v2.0_dev"),
                                                predictions: ["q0": "세종", "없는질문": "x"])
        let warnings = result.warnings
        #expect(warnings.count == 1 + 20 + 1 + 1)
        #expect(warnings[0] == "evaluation expects KorQuAD_v1.0, but got dataset version KorQuAD_v2.0")
        #expect(warnings[1] == "unanswered question q1 will receive score 0")
        #expect(warnings[21] == "… and 2 more unanswered questions")
        #expect(warnings[22] == "1 prediction(s) match no question, e.g. 없는질문")
        #expect(KorQuADEvaluation.evaluate(try Self.dataset(questions: 1, start: 6), predictions: ["q0": "세종"]).warnings.isEmpty)
    }

    @Test("import names the first 20 misplaced answers and counts them all")
    func misplaced() throws {
        let warnings = try Self.dataset(questions: 21, start: 2).misplacedAnswerWarnings(path: "dev.json")
        #expect(warnings.count == 21)
        #expect(warnings[0] == "dev.json: data[0] paragraph 0 question q0: answer \"세종\" is not at answer_start 2")
        #expect(warnings[20] == "21 answers in all do not match their context")
        #expect(try Self.dataset(questions: 21, start: 6).misplacedAnswerWarnings(path: "dev.json").isEmpty)
    }
}
