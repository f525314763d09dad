import Foundation
import MalmoiCore
import MalmoiLabel
import MalmoiStore
import Testing

@Suite("Draft outcome of an :undo edit")
struct UndoDraftOutcomeTests {
    @Test("the edited answer records whether it kept or replaced the item's draft, on a real SQLite store")
    func editRecordsOutcome() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-undo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("u.sqlite").path)
        let project = try store.createProject(Project(name: "리뷰", kind: .label, taskConfig: ["labels": ["긍정", "부정"]],
                                                      pointsPerAccept: 10, overlap: 1))
        let module = try LabelTask(configuration: project.taskConfig)
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "r1", text: "배송이 빠르고 좋아요", preAnnotation: ["labels": ["긍정"]])))
        }
        let session = try AnnotationSession(store: store, project: project, module: module, annotator: "kim")
        _ = try #require(try session.next())
        guard case .saved(let first) = try session.respond(to: .line("2")) else { Issue.record("not saved"); return }
        #expect(first.draftOutcome == .replaced)
        guard case .editing = try session.respond(to: .line(":undo")) else { Issue.record("no edit"); return }
        guard case .edited(let edited) = try session.respond(to: .line("1")) else { Issue.record("not edited"); return }
        #expect(edited.supersedes == first.id)
        #expect(edited.draftOutcome == .kept)
        #expect(try store.currentAnnotations(of: "r1", in: project).map(\.draftOutcome) == [.kept])
        #expect(try store.latestAnnotation(in: project, by: "kim")?.draftOutcome == .kept)
    }
}
