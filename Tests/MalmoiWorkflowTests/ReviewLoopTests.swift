import Foundation
import MalmoiCore
import MalmoiLabel
import MalmoiModel
import MalmoiStore
import MalmoiText
import MalmoiWorkflow
import Testing

/// One review with three annotators on a real SQLite store: lee answered 긍정, 김민준 and 박 부정.
struct ThreeAnnotators {
    let store: SQLiteStore
    let project: Project
    let module: LabelTask

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-workflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("w.sqlite").path)
        project = try store.createProject(Project(name: "리뷰", kind: .label, taskConfig: ["labels": ["긍정", "부정", "중립"]],
                                                  pointsPerAccept: 10, overlap: 3, reasonCodes: ["wrong-label"]))
        module = try LabelTask(configuration: project.taskConfig)
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "r1", text: "배송이 생각보다 늦었어요.")))
        }
        for (annotator, answer) in [("lee", "1"), ("김민준", "2"), ("박", "2 | 배송 지연")] {
            let claim = try #require(try store.claimNextItem(in: project, for: annotator))
            _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: annotator,
                                            payload: try module.parse(answer: answer), seconds: 5))
        }
    }

    /// lee's annotation as the reviewer sees it.
    func leesUnit() throws -> ReviewUnit {
        let session = try ReviewSession(store: store, project: project, module: module, reviewer: "park", annotator: "lee", filter: .pending)
        return try #require(try session.next())
    }
}

@Suite("Review loop")
struct ReviewLoopTests {
    @Test("the screen lists the other answers in columns aligned by display width, marking disagreement")
    func screenAlignsOthers() throws {
        let fixture = try ThreeAnnotators()
        let unit = try fixture.leesUnit()
        let screen = ReviewLoop.screen(unit, module: fixture.module, terminal: WorkflowTerminal(noColour: true))
        let lines = screen.split(separator: "\n").map(String.init)
        #expect(lines[0] == "── r1  (1/1 of lee)")
        #expect(lines[1] == "배송이 생각보다 늦었어요.")
        #expect(lines[2] == "answer: 긍정")
        let others = lines.filter { $0.hasPrefix("≠ ") }
        try #require(others.count == 2, "\(screen)")
        // 김민준 is six columns wide, 박 two: the answers still start in the same column.
        let starts = others.map { line in DisplayWidth.columns(of: String(line[..<line.range(of: "부정")!.lowerBound])) }
        #expect(starts[0] == starts[1], "\(others)")
        #expect(starts[0] == DisplayWidth.columns(of: "≠ 김민준:  "))
        #expect(Set(others.map { $0.split(separator: " ")[1] }) == ["김민준:", "박:"])
    }

    @Test("--list writes each pending annotation as JSON and records nothing")
    func listRecordsNothing() throws {
        let fixture = try ThreeAnnotators()
        func list(annotator: String?) throws -> [JSONObject] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("list-\(UUID().uuidString).jsonl").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let output = try ByteWriter(creatingFileAt: path)
            var loop = ReviewLoop()
            loop.annotator = annotator
            try loop.list(store: fixture.store, project: fixture.project, module: fixture.module, reviewer: "park", to: output)
            try output.flush()
            return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
                try #require(try JSONValue.parse(String($0)).objectValue)
            }
        }
        let lees = try list(annotator: "lee")
        try #require(lees.count == 1)
        #expect(lees[0]["annotator"] == .string("lee"))
        #expect(lees[0]["item"] == .string("r1"))
        #expect(lees[0]["answer"] == .string("긍정"))
        let others = try #require(lees[0]["others"]?.arrayValue)
        #expect(others.count == 2)
        #expect(others.allSatisfy { $0.objectValue?["agrees"] == .bool(false) })
        // Listing twice gives the same queue of three: nothing was recorded.
        #expect(try list(annotator: nil).count == 3)
        #expect(try list(annotator: nil).count == 3)
    }
}

@Suite("Answer drafts")
struct AnswerDraftTests {
    @Test("a draft is offered as the kind's answer line; descriptions are not")
    func draftLines() throws {
        let module = try LabelTask(configuration: ["labels": ["긍정", "부정"]])
        let item = Item(id: "a", text: "좋아요", preAnnotation: ["labels": ["긍정"], "rationale": "칭찬"])
        #expect(AnswerDraft.text(for: item, module: module) == "긍정 | 칭찬")
        #expect(AnswerDraft.text(for: Item(id: "b", text: "좋아요"), module: module) == nil)
        #expect(AnswerDraft.line("(3 spans)") == nil)
        #expect(AnswerDraft.line("문장 1, 3") == nil)
        #expect(AnswerDraft.line("두 줄\n요약") == nil)
        #expect(AnswerDraft.line("부정  (초안 확인)") == "부정")
    }

    @Test("--answers-jsonl lines are parsed, and a line that is not JSON is a clear error")
    func jsonInput() throws {
        guard case .json(let value) = try WorkflowTerminal.input("{\"answer\": \"1\"}", json: true) else {
            Issue.record("not JSON")
            return
        }
        #expect(value.objectValue?["answer"] == .string("1"))
        guard case .line(let line) = try WorkflowTerminal.input("1 | 환불", json: false) else {
            Issue.record("not a line")
            return
        }
        #expect(line == "1 | 환불")
        #expect(throws: InputError.self) { try WorkflowTerminal.input("{1", json: true) }
    }
}

@Suite("Model data from a project")
struct ModelProjectDataTests {
    @Test("accepted annotations become examples; model agreement reads every current annotation")
    func examplesAndAgreement() throws {
        let fixture = try ThreeAnnotators()
        #expect(throws: ModelError.self) { try ProjectExamples.collect(from: fixture.store, project: fixture.project, axis: nil) }
        for annotation in try fixture.store.annotationsForReview(in: fixture.project, annotator: nil, filter: .pending) {
            _ = try fixture.store.recordReview(ReviewSubmission(project: fixture.project, annotation: annotation.id, reviewer: "park",
                                                                verdict: annotation.annotator == "lee" ? .rejected : .accepted,
                                                                reasons: annotation.annotator == "lee" ? ["wrong-label"] : []))
        }
        let examples = try ProjectExamples.collect(from: fixture.store, project: fixture.project, axis: nil)
        #expect(examples.map(\.labels) == [["부정"], ["부정"]])
        #expect(Set(examples.map(\.text)) == ["배송이 생각보다 늦었어요."])
        var loaded = false
        let agreement = try ModelAgreement.measure(store: fixture.store, project: fixture.project, axis: nil) {
            loaded = true
            return nil
        }
        #expect(loaded)
        #expect(agreement.compared == 0)
        #expect(agreement.table(model: nil) == """
            model: none
            annotations compared with the model: 0
            percent agreement: undefined
            Cohen's kappa: undefined
            drafts: kept 0, changed 0, replaced 0, without draft 3

            """)
    }
}
