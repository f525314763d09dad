import MalmoiCore
import MalmoiQA
import Testing

@Suite struct KorQuADConverterTests {
    static let squad2 = """
        {"version": "v2.0", "data": [{"title": "독도", "paragraphs": [{"context": "독도는 동해에 있는 섬이다.", "qas": [
         {"question": "독도의 수도는?", "id": "d-1", "answers": [], "is_impossible": true,
          "plausible_answers": [{"text": "동해", "answer_start": 4}]},
         {"question": "독도는 어디에 있나?", "id": "d-2", "answers": [{"text": "동해", "answer_start": 4}], "is_impossible": false}]}]}]}
        """
    static let korquad2 = """
        {"version": "KorQuAD_2.0_dev", "data": [{"title": "세종", "url": "https://ko.wikipedia.org/wiki/세종", "context": "<p>세종은 조선의 임금이다.</p>",
         "raw_html": "<html><p>세종은 조선의 임금이다.</p></html>", "qas": [{"question": "세종은 어느 나라 임금인가?",
         "answer": {"text": "조선", "answer_start": 7, "html_answer_start": 13, "html_answer_text": "조선"}, "id": "s-1"}]}]}
        """

    @Test(arguments: [Self.squad2, Self.korquad2])
    func parsingAndWritingKeepsEveryKeyInOrder(text: String) throws {
        let original = try JSONValue.parse(text)
        let dataset = try KorQuADDataset(json: original)
        #expect(dataset.serialized() == original.serialized())
    }

    @Test func sampleFileRoundTripsThroughItems() throws {
        let dataset = try KorQuADDataset(contentsOf: QAFixtures.sample)
        let original = try JSONValue.parse(String(decoding: try readAll(QAFixtures.sample), as: UTF8.self))
        for unit in KorQuADConverter.Unit.allCases {
            let items = KorQuADConverter.items(from: dataset, unit: unit)
            // Through JSON text, as the JSONL file would carry them.
            let reread = try items.map { (object: try JSONValue.parse(JSONValue.object($0).serialized()).objectValue!, location: Optional<MalmoiCore.SourceLocation>.none) }
            let back = try KorQuADConverter.dataset(from: reread)
            #expect(back.serialized() == original.serialized(), "unit \(unit)")
        }
    }

    @Test(arguments: [Self.squad2, Self.korquad2])
    func otherFormsRoundTripThroughItems(text: String) throws {
        let original = try JSONValue.parse(text)
        let dataset = try KorQuADDataset(json: original)
        for unit in KorQuADConverter.Unit.allCases {
            let items = KorQuADConverter.items(from: dataset, unit: unit).map { (object: $0, location: Optional<MalmoiCore.SourceLocation>.none) }
            #expect(try KorQuADConverter.dataset(from: items).serialized() == original.serialized(), "unit \(unit)")
        }
    }

    @Test func annotatorsQuestionsAndValidationAnswersAreAdded() throws {
        let dataset = try KorQuADDataset(json: try JSONValue.parse(Self.squad2))
        var paragraph = KorQuADConverter.items(from: dataset, unit: .paragraph)[0]
        paragraph["record"] = "item"
        paragraph["schema_version"] = 1
        let written: JSONValue = ["question": "독도는 무엇인가?", "answers": [["text": "섬", "answer_start": 11]]]
        paragraph["annotations"] = [["annotator": "kim", "payload": written, "reviews": [["verdict": "accepted"]]],
                                    ["annotator": "lee", "payload": written, "reviews": [["verdict": "rejected"]]]]
        let all = try KorQuADConverter.dataset(from: [(paragraph, nil)])
        #expect(all.articles[0].paragraphs[0].questions.map(\.id) == ["d-1", "d-2", "0-0-2", "0-0-3"])
        let accepted = try KorQuADConverter.dataset(from: [(paragraph, nil)], acceptedOnly: true)
        #expect(accepted.articles[0].paragraphs[0].questions.count == 3)

        var question = KorQuADConverter.items(from: dataset, unit: .question)[1]
        question["record"] = "item"
        question["annotations"] = [["annotator": "park", "payload": ["answers": [["text": "동해", "answer_start": 4]]]]]
        let validated = try KorQuADConverter.dataset(from: [(question, nil)])
        #expect(validated.articles[0].paragraphs[0].questions[0].answers.count == 2)
    }

    @Test func badAnswerStartNamesTheField() throws {
        let text = #"{"data": [{"title": "t", "paragraphs": [{"context": "c", "qas": [{"id": "1", "question": "q", "answers": [{"text": "c", "answer_start": -1}]}]}]}]}"#
        let error = try #require(throws: QAError.self) { try KorQuADDataset(json: try JSONValue.parse(text), path: "x.json") }
        #expect(error.description == #"x.json: field "data[0].paragraphs[0].qas[0].answers[0].answer_start": expected a non-negative integer, found -1"#)
    }

    private func readAll(_ path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try ByteLineReader(path: path).forEachLine { line, _ in bytes.append(contentsOf: line); bytes.append(10) }
        return bytes
    }
}
