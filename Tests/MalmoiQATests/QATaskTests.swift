import Foundation
import MalmoiCore
import MalmoiMorph
import MalmoiQA
import Testing

/// A stand-in analyzer that knows a few answers, so the particle check is tested without a dictionary.
struct FakeMorphemes: MorphemeSource {
    func analyze(_ text: String) -> [Morpheme] {
        let table: [String: [(String, String)]] = ["서울에서": [("서울", "NNP"), ("에서", "JKB")], "세종": [("세종", "NNP")],
                                                   "한강": [("한강", "NNP")]]
        var start = 0
        return (table[text] ?? [(text, "NNG")]).map { surface, tag in
            defer { start += surface.unicodeScalars.count }
            return Morpheme(surface: surface, pos: tag, features: [tag], start: start, end: start + surface.unicodeScalars.count)
        }
    }
}

@Suite struct QATaskTests {
    static let passage = "1988년 서울 올림픽 때에는 서울에서 여러 경기가 열렸다. 경기장은 한강 주변에 있었다."
    static let item = Item(id: "p1", text: passage, fields: ["title": "올림픽", "qas": [["id": "x", "question": "경기장은 어느 강 주변에 있었나?"]]])

    static func task(_ config: JSONObject = [:]) throws -> QATask { try QATask(configuration: config, morphemes: FakeMorphemes()) }

    @Test func uniqueAnswerIsLocated() throws {
        let payload = try Self.task().parse(answer: "올림픽이 열린 해는 언제인가? | 1988년", for: Self.item)
        #expect(payload.serialized() == #"{"question":"올림픽이 열린 해는 언제인가?","answers":[{"text":"1988년","answer_start":0}]}"#)
        let findings = try Self.task().validate(payload, for: Self.item)
        #expect(findings.isEmpty)
    }

    @Test func repeatedAnswerAsksForTheOccurrence() throws {
        let task = try Self.task()
        let error = try #require(throws: TaskError.self) { try task.parse(answer: "경기가 열린 도시는 어디인가? | 서울", for: Self.item) }
        #expect(error.message.contains("occurs 2 times"))
        #expect(error.message.contains("1) 1988년 [서울] 올림픽"))
        let second = try task.parse(answer: "경기가 열린 도시는 어디인가? | 서울 #2", for: Self.item)
        #expect(second["answers"]?[0]?["answer_start"] == 17)
    }

    @Test func answerNotInPassageIsRefused() throws {
        #expect(throws: TaskError.self) { try Self.task().parse(answer: "어디인가? | 부산", for: Self.item) }
    }

    @Test(arguments: [
        (#"{"question":"올림픽이 열린 해는 언제인가?","answers":[{"text":"1988년","answer_start":3}]}"#, "answer-not-in-passage"),
        (#"{"question":"올림픽이 열린 해는 언제인가?","answers":[{"text":"1988년"}]}"#, "answer-not-located"),
        (#"{"question":"올림픽이 열린 해는 언제인가?","answers":[{"text":"1988년 ","answer_start":0}]}"#, "answer-spaces"),
        (#"{"question":"경기는 언제 열렸나?","answers":[{"text":"열렸다.","answer_start":29}]}"#, "answer-punctuation"),
        (#"{"question":"경기가 열린 곳은 어디인가?","answers":[{"text":"서울에서","answer_start":17}]}"#, "answer-ends-in-particle"),
        (#"{"question":"언제?","answers":[{"text":"1988년","answer_start":0}]}"#, "question-too-short"),
        (#"{"question":"경기장은 어느 강 주변에 있었나 ?","answers":[{"text":"한강","answer_start":39}]}"#, "duplicate-question"),
        (#"{"question":"경기장은 한강 주변에 있었나?","answers":[{"text":"한강","answer_start":39}]}"#, "answer-in-question"),
        (#"{"question":"서울에서 여러 경기가 열렸나?","answers":[{"text":"1988년","answer_start":0}]}"#, "question-copies-passage"),
        (#"{"question":"올림픽이 열린 해는 언제인가","answers":[{"text":"1988년","answer_start":0}]}"#, "question-form"),
        (#"{"question":"올림픽이 열린 해는 언제인가?","answers":[],"is_impossible":true}"#, "unanswerable-not-allowed"),
    ])
    func validatorFlagsBadWork(payload: String, code: String) throws {
        let findings = try Self.task().validate(try JSONValue.parse(payload), for: Self.item)
        #expect(findings.contains { $0.code == code }, "\(findings)")
    }

    @Test func longAnswerIsAnErrorAndParticleSuggestionNamesTheStem() throws {
        let task = try Self.task(["answer_max_chars": 3])
        let findings = task.validate(try JSONValue.parse(#"{"question":"경기가 열린 곳은 어디인가?","answers":[{"text":"서울에서","answer_start":17}]}"#), for: Self.item)
        #expect(findings.first { $0.code == "answer-too-long" }?.isError == true)
        #expect(findings.first { $0.code == "answer-ends-in-particle" }?.message.contains("\"서울\"") == true)
    }

    @Test func withoutDictionaryTheParticleCheckSaysItWasSkipped() throws {
        let task = try QATask(configuration: [:], morphemes: nil)
        let findings = task.validate(try JSONValue.parse(#"{"question":"경기가 열린 곳은 어디인가?","answers":[{"text":"서울에서","answer_start":17}]}"#), for: Self.item)
        #expect(findings.map(\.code) == ["particle-check-skipped"])
    }

    @Test func unanswerableWhenAllowed() throws {
        let task = try Self.task(["allow_unanswerable": true])
        let payload = try task.parse(answer: "올림픽의 마스코트는 무엇인가? | - | 서울", for: Self.item)
        #expect(payload.serialized() == #"{"question":"올림픽의 마스코트는 무엇인가?","answers":[],"is_impossible":true,"plausible_answers":[{"text":"서울"}]}"#)
        #expect(task.validate(payload, for: Self.item).isEmpty)
    }

    @Test func unknownSettingIsRefused() {
        #expect(throws: TaskError.self) { try QATask(configuration: ["answer_max": 3], morphemes: nil) }
    }

    @Test func validationPassAgreementAndExport() throws {
        // Three annotators answer the same question blind; the agreement and the KorQuAD export follow.
        let task = try Self.task(["mode": "answer"])
        let item = Item(id: "q1", text: Self.passage, fields: ["question": "경기가 열린 도시는 어디인가?"])
        let typed = ["kim": "서울 #1", "lee": "서울 #2", "park": "서울에서"]
        var annotations: [Annotation] = []
        for (index, annotator) in ["kim", "lee", "park"].enumerated() {
            let payload = try task.parse(answer: typed[annotator]!, for: item)
            let blocking = task.validate(payload, for: item).filter { $0.isError }
            #expect(blocking.isEmpty)
            annotations.append(Annotation(id: Int64(index), item: "q1", annotator: annotator, payload: payload, submittedAt: ""))
        }
        let report = QAAgreement.measure(annotations)
        #expect(report.pairs == 3)
        // EM: kim–lee only (same text, different place) → 1/3. Exact span: none → 0.
        #expect(report.exactMatch == 1.0 / 3.0)
        #expect(report.exactSpan == 0)
        // IoU: kim–lee 0, kim–park 0, lee–park [17,19) vs [17,21) = 2/4.
        #expect(report.spanIoU == 0.5 / 3.0)
        // F1: 1 (kim–lee), 2·(2/4)·1/(1/2+1) = 2/3 twice.
        #expect(abs(report.f1 - (1 + 2.0 / 3.0 + 2.0 / 3.0) / 3.0) < 1e-12)
        let records = task.agreementRecords(for: annotations)
        #expect(records.map(\.label) == [[["start": 6, "end": 8, "label": "answer"]], [["start": 17, "end": 19, "label": "answer"]],
                                         [["start": 17, "end": 21, "label": "answer"]]])
        #expect(task.goldScore(annotations[2].payload, gold: annotations[0].payload) == 2.0 / 3.0)
    }

    @Test func writtenQuestionsExportAsKorQuAD() throws {
        let task = try Self.task()
        let payload = try task.parse(answer: "올림픽이 열린 해는 언제인가? | 1988년", for: Self.item)
        let line: JSONObject = ["schema_version": 1, "record": "item", "id": "p1", "text": .string(Self.passage),
                                "fields": ["title": "올림픽"], "annotations": [["annotator": "kim", "payload": payload]]]
        let dataset = try KorQuADConverter.dataset(from: [(line, nil)])
        #expect(dataset.serialized() == #"{"version":"KorQuAD_v1.0","data":[{"title":"올림픽","paragraphs":[{"context":"\#(Self.passage)","qas":[{"id":"p1-0","question":"올림픽이 열린 해는 언제인가?","answers":[{"text":"1988년","answer_start":0}]}]}]}]}"#)
    }

    @Test func theExportHookWritesKorQuADItemByItemAndAnswerStartIsDeclared() throws {
        let task = try Self.task()
        #expect(task.exportFormats == ["korquad"])
        #expect(QATask.textOffsetFields.contains(.start("answer_start")))
        let payload = try task.parse(answer: "올림픽이 열린 해는 언제인가? | 1988년", for: Self.item)
        let annotation = Annotation(id: 1, item: "p1", annotator: "kim", payload: payload, submittedAt: "")
        let item = Item(id: "p1", text: Self.passage, fields: ["title": "올림픽"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-korquad-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ByteWriter(creatingFileAt: path)
        try task.writeExport(format: "korquad", forEachItem: { body in
            try body(TaskExportItem(item: item, annotations: [TaskExportAnnotation(annotation: annotation, verdict: .accepted)]))
        }, to: writer)
        try writer.flush()
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == #"{"version":"KorQuAD_v1.0","data":[{"title":"올림픽","paragraphs":[{"context":"\#(Self.passage)","qas":[{"id":"p1-0","question":"올림픽이 열린 해는 언제인가?","answers":[{"text":"1988년","answer_start":0}]}]}]}]}"# + "\n")
        #expect(throws: TaskError.self) { try task.writeExport(format: "conllu", forEachItem: { _ in }, to: writer) }
    }
}

@Suite struct QARealDictionaryTests {
    /// With mecab-ko-dic installed, 서울에서 is flagged and 서울 suggested; without one, the finding
    /// says the check was skipped. Both outcomes are asserted, so the test runs on every machine.
    @Test func particleCheckWithTheInstalledDictionary() throws {
        let task = try QATask(configuration: [:])
        let item = Item(id: "p", text: QATaskTests.passage)
        let findings = task.validate(try JSONValue.parse(#"{"question":"경기가 열린 곳은 어디인가?","answers":[{"text":"서울에서","answer_start":17}]}"#), for: item)
        if (try? SystemDictionary.locate(explicit: nil)) != nil {
            #expect(findings.first { $0.code == "answer-ends-in-particle" }?.message.contains("\"서울\"") == true, "\(findings)")
        } else {
            #expect(findings.contains { $0.code == "particle-check-skipped" })
        }
    }
}
