import Foundation
import MalmoiCore
import MalmoiStore
import Testing

/// `store copy` does not trust its source store (issue 12, item 4): forged rows are refused with the
/// source row named and nothing written to the target; forged points are recomputed and reported.
@Suite struct StoreCopyCheckCLITests {
    private static let accepted = ImportedReview(reviewer: "이", verdict: .accepted, at: "2026-03-01T10:00:00.000Z", points: 10)

    /// A source store with project 감성 (labels 긍정/부정, 10 points) holding one annotation, written
    /// through the store API, which trusts its caller as an old or forged store would.
    private func forgeSource(in directory: URL, _ annotation: ImportedAnnotation, annotator: String = "김") throws -> String {
        let path = directory.appendingPathComponent("source.sqlite").path
        let store = try SQLiteStore(path: path)
        let project = try store.createProject(Project(name: "감성", kind: .label, taskConfig: ["labels": ["긍정", "부정"]],
                                                      pointsPerAccept: 10))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "리뷰-1", text: "배송이 빨라요"), annotations: [annotation]))
        }
        return path
    }

    private static func annotation(payload: JSONValue = ["labels": ["긍정"]], annotator: String = "김", seconds: Double = 4,
                                   submittedAt: String = "2026-03-01T09:30:00.000Z", reviews: [ImportedReview] = [accepted]) -> ImportedAnnotation {
        ImportedAnnotation(annotator: annotator, payload: payload, submittedAt: submittedAt, seconds: seconds, reviews: reviews)
    }

    @Test(arguments: [
        ("self-review", annotation(reviews: [ImportedReview(reviewer: "김", verdict: .accepted, at: "2026-03-01T10:00:00.000Z", points: 10)]),
         "annotations[0].reviews[0].reviewer"),
        ("label outside the project", annotation(payload: ["labels": ["위조"]]), "annotations[0].payload"),
        ("infinite seconds", annotation(seconds: .infinity), "annotations[0].seconds"),
        ("not a time", annotation(submittedAt: "어제"), "annotations[0].submitted_at"),
    ])
    func aForgedRowIsRefusedNamingItAndTheTargetStaysEmpty(what: String, forged: ImportedAnnotation, field: String) throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try forgeSource(in: directory, forged)
        let target = directory.appendingPathComponent("target.sqlite").path
        let result = try WorkflowCLI.run(["store", "copy", "--from", source, "--to", target], in: directory)
        #expect(result.status == 2, "\(what): \(result.stderr)")
        #expect(result.stderr.contains("source project \"감성\", item \"리뷰-1\""), "\(what): \(result.stderr)")
        #expect(result.stderr.contains("field \"\(field)\""), "\(what): \(result.stderr)")
        #expect(try SQLiteStore(path: target).projects().isEmpty, "\(what)")
    }

    @Test func aNewlineInAnAnnotatorsNameIsRefusedNamingTheAnnotator() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try forgeSource(in: directory, Self.annotation(annotator: "김\n박"))
        let target = directory.appendingPathComponent("target.sqlite").path
        let result = try WorkflowCLI.run(["store", "copy", "--from", source, "--to", target], in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(#"source store, annotator "김\n박": field "annotator""#), "\(result.stderr)")
        #expect(try SQLiteStore(path: target).projects().isEmpty)
    }

    @Test func forgedPointsAreRecomputedAndReported() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let forged = Self.annotation(reviews: [ImportedReview(reviewer: "이", verdict: .accepted, at: "2026-03-01T10:00:00.000Z",
                                                              points: 1_000_000)])
        let source = try forgeSource(in: directory, forged)
        let target = directory.appendingPathComponent("target.sqlite").path
        let result = try WorkflowCLI.run(["store", "copy", "--from", source, "--to", target], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1000000 in the file; recomputed from the project's rules: 10"), "\(result.stderr)")
        let copied = try SQLiteStore(path: target)
        let project = try copied.project(named: "감성")
        #expect(try copied.ledger(in: project, annotator: "김").map(\.points).reduce(0, +) == 10)
    }

    /// A project that requires a qualification: the copy checks each annotator against the source's
    /// qualified annotators (read once, before the source is read item by item; asking the store from
    /// inside its own export read used to stop the process on SQLite).
    @Test(arguments: [(true, Int32(0)), (false, Int32(2))])
    func aQualifiedProjectIsCopiedAndAnUnqualifiedAnnotatorIsRefused(qualified: Bool, status: Int32) throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("source.sqlite").path
        do {
            let store = try SQLiteStore(path: source)
            let project = try store.createProject(Project(name: "전문", kind: .label, taskConfig: ["labels": ["긍정", "부정"]],
                                                          pointsPerAccept: 10, requiredQualification: "expert"))
            _ = try store.registerAnnotator("김", qualifications: qualified ? ["expert"] : [])
            _ = try store.importItems(into: project, options: ImportOptions()) { consume in
                try consume(ImportRecord(item: Item(id: "리뷰-1", text: "배송이 빨라요"), annotations: [Self.annotation()]))
            }
        }
        let target = directory.appendingPathComponent("target.sqlite").path
        let result = try WorkflowCLI.run(["store", "copy", "--from", source, "--to", target], in: directory)
        #expect(result.status == status, "\(result.stderr)")
        if qualified {
            let copied = try SQLiteStore(path: target)
            let project = try copied.project(named: "전문")
            #expect(try copied.ledger(in: project, annotator: "김").map(\.points).reduce(0, +) == 10)
        } else {
            #expect(result.stderr.contains("does not hold the qualification \"expert\""), "\(result.stderr)")
            #expect(try SQLiteStore(path: target).projects().isEmpty)
        }
    }
}
