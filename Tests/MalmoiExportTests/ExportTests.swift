import Foundation
import MalmoiCore
import MalmoiLabel
import MalmoiExport
import MalmoiStore
import Testing

/// The repository root, found from this file's path (Tests/MalmoiExportTests/ExportTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let corpusSchema = repositoryRoot.appendingPathComponent("Guidelines/malmoi-corpus.rng").path

func temporaryFile(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-export-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

/// A store with one reviewed project: two annotators on three items, one text with control characters and CR.
func makeReviewedProject() throws -> (SQLiteStore, Project, LabelTask) {
    let store = try SQLiteStore(path: temporaryFile("export.sqlite")) { 1_700_000_000.25 }
    let project = try store.createProject(Project(name: "reviews", kind: .label, taskConfig: ["labels": ["긍정", "부정", "중립"]],
                                                  pointsPerAccept: 10, overlap: 2, reasonCodes: ["wrong-label"]))
    let module = try LabelTask(configuration: project.taskConfig)
    _ = try store.importItems(into: project, options: ImportOptions()) { consume in
        try consume(ImportRecord(item: Item(id: "r1", text: "배송이 빨라요.", fields: ["category": "배송"])))
        try consume(ImportRecord(item: Item(id: "r2", text: "제어\u{1}문자\u{1B}와 줄\r\n바꿈 <태그> & \"따옴표\"")))
        try consume(ImportRecord(item: Item(id: "r3", text: "별로예요"), gold: ["labels": ["부정"]]))
    }
    let answers: [(String, String, JSONValue)] = [
        ("kim", "r1", ["labels": ["긍정"], "rationale": "빠른 배송\u{2} 칭찬"]), ("lee", "r1", ["labels": ["긍정"]]),
        ("kim", "r2", ["labels": ["중립"]]), ("lee", "r2", ["labels": ["부정"]]),
    ]
    var ids: [String: Int64] = [:]
    for (annotator, item, payload) in answers {
        while let claim = try store.claimNextItem(in: project, for: annotator), claim.item.id != item {
            try store.skip(item: claim.item.id, in: project, for: annotator)
        }
        ids[annotator + item] = try store.submit(Submission(project: project, item: item, annotator: annotator, payload: payload,
                                                            warnings: [Finding(.warning, code: "w", "경고\u{3}")], seconds: 2.5)).id
    }
    _ = try store.recordReview(ReviewSubmission(project: project, annotation: ids["kimr1"]!, reviewer: "park", verdict: .accepted))
    _ = try store.recordReview(ReviewSubmission(project: project, annotation: ids["leer1"]!, reviewer: "park", verdict: .accepted))
    _ = try store.recordReview(ReviewSubmission(project: project, annotation: ids["kimr2"]!, reviewer: "park", verdict: .accepted))
    _ = try store.recordReview(ReviewSubmission(project: project, annotation: ids["kimr2"]!, reviewer: "park", verdict: .rejected,
                                                reasons: ["wrong-label"], comment: "부정\u{4}입니다"))
    return (store, project, module)
}

func exportXML(_ exporter: CorpusExporter) throws -> (path: String, text: String) {
    let path = temporaryFile("corpus.xml")
    try AtomicFile.write(to: path) { try exporter.writeXML(toFileDescriptor: $0) }
    return (path, try String(contentsOfFile: path, encoding: .utf8))
}

@Suite struct XMLExportTests {
    @Test(arguments: [false, true])
    func exportedXMLIsValidAgainstTheSchema(includeAll: Bool) throws {
        let (store, project, module) = try makeReviewedProject()
        let (path, _) = try exportXML(CorpusExporter(store: store, project: project, module: module, includeAll: includeAll))
        #expect(try RelaxNGValidator.validate(document: path, schema: corpusSchema) == [])
    }

    @Test func forbiddenCharactersAreReplacedAndListedAndCRSurvives() throws {
        let (store, project, module) = try makeReviewedProject()
        let (_, text) = try exportXML(CorpusExporter(store: store, project: project, module: module, includeAll: true))
        #expect(!text.unicodeScalars.contains { !XMLCharacters.isAllowed($0) })
        #expect(text.contains(#"<text xml:space="preserve" replaced="2:1 5:1B">제어�문자�와 줄&#13;"#))
        #expect(text.contains(#"&quot;rationale&quot;:&quot;빠른 배송\u0002 칭찬&quot;"#))
        #expect(text.contains(#"replaced="2:4">부정�입니다</review>"#))
        #expect(text.contains(#"<warning code="w" replaced="2:3">경고�</warning>"#))
    }

    @Test func aDocumentWithARawControlCharacterFailsValidation() throws {
        let path = temporaryFile("bad.xml")
        try "<corpus xmlns=\"urn:malmoi:corpus:1\">\u{1}</corpus>".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try !RelaxNGValidator.validate(document: path, schema: corpusSchema).isEmpty)
    }

    @Test func acceptedOnlyExportLeavesOutRejectedAndPending() throws {
        let (store, project, module) = try makeReviewedProject()
        let (_, text) = try exportXML(CorpusExporter(store: store, project: project, module: module, includeAll: false))
        #expect(text.components(separatedBy: "<layer ").count - 1 == 2)
        #expect(!text.contains("status=\"rejected\""))
        #expect(text.contains(#"<review reviewer="park" verdict="accepted" at="#))
    }
}

@Suite struct JSONLExportTests {
    func exportJSONL(_ exporter: CorpusExporter) throws -> [String] {
        let path = temporaryFile("corpus.jsonl")
        try AtomicFile.write(to: path) { try exporter.writeJSONL(to: ByteWriter(fileDescriptor: $0)) }
        return try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func linesAreHeaderItemsSummaryWithAgreement() throws {
        let (store, project, module) = try makeReviewedProject()
        let lines = try exportJSONL(CorpusExporter(store: store, project: project, module: module, includeAll: true))
        #expect(lines.count == 5)
        let first = try JSONValue.parse(lines[1])
        #expect(first["id"] == "r1" && first["agreement"]?["agreeing_pairs"] == 1)
        #expect(first["annotations"]?[0]?["reviews"]?[0]?["points"] == 10)
        let summary = try JSONValue.parse(lines[4])
        #expect(summary["record"] == "summary")
        #expect(summary["agreement"]?["value"] == 0.5)
        let second = try JSONValue.parse(lines[2])
        #expect(second["annotations"]?[0]?["status"] == "rejected")
        #expect(second["annotations"]?[0]?["reviews"]?[1]?["points"] == -10)
    }

    @Test func jsonlExportImportsBackLosslessly() throws {
        let (store, project, module) = try makeReviewedProject()
        let original = try exportJSONL(CorpusExporter(store: store, project: project, module: module, includeAll: true))
        let path = temporaryFile("roundtrip.jsonl")
        try (original.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let copy = try store.createProject(Project(name: "copy", kind: .label, taskConfig: project.taskConfig, pointsPerAccept: 10,
                                                   overlap: 2, reasonCodes: ["wrong-label"]))
        let summary = try store.importItems(into: copy, options: ImportOptions()) { consume in
            _ = try ItemReader(path: path).read(skipBad: false, consume)
        }
        #expect(summary.inserted == 3 && summary.annotations == 4 && summary.reviews == 4)
        let again = try exportJSONL(CorpusExporter(store: store, project: copy, module: module, includeAll: true))
        #expect(Array(again.dropFirst().dropLast()) == Array(original.dropFirst().dropLast()))
        #expect(again.last == original.last)
        #expect(try store.statistics(for: copy) == store.statistics(for: project))
        #expect(try store.ledger(in: copy, annotator: nil).map(\.points) == store.ledger(in: project, annotator: nil).map(\.points))
    }
}
