import MalmoiCore
import MalmoiLabel
import Testing

@Suite struct LabelTaskTests {
    let task = try! LabelTask(configuration: ["labels": ["긍정", "부정", "중립"]])
    let multi = try! LabelTask(configuration: ["labels": ["배송", "품질", "가격"], "multi": true])
    let item = Item(id: "rev-1", text: "배송이 빨라요.")

    @Test(arguments: [
        ("긍정", #"{"labels":["긍정"]}"#),
        ("2", #"{"labels":["부정"]}"#),
        (" 3 ", #"{"labels":["중립"]}"#),
        ("2 | 환불을 요구함", #"{"labels":["부정"],"rationale":"환불을 요구함"}"#),
    ])
    func typedAnswersBecomePayloads(answer: String, expected: String) throws {
        #expect(try task.parse(answer: answer).serialized() == expected)
    }

    @Test func multiLabelAnswersAreOrderedByTheLabelSet() throws {
        #expect(try multi.parse(answer: "가격, 배송").serialized() == #"{"labels":["배송","가격"]}"#)
    }

    @Test(arguments: ["행복", "4", "", "1,2"])
    func badAnswersAreRefusedWithAMessage(answer: String) {
        #expect(throws: TaskError.self) { try task.parse(answer: answer) }
    }

    @Test func jsonAnswersAreAccepted() throws {
        #expect(try task.parse(json: ["label": "중립"]).serialized() == #"{"labels":["중립"]}"#)
        #expect(try multi.parse(json: ["품질", "가격"]).serialized() == #"{"labels":["품질","가격"]}"#)
    }

    @Test func validationBlocksUnknownLabelsAndWarnsOnCopiedRationale() {
        #expect(task.validate(["labels": ["기쁨"]], for: item).contains { $0.isError && $0.code == "unknown-label" })
        let findings = task.validate(["labels": ["긍정"], "rationale": "배송이 빨라요."], for: item)
        #expect(findings.map(\.code) == ["rationale-copies-text"])
        #expect(findings.allSatisfy { !$0.isError })
    }

    @Test func agreementRecordsUseStringsOrSets() {
        let a = Annotation(id: 1, item: "x", annotator: "kim", payload: ["labels": ["부정"]], submittedAt: "")
        #expect(task.agreementRecords(for: [a]) == [AgreementRecord(item: "x", annotator: "kim", label: "부정")])
        let b = Annotation(id: 2, item: "x", annotator: "lee", payload: ["labels": ["배송", "가격"]], submittedAt: "")
        #expect(multi.agreementRecords(for: [b]).first?.label == ["배송", "가격"])
    }

    @Test func goldScoreIsExactOrJaccard() {
        #expect(task.goldScore(["labels": ["긍정"]], gold: ["labels": ["긍정"]]) == 1)
        #expect(task.goldScore(["labels": ["부정"]], gold: "긍정") == 0)
        #expect(multi.goldScore(["labels": ["배송", "품질"]], gold: ["labels": ["배송"]]) == 0.5)
    }

    @Test func configurationWithoutLabelsIsRefused() {
        #expect(throws: TaskError.self) { try LabelTask(configuration: [:]) }
        #expect(throws: TaskError.self) { try LabelTask(configuration: ["labels": ["a", "a"]]) }
    }

    @Test func projectsWithABadConfigurationAreRefusedThroughTheModule() {
        var message: String?
        do { _ = try LabelTask(configuration: ["labels": ["긍정", "부정"], "multi": "네"]) } catch let error as TaskError { message = error.message } catch {}
        #expect(message == "\"multi\" must be true or false")
    }

    @Test func aKindWithoutItsOwnExportFormatsRefusesOne() throws {
        let task = try LabelTask(configuration: ["labels": ["긍정", "부정"]])
        #expect(task.exportFormats.isEmpty)
        #expect(LabelTask.textOffsetFields == TextOffsetField.spans)
        #expect(throws: TaskError.self) {
            try task.writeExport(format: "korquad", forEachItem: { _ in }, to: ByteWriter(fileDescriptor: 1))
        }
    }
}
