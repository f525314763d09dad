import Foundation
import MalmoiCore
import MalmoiStore
import MalmoiAgreement
import MalmoiWorkflow
import Testing

@Suite("The reader of malmoi import and the agreement of a named project")
struct ItemImportReaderTests {
    let directory: URL
    let store: SQLiteStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteStore(path: directory.appendingPathComponent("r.sqlite").path)
    }

    func reader(_ path: String?, format: ItemReader.Format? = nil, project: Project) throws -> ItemReader {
        try ItemImport.reader(path: path, format: format, textField: "text", idField: "id", goldField: "gold",
                              preAnnotationField: "pre_annotation", project: project, normalization: .nfc)
    }

    @Test("a .txt file is read as text, anything else as JSONL, unless the format is given")
    func inferredFormat() throws {
        let project = try store.createProject(Project(name: "리뷰", kind: .label, taskConfig: ["labels": ["긍정", "부정"]]))
        #expect(try reader("reviews.txt", project: project).format == .text)
        #expect(try reader(nil, project: project).format == .jsonl)
        #expect(try reader("reviews.txt", format: .jsonl, project: project).format == .jsonl)
    }

    @Test("a qa project's reader moves answer_start with the text; a label project's only spans")
    func offsetFields() throws {
        let qa = try store.createProject(Project(name: "질의응답", kind: "qa", taskConfig: [:]))
        let label = try store.createProject(Project(name: "리뷰", kind: .label, taskConfig: ["labels": ["긍정", "부정"]]))
        #expect(try reader(nil, project: qa).textOffsetFields.contains(.start("answer_start")))
        #expect(try reader(nil, project: label).textOffsetFields == TextOffsetField.spans)
    }

    @Test("one JSON document given as JSONL is refused before anything is read")
    func jsonDocument() throws {
        let project = try store.createProject(Project(name: "korquad", kind: "qa", taskConfig: [:]))
        let path = directory.appendingPathComponent("dev.json").path
        try "{\n  \"version\": \"KorQuAD_v1.0\",\n  \"data\": []\n}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try reader(path, project: project) }
    }

    @Test("agree --project with an unknown name is a store error")
    func unknownProject() throws {
        #expect(throws: StoreError.self) { try ProjectAgreement.measure(projectNamed: "없음", in: store, options: AgreementOptions()) }
    }
}
