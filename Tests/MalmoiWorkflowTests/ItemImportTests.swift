import Foundation
import MalmoiCore
import MalmoiLabel
import MalmoiStore
import MalmoiWorkflow
import Testing

@Suite("Importing items through the workflow")
struct ItemImportTests {
    let directory: URL
    let store: SQLiteStore
    let project: Project
    let module: LabelTask

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-workflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("i.sqlite").path)
        project = try store.createProject(Project(name: "리뷰", kind: .label, taskConfig: ["labels": ["긍정", "부정"]]))
        module = try LabelTask(configuration: project.taskConfig)
    }

    func file(_ text: String) throws -> String {
        let path = directory.appendingPathComponent("items-\(UUID().uuidString).jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("bad lines are skipped and reported; drafts are filled in; the summary names the project")
    func skippedLinesAndDrafts() throws {
        let path = try file("{\"id\": \"a\", \"text\": \"배송이 빨라요\"}\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"별로예요\"}\n")
        var seen: [Int] = []
        let outcome = try ItemImport(reader: ItemReader(path: path), options: ImportOptions(skipBad: true), restoresWork: false)
            .run(into: project, of: store, module: module, draft: { { record in
                var record = record
                record.item.preAnnotation = ["labels": ["긍정"]]
                return record
            } }, onRecord: { seen.append($0) })
        #expect(seen == [1, 2])
        #expect(outcome.summary.inserted == 2 && outcome.summary.skipped == 1)
        let lines = outcome.report(project: project.name)
        #expect(lines.first == "imported 2 items into 리뷰; skipped 1 bad lines")
        #expect(lines.count == 2 && lines[1].hasPrefix("  skipped: \(path):2: "))
        #expect(try store.item("a", in: project)?.preAnnotation == ["labels": ["긍정"]])
    }

    @Test("a line with annotations is refused without restoring, and nothing is imported")
    func annotationsNeedRestore() throws {
        let line = """
            {"schema_version":1,"record":"item","id":"x","text":"좋아요","annotations":[{"annotator":"kim","payload":{"labels":["긍정"]},\
            "submitted_at":"2026-12-01T00:00:00Z","seconds":3,"reviews":[]}]}
            """
        let path = try file("{\"id\": \"w\", \"text\": \"괜찮아요\"}\n" + line + "\n")
        #expect {
            _ = try ItemImport(reader: ItemReader(path: path), options: ImportOptions(), restoresWork: false)
                .run(into: project, of: store, module: module, draft: { { $0 } })
        } throws: { error in
            let description = (error as? InputError)?.description ?? ""
            return description.hasPrefix("\(path):2: field \"annotations\": this line carries 1 annotation(s)")
                && description.contains("pass --restore")
        }
        #expect(try store.item("w", in: project) == nil)
    }
}
