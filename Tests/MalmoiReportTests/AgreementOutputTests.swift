import MalmoiAgreement
import MalmoiCore
import MalmoiReport
import Testing

@Suite("The output of malmoi agree")
struct AgreementOutputTests {
    /// Three annotators labelling four reviews; alpha is defined.
    static let summary: AgreementSummary = {
        let labels: [(String, String, JSONValue)] = [
            ("r1", "김", "긍정"), ("r1", "이", "긍정"), ("r1", "박", "긍정"),
            ("r2", "김", "부정"), ("r2", "이", "부정"), ("r2", "박", "중립"),
            ("r3", "김", "중립"), ("r3", "이", "중립"), ("r3", "박", "중립"),
            ("r4", "김", "부정"), ("r4", "이", "긍정"), ("r4", "박", "부정"),
        ]
        let data = try! ReliabilityData(records: labels.map { AgreementRecord(item: $0.0, annotator: $0.1, label: $0.2) })
        return AgreementSummary(reports: [AgreementScorer.score(data, options: AgreementOptions(metrics: [.krippendorffAlphaNominal, .fleissKappa]))])
    }()

    @Test("JSON is the summary's object on one line, with the task figures under task_agreement")
    func jsonCarriesTaskFigures() throws {
        let figures: JSONObject = ["answers": ["exact_match": 0.5]]
        let text = AgreementOutput.rendered(Self.summary, taskFigures: figures, title: "리뷰", as: .json)
        #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1)
        var expected = try #require(Self.summary.jsonValue.objectValue)
        expected["task_agreement"] = .object(figures)
        #expect(text == JSONValue.object(expected).serialized() + "\n")
        #expect(AgreementOutput.rendered(nil, taskFigures: figures, title: "리뷰", as: .json)
                == "{\"task_agreement\":{\"answers\":{\"exact_match\":0.5}}}\n")
    }

    @Test("the table puts the task figures after the coefficients, separated by an empty line")
    func tableAppendsTaskFigures() {
        let figures: JSONObject = ["rouge1": 0.25]
        let table = AgreementOutput.rendered(Self.summary, taskFigures: figures, title: "t", as: .table)
        #expect(table == Self.summary.table() + "\n" + AgreementSummary.figureTable(figures))
        #expect(table.contains("krippendorff_alpha_nominal"))
        #expect(AgreementOutput.rendered(nil, taskFigures: figures, title: "t", as: .table) == AgreementSummary.figureTable(figures))
        #expect(AgreementOutput.rendered(Self.summary, taskFigures: nil, title: "t", as: .html).contains("<html"))
    }
}
