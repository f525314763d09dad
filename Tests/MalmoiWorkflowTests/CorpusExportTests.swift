import Foundation
import MalmoiCore
import MalmoiStore
import MalmoiWorkflow
import Testing

@Suite("Exporting a project's corpus")
struct CorpusExportTests {
    let directory: URL
    let store: SQLiteStore
    let project: Project

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("e.sqlite").path)
        project = try store.createProject(Project(name: "리뷰", kind: .label, taskConfig: ["labels": ["긍정", "부정"]]))
        let items = directory.appendingPathComponent("items.jsonl").path
        try "{\"id\": \"a\", \"text\": \"배송이 빨라요\"}\n{\"id\": \"b\", \"text\": \"별로예요\"}\n".write(toFile: items, atomically: true, encoding: .utf8)
        _ = try ItemImport(reader: ItemReader(path: items), options: ImportOptions(), restoresWork: false)
            .run(into: project, of: store, module: try TaskKinds.module(for: project), draft: { { $0 } })
    }

    func export(all: Bool = true) throws -> CorpusExport {
        CorpusExport(store: store, project: project, module: try TaskKinds.module(for: project), includeAll: all)
    }

    @Test("jsonl: a header, one line per item, a summary; items counted as they are written")
    func jsonl() throws {
        let path = directory.appendingPathComponent("out.jsonl").path
        var counts: [Int] = []
        try export().write(.jsonl, to: path, refusing: [], onItem: { counts.append($0) })
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[1].contains("\"배송이 빨라요\"") && lines[2].contains("\"별로예요\""))
        #expect(counts == [1, 2])
    }

    @Test("xml: the corpus vocabulary, in a file renamed into place")
    func xml() throws {
        let path = directory.appendingPathComponent("out.xml").path
        try export().write(.xml, to: path, refusing: [])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("urn:malmoi:corpus:1") && text.contains("별로예요"))
    }

    @Test("the store's own files are refused as the output")
    func refusesStore() throws {
        let storePath = directory.appendingPathComponent("e.sqlite").path
        #expect(throws: InputError.self) { try export().write(.jsonl, to: storePath, refusing: AtomicFile.storeFiles(storePath)) }
    }

    @Test("a task format the kind does not write is an error naming the kind's formats")
    func foreignTaskFormat() throws {
        let error = #expect(throws: TaskError.self) { try export().write(.korquad, to: directory.appendingPathComponent("k.json").path, refusing: []) }
        #expect(error?.message == "--format korquad is not written for label projects (their own formats: none)")
    }
}

@Suite("The registry of task kinds")
struct TaskKindsTests {
    @Test("every kind is registered under its stored name")
    func names() {
        #expect(TaskKinds.names == ["abuse", "label", "morph", "qa", "summary"])
    }

    @Test("an unknown kind is an error that lists the known ones")
    func unknownKind() {
        let error = #expect(throws: TaskError.self) { try TaskKinds.module(kind: "nope", configuration: [:]) }
        #expect(error?.message == "unknown task kind \"nope\"; known kinds: abuse, label, morph, qa, summary")
    }
}
