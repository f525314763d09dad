import Foundation
import MalmoiExport
import Testing

/// Work read back from a Malmoi JSONL export is checked like typed work (issue 12, item 2): the
/// forged lines of the issue are refused or recomputed, and `stats` and the XML export work afterwards.
@Suite struct RestoredWorkCLITests {
    /// A project 감성 (labels 긍정/부정, 10 points per accepted annotation, reason codes) in a fresh folder.
    private func makeProject() throws -> URL {
        let directory = WorkflowCLI.makeDirectory()
        let result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정", "--points", "10",
                                          "--reasons", "wrong-label,careless"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return directory
    }

    /// One export line (`record: item`) with one annotation by 김 and the given reviews.
    private func line(id: String = "r1", label: String = "긍정", submittedAt: String = "2026-03-01T09:30:00.000Z",
                      seconds: String = "4.5", reviews: String) -> String {
        """
        {"schema_version":1,"record":"item","id":"\(id)","text":"배송이 빨라서 좋아요","source":"리뷰",\
        "annotations":[{"annotator":"김","status":"accepted","payload":{"labels":["\(label)"]},\
        "submitted_at":"\(submittedAt)","seconds":\(seconds),"reviews":[\(reviews)]}]}
        """
    }

    private let accepted = #"{"reviewer":"이","verdict":"accepted","reasons":[],"at":"2026-03-01T10:00:00.000Z","points":10}"#

    private func importFile(_ text: String, restore: Bool, in directory: URL) throws -> (WorkflowCLI.Result, String) {
        let path = directory.appendingPathComponent("forged.jsonl").path
        FileManager.default.createFile(atPath: path, contents: Data((text + "\n").utf8))
        let result = try WorkflowCLI.run(["import", "--project", "감성"] + (restore ? ["--restore"] : []) + [path], in: directory)
        return (result, path)
    }

    @Test func withoutRestoreALineWithAnnotationsIsRefusedAndNothingIsImported() throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (result, path) = try importFile(line(reviews: accepted), restore: false, in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):1: field \"annotations\""), "\(result.stderr)")
        #expect(result.stderr.contains("--restore"))
        let stats = try WorkflowCLI.stats("감성", in: directory)
        #expect(stats["items"] as? Int == 0)
    }

    @Test func aGenuineLineIsRestoredWithItsPoints() throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (result, _) = try importFile(line(reviews: accepted), restore: true, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("restored 1 annotations and 1 reviews"))
        #expect(!result.stderr.contains("recomputed"))
        let stats = try WorkflowCLI.stats("감성", in: directory)
        #expect((stats["annotators"] as? [[String: Any]])?.first?["points"] as? Int == 10)
    }

    @Test(arguments: [
        // A self-review.
        ("self-review", #"{"reviewer":"김","verdict":"accepted","reasons":[],"at":"2026-03-01T10:00:00.000Z","points":10}"#,
         "annotations[0].reviews[0].reviewer", "cannot review their own annotation"),
        // A review time that is not a date.
        ("review-time", #"{"reviewer":"이","verdict":"accepted","reasons":[],"at":"어제 저녁","points":10}"#,
         "annotations[0].reviews[0].at", "ISO 8601"),
        // February 30th.
        ("impossible-date", #"{"reviewer":"이","verdict":"accepted","reasons":[],"at":"2026-02-30T10:00:00Z","points":10}"#,
         "annotations[0].reviews[0].at", "ISO 8601"),
        // A review before the annotation was submitted.
        ("early-review", #"{"reviewer":"이","verdict":"accepted","reasons":[],"at":"2026-03-01T09:00:00.000Z","points":10}"#,
         "annotations[0].reviews[0].at", "before"),
        // A rejection with a reason code the project does not have.
        ("reason", #"{"reviewer":"이","verdict":"rejected","reasons":["forged"],"at":"2026-03-01T10:00:00.000Z","points":0}"#,
         "annotations[0].reviews[0].reasons", "unknown reason code"),
    ])
    func aForgedReviewIsALocatedError(name: String, review: String, field: String, message: String) throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (result, path) = try importFile(line(reviews: review), restore: true, in: directory)
        #expect(result.status == 2, "\(name): \(result.stderr)")
        #expect(result.stderr.contains("\(path):1: field \"\(field)\""), "\(name): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(try WorkflowCLI.stats("감성", in: directory)["annotations"] as? Int == 0)
    }

    @Test(arguments: [
        // A label outside the project's labels.
        ("label", #"{"labels":["중립"]}"#, "2026-03-01T09:30:00.000Z", "4.5", "annotations[0].payload"),
        // A submission time that is not a date.
        ("time", #"{"labels":["긍정"]}"#, "not a date", "4.5", "annotations[0].submitted_at"),
        // Seconds too large to be real (1e999 itself is refused by the JSON reader, below).
        ("seconds", #"{"labels":["긍정"]}"#, "2026-03-01T09:30:00.000Z", "1e300", "annotations[0].seconds"),
        ("negative-seconds", #"{"labels":["긍정"]}"#, "2026-03-01T09:30:00.000Z", "-3", "annotations[0].seconds"),
    ])
    func aForgedAnnotationIsALocatedError(name: String, payload: String, submittedAt: String, seconds: String, field: String) throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = line(submittedAt: submittedAt, seconds: seconds, reviews: accepted)
            .replacingOccurrences(of: #"{"labels":["긍정"]}"#, with: payload)
        let (result, path) = try importFile(text, restore: true, in: directory)
        #expect(result.status == 2, "\(name): \(result.stderr)")
        #expect(result.stderr.contains("\(path):1: field \"\(field)\""), "\(name): \(result.stderr)")
        #expect(try WorkflowCLI.stats("감성", in: directory)["annotations"] as? Int == 0)
    }

    @Test func infiniteSecondsAreALocatedError() throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (result, path) = try importFile(line(seconds: "1e999", reviews: accepted), restore: true, in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("\(path):1:"), "\(result.stderr)")
        #expect(try WorkflowCLI.stats("감성", in: directory)["annotations"] as? Int == 0)
    }

    @Test func forgedPointsAreRecomputedAndReportedAndStatsAndXMLWork() throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A rejected verdict carrying +1,000,000 points, and an accepted one claiming 999.
        let rejected = #"{"reviewer":"이","verdict":"rejected","reasons":["careless"],"at":"2026-03-01T10:00:00.000Z","points":1000000}"#
        let acceptedTwice = #"{"reviewer":"박","verdict":"accepted","reasons":[],"at":"2026-03-01T11:00:00Z","points":999}"#
        let text = line(reviews: rejected) + "\n" + line(id: "r2", label: "부정", reviews: acceptedTwice)
        let (result, path) = try importFile(text, restore: true, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("\(path):1: field \"annotations[0].reviews[0].points\": 1000000 in the file; recomputed from the project's rules: 0"),
                "\(result.stderr)")
        #expect(result.stderr.contains("\(path):2: field \"annotations[0].reviews[0].points\": 999 in the file; recomputed from the project's rules: 10"),
                "\(result.stderr)")
        let stats = try WorkflowCLI.stats("감성", in: directory)
        let annotators = try #require(stats["annotators"] as? [[String: Any]])
        #expect(annotators.map { $0["points"] as? Int } == [10])
        let table = try WorkflowCLI.run(["stats", "--project", "감성"], in: directory)
        #expect(table.status == 0, "\(table.stderr)")
        let xml = directory.appendingPathComponent("감성.xml").path
        let export = try WorkflowCLI.run(["export", "--project", "감성", "--all", "--format", "xml", "--output", xml], in: directory)
        #expect(export.status == 0, "\(export.stderr)")
        let schema = WorkflowCLI.root.appendingPathComponent("Guidelines/malmoi-corpus.rng").path
        #expect(try RelaxNGValidator.validate(document: xml, schema: schema) == [])
        // The stored time is in the store's own form (milliseconds, Z).
        let jsonl = try WorkflowCLI.run(["export", "--project", "감성", "--all"], in: directory).stdout
        #expect(jsonl.contains(#""at":"2026-03-01T11:00:00.000Z""#))
    }
}
