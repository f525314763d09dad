import Foundation
import MalmoiAgreement
import MalmoiCore
import Testing

/// The project's own reference cases (`Tests/Fixtures/agreement`): small Korean data sets whose
/// expected values were computed by the peer libraries (krippendorff, scikit-learn, statsmodels,
/// NLTK, irrCAC) with `Benchmarks/agreement/make_reference_cases.py`; each value's source is in the
/// case's `provenance.json`. They need nothing outside the repository.
struct ReferenceCaseTests {
    /// `Tests/Fixtures/agreement`, found from this file's path.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/agreement")

    static let caseNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/expected.json").path)
        }.sorted()
    }()

    /// The long-format records of a case's `input.jsonl`.
    static func records(_ name: String) throws -> [AgreementRecord] {
        let text = try String(contentsOf: directory.appendingPathComponent("\(name)/input.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let value = try JSONValue.parse(String(line))
            return AgreementRecord(task: value["task"]?.stringValue, item: try #require(value["item"]?.stringValue),
                                   annotator: try #require(value["annotator"]?.stringValue), label: try #require(value["label"]))
        }
    }

    /// `expected.json` as (task, metric name, value or nil for undefined).
    static func expectations(_ name: String) throws -> [(task: String?, metric: String, value: Double?)] {
        let text = try String(contentsOf: directory.appendingPathComponent("\(name)/expected.json"), encoding: .utf8)
        let expected = try JSONValue.parse(text)
        var groups: [(String?, JSONObject)] = []
        if let tasks = expected["tasks"]?.objectValue {
            for (task, metrics) in tasks { groups.append((task, try #require(metrics.objectValue))) }
        } else {
            groups.append((nil, try #require(expected.objectValue)))
        }
        return groups.flatMap { task, metrics in metrics.map { (task, $0.0, $0.1.doubleValue) } }
    }

    @Test("The seven reference cases are in the repository")
    func casesArePresent() {
        #expect(Self.caseNames == ["fluency_three_coders_missing", "intent_three_coders_complete", "likert_two_coders", "one_label_undefined",
                                   "sentiment_two_coders", "topics_sets_three_coders", "two_tasks"])
    }

    @Test("Every peer-computed value of a reference case is matched to 1e-9", arguments: caseNames)
    func referenceCase(_ name: String) throws {
        let summary = try AgreementScorer.report(for: try Self.records(name))
        let expectations = try Self.expectations(name)
        #expect(!expectations.isEmpty)
        for (task, metricName, expected) in expectations {
            let report = try #require(summary.reports.first { $0.task == task }, "no report for task \(task ?? "-")")
            let metric = try #require(AgreementMetric(rawValue: metricName), "unknown metric \(metricName)")
            #expect(report.metrics.contains(metric), "\(metricName) is not reported")
            if let expected {
                let actual = try #require(report.value(metric), "\(metricName): null (\(report.undefined[metric] ?? "no reason"))")
                #expect(abs(actual - expected) <= 1e-9, "\(name) \(task ?? "") \(metricName): expected \(expected), got \(actual)")
            } else {
                #expect(report.value(metric) == nil, "\(metricName): expected null")
                #expect(report.undefined[metric] != nil, "\(metricName): null without a reason")
            }
        }
    }
}
