import Foundation
import MalmoiCore
import Testing

/// `malmoi agree` end to end: formats, options, and FILE:LINE errors with exit status 2.
struct AgreeCLITests {
    static let cases: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/agreement/public")

    static let twoCoders = """
        {"item":"문장1","annotator":"김","label":"긍정"}
        {"item":"문장1","annotator":"이","label":"긍정"}
        {"item":"문장2","annotator":"김","label":"부정"}
        {"item":"문장2","annotator":"이","label":"중립"}
        {"item":"문장3","annotator":"김","label":"중립"}
        {"item":"문장3","annotator":"이","label":"중립"}
        {"item":"문장4","annotator":"김","label":"부정"}
        {"item":"문장4","annotator":"이","label":"부정"}
        {"item":"문장5","annotator":"김","label":"긍정"}

        """

    func json(_ result: MalmoiProcess.Result) throws -> JSONValue {
        try JSONValue.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func jsonOutputHasTheDocumentedShape() throws {
        let result = try MalmoiProcess.run(["agree", "--format", "json"], input: Self.twoCoders)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result)
        #expect(report["items"] == 5 && report["annotators"] == 2 && report["annotations"] == 9)
        #expect(report["single_annotation_items"] == 1 && report["level"] == "nominal")
        #expect(report["metrics"]?["cohen_kappa"]?.doubleValue != nil)
        #expect(report["per_category"]?["긍정"]?["count"] == 3)
        #expect(report["per_annotator"]?["김"]?["items"] == 5)
        #expect(report["confusion"]?["annotators"] == ["김", "이"])
    }

    // Development data beside the repository; the same behaviour is covered by AgreeReferenceCLITests
    // on the project's own fixtures.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: cases.appendingPathComponent("multitask_two_tasks").path),
                   "skipped: ../shared/data/agreement/public not present"))
    func aPublicCaseWithTasksMatchesItsExpectedValues() throws {
        let directory = Self.cases.appendingPathComponent("multitask_two_tasks")
        let result = try MalmoiProcess.run(["agree", "--format", "json", directory.appendingPathComponent("input.jsonl").path], input: "")
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result)
        let expected = try JSONValue.parse(String(contentsOf: directory.appendingPathComponent("expected.json"), encoding: .utf8))
        for (task, metrics) in try #require(expected["tasks"]?.objectValue) {
            for (name, value) in try #require(metrics.objectValue) {
                let got = output["tasks"]?[task]?["metrics"]?[name]
                if let number = value.doubleValue {
                    #expect(abs((got?.doubleValue ?? .nan) - number) <= 1e-9, "\(task) \(name)")
                } else {
                    #expect(got == .null, "\(task) \(name)")
                }
            }
        }
    }

    @Test func levelAndMetricNarrowTheOutput() throws {
        let numbers = "{\"item\":\"a\",\"annotator\":\"x\",\"label\":1}\n{\"item\":\"a\",\"annotator\":\"y\",\"label\":2}\n{\"item\":\"b\",\"annotator\":\"x\",\"label\":3}\n{\"item\":\"b\",\"annotator\":\"y\",\"label\":3}\n"
        let interval = try json(MalmoiProcess.run(["agree", "--format", "json", "--level", "interval"], input: numbers))
        let names = try #require(interval["metrics"]?.objectValue?.keys)
        #expect(names.contains("krippendorff_alpha_interval") && names.contains("cohen_kappa_quadratic"))
        #expect(!names.contains("krippendorff_alpha_nominal") && !names.contains("krippendorff_alpha_ordinal"))
        #expect(interval["level"] == "interval")
        let one = try json(MalmoiProcess.run(["agree", "--format", "json", "--metric", "gwet_ac1,krippendorff_alpha_ratio"], input: numbers))
        #expect(one["metrics"]?.objectValue?.keys == ["gwet_ac1", "krippendorff_alpha_ratio"])
    }

    @Test func bootstrapIntervalsAreReproducibleForASeed() throws {
        let arguments = ["agree", "--format", "json", "--ci", "0.9", "--bootstrap", "300", "--seed", "7", "--metric", "krippendorff_alpha_nominal"]
        let first = try json(MalmoiProcess.run(arguments, input: Self.twoCoders))
        let second = try json(MalmoiProcess.run(arguments, input: Self.twoCoders))
        let interval = try #require(first["intervals"]?["krippendorff_alpha_nominal"]?.arrayValue)
        #expect(interval.count == 2)
        #expect(first["intervals"] == second["intervals"])
        #expect(first["bootstrap"]?["resamples"] == 300)
    }

    @Test func tableAndHTMLFormats() throws {
        let table = try MalmoiProcess.run(["agree"], input: Self.twoCoders)
        #expect(table.status == 0)
        #expect(table.stdout.contains("krippendorff_alpha_nominal") && table.stdout.contains("5 items, 2 annotators"))
        let html = try MalmoiProcess.run(["agree", "--format", "html", "--bootstrap", "50"], input: Self.twoCoders)
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("<svg") && html.stdout.contains("긍정"))
        #expect(!html.stdout.contains("<script") && !html.stdout.contains("src="))
    }

    @Test func csvWideTables() throws {
        let result = try MalmoiProcess.run(["agree", "--csv", "--format", "json"], input: "item,a,b,c\nq1,1,1,2\nq2,3,3,3\nq3,2,,1\n")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try json(result)
        #expect(report["annotations"] == 8 && report["level"] == "numeric")
    }

    @Test(arguments: [["sentiment_ko.jsonl"], ["--csv", "--level", "interval", "quality_likert.csv"], ["abuse_spans.jsonl"]])
    func theSampleCorporaScore(arguments: [String]) throws {
        let corpora = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpora/agreement")
        var arguments = arguments
        arguments[arguments.count - 1] = corpora.appendingPathComponent(arguments.last!).path
        let result = try MalmoiProcess.run(["agree", "--format", "json"] + arguments, input: "")
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result)
        #expect(output["metrics"] != nil || output["tasks"]?["abuse_spans"]?["metrics"]?["span_f1_exact"]?.doubleValue != nil)
    }

    @Test func badInputIsAFileLineErrorWithExitCode2() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.jsonl")
        try "{\"item\":\"a\",\"annotator\":\"x\",\"label\":\"p\"}\n{\"item\":\"a\",\"annotator\":\"x\",\"label\":\"q\"}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let conflict = try MalmoiProcess.run(["agree", file.path], input: "")
        #expect(conflict.status == 2)
        #expect(conflict.stderr.contains("\(file.path):2: field \"label\""))

        let invalid = try MalmoiProcess.run(["agree"], input: "{\"item\":\"a\",\"annotator\":\"x\",\"label\":\"p\"}\n{\"item\":\"a\",\n")
        #expect(invalid.status == 2 && invalid.stderr.contains("<stdin>:2:"))
        let wrongType = try MalmoiProcess.run(["agree", "--level", "ordinal"], input: "{\"item\":\"a\",\"annotator\":\"x\",\"label\":\"p\"}\n")
        #expect(wrongType.status == 2 && wrongType.stderr.contains("<stdin>:1: field \"label\""))
        let empty = try MalmoiProcess.run(["agree"], input: "\n")
        #expect(empty.status == 2)
        let usage = try MalmoiProcess.run(["agree", "--metric", "kappa"], input: "")
        #expect(usage.status == 2)
    }
}
