import Foundation
import MalmoiCore
import MalmoiStore
import Testing

/// No stored value crashes a command (issue 12, item 2): a store written before the restore checks
/// existed may hold infinite or huge seconds; `stats` and `report` still run.
@Suite struct StoredValuesCLITests {
    @Test(arguments: [Double.infinity, 1e300, -Double.infinity])
    func statsAndReportRunOnOutOfRangeStoredSeconds(seconds: Double) throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("malmoi.sqlite").path)
        let project = try store.createProject(Project(name: "감성", kind: .label, taskConfig: ["labels": ["긍정", "부정"]]))
        // The store API trusts its caller (store copy); this writes what an old forged import left.
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "1", text: "배송이 빨라요"), annotations: [
                ImportedAnnotation(annotator: "김", payload: ["labels": ["긍정"]], submittedAt: "2026-03-01T09:30:00.000Z", seconds: seconds),
            ]))
        }
        var result = try WorkflowCLI.run(["stats", "--project", "감성"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("김"))
        result = try WorkflowCLI.run(["stats", "--project", "감성", "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let html = directory.appendingPathComponent("report.html").path
        result = try WorkflowCLI.run(["report", "--project", "감성", "--output", html], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
    }
}
