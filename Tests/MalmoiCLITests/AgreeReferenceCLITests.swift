import Foundation
import MalmoiCore
import Testing

/// `malmoi agree` values, not only keys: the project's own reference cases (values from the peer
/// libraries, `Tests/Fixtures/agreement`) and a small data set computed by hand.
struct AgreeReferenceCLITests {
    static let fixtures = MalmoiProcess.repository.appendingPathComponent("Tests/Fixtures/agreement")

    static let caseNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: fixtures.appendingPathComponent("\($0)/expected.json").path) }.sorted()
    }()

    func report(_ arguments: [String], input: String = "") throws -> JSONValue {
        let result = try MalmoiProcess.run(["agree", "--format", "json"] + arguments, input: input)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONValue.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("agree --format json prints the peer libraries' values (1e-9) and null where undefined", arguments: caseNames)
    func referenceCase(_ name: String) throws {
        let directory = Self.fixtures.appendingPathComponent(name)
        let output = try report([directory.appendingPathComponent("input.jsonl").path])
        let expected = try JSONValue.parse(String(contentsOf: directory.appendingPathComponent("expected.json"), encoding: .utf8))
        var groups: [(metrics: JSONValue?, expected: JSONObject)] = []
        if let tasks = expected["tasks"]?.objectValue {
            for (task, metrics) in tasks { groups.append((output["tasks"]?[task]?["metrics"], try #require(metrics.objectValue))) }
        } else {
            groups.append((output["metrics"], try #require(expected.objectValue)))
        }
        for (metrics, values) in groups {
            let metrics = try #require(metrics, "no metrics in the output")
            for (metric, value) in values {
                let got = try #require(metrics[metric], "\(metric) missing")
                if let number = value.doubleValue {
                    let actual = try #require(got.doubleValue, "\(metric): got \(got)")
                    #expect(abs(actual - number) <= 1e-9, "\(name) \(metric): expected \(number), got \(actual)")
                } else {
                    #expect(got == .null, "\(name) \(metric): expected null, got \(got)")
                }
            }
        }
    }

    /// 김 labels 문장1–5, 이 labels 문장1–4. Paired units: 긍/긍, 부/중, 중/중, 부/부 (3 of 4 agree).
    /// - Cohen: p_e = (1·1 + 2·1 + 1·2)/16 = 5/16, κ = (3/4 − 5/16)/(11/16) = 7/11.
    /// - Scott: pooled 긍 2, 부 3, 중 3 of 8, p_e = 22/64, π = 13/21. Bennett: (3/4 − 1/3)/(2/3) = 5/8.
    /// - Krippendorff (pairable units only, n = 8): α = 1 − 7 · 2 / (2·(2·3 + 2·3 + 3·3)) = 2/3.
    /// - Gwet's forms (문장5 stays in π): π = (0.4, 0.3, 0.3), Fleiss p_e = 0.34 → 41/66; AC1 p_e =
    ///   0.66/2 = 0.33 → 42/67; Randolph 5/8; Conger: 김 (2, 2, 1)/5, 이 (1, 1, 2)/4, p_e = 0.3 → 9/14.
    @Test("Two coders with one single-coded item: every coefficient as computed by hand")
    func handComputedValues() throws {
        let output = try report([], input: AgreeCLITests.twoCoders)
        let expected: [(String, Double)] = [
            ("percent_agreement", 3.0 / 4), ("cohen_kappa", 7.0 / 11), ("scott_pi", 13.0 / 21), ("bennett_s", 5.0 / 8),
            ("krippendorff_alpha_nominal", 2.0 / 3), ("fleiss_kappa", 41.0 / 66), ("gwet_ac1", 42.0 / 67),
            ("randolph_kappa", 5.0 / 8), ("conger_kappa", 9.0 / 14),
        ]
        for (metric, value) in expected {
            let actual = try #require(output["metrics"]?[metric]?.doubleValue, "\(metric) is not a number")
            #expect(abs(actual - value) <= 1e-12, "\(metric): expected \(value), got \(actual)")
        }
    }

    @Test("Table output prints the same alpha as JSON")
    func tableShowsTheValue() throws {
        let result = try MalmoiProcess.run(["agree"], input: AgreeCLITests.twoCoders)
        #expect(result.status == 0)
        let line = try #require(result.stdout.split(separator: "\n").first { $0.contains("krippendorff_alpha_nominal") })
        #expect(line.contains("0.6667"), "\(line)")
    }
}
