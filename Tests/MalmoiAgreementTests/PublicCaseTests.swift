import Foundation
import MalmoiAgreement
import MalmoiAgreementInput
import MalmoiCore
import Testing

/// The reference cases in `../shared/data/agreement/public` (values from the krippendorff package,
/// NLTK, statsmodels and irrCAC), matched to 1e-9, when that development data is beside the repository.
struct PublicCaseTests {
    static let casesDirectory: URL? = {
        if let path = ProcessInfo.processInfo.environment["MALMOI_AGREEMENT_CASES"] {
            return URL(fileURLWithPath: path)
        }
        let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let cases = repo.deletingLastPathComponent().appendingPathComponent("shared/data/agreement/public")
        return FileManager.default.fileExists(atPath: cases.path) ? cases : nil
    }()

    static let caseNames: [String] = {
        guard let directory = casesDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/expected.json").path)
        }.sorted()
    }()

    // The development data is not part of the repository: these tests run when it is present and are
    // reported as skipped otherwise. The project's own cases (ReferenceCaseTests) always run.
    @Test("The ten public cases are present",
          .enabled(if: casesDirectory != nil, "skipped: ../shared/data/agreement/public not present"))
    func casesArePresent() {
        #expect(Self.caseNames.count >= 10)
    }

    @Test("Every expected value of a public case is matched to 1e-9",
          .enabled(if: casesDirectory != nil, "skipped: ../shared/data/agreement/public not present"),
          arguments: caseNames)
    func publicCase(_ name: String) throws {
        let directory = try #require(Self.casesDirectory).appendingPathComponent(name)
        let expectedText = try String(contentsOf: directory.appendingPathComponent("expected.json"), encoding: .utf8)
        let expected = try JSONValue.parse(expectedText)
        let tasks = try AgreementInput.readJSONL(paths: [directory.appendingPathComponent("input.jsonl").path], level: nil)
        var reports: [String?: AgreementReport] = [:]
        for (task, data) in tasks { reports[task] = AgreementScorer.score(data) }

        var checks: [(String?, JSONObject)] = []
        if let byTask = expected["tasks"]?.objectValue {
            for (task, metrics) in byTask { checks.append((task, try #require(metrics.objectValue))) }
        } else {
            checks.append((nil, try #require(expected.objectValue)))
        }
        for (task, metrics) in checks {
            let report = try #require(reports[task], "no report for task \(task ?? "-")")
            for (name, value) in metrics {
                let metric = try #require(AgreementMetric(rawValue: name), "unknown metric \(name)")
                let required = !metric.isVariant && metric != .lightKappa
                guard report.metrics.contains(metric) else {
                    #expect(!required, "\(name) is not reported")
                    continue
                }
                let got = report.value(metric)
                switch value {
                case .null:
                    #expect(got == nil, "\(name): expected null, got \(String(describing: got))")
                    #expect(report.undefined[metric] != nil, "\(name): null without a reason")
                case .number(let number):
                    let actual = try #require(got, "\(name): got null (\(report.undefined[metric] ?? ""))")
                    #expect(abs(actual - number) <= 1e-9, "\(name): expected \(number), got \(actual)")
                default:
                    Issue.record("unexpected expected value for \(name)")
                }
            }
        }
    }
}
