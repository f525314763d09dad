import Foundation
import Testing

@Suite struct QACLITests {
    static let sample = MalmoiProcess.repository.appendingPathComponent("Corpora/qa/korquad_sample.json").path
    static let predictions = MalmoiProcess.repository.appendingPathComponent("Corpora/qa/predictions_sample.json").path

    @Test func evalPrintsTheOfficialScoresAsJSON() throws {
        let result = try MalmoiProcess.run(["qa", "eval", "--gold", Self.sample, "--pred", Self.predictions, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stdout == "{\"exact_match\":37.5,\"f1\":80.83333333333333}\n")
        #expect(result.stderr.contains("unanswered question hg-0-1 will receive score 0"))
    }

    @Test func evalDetailsListEveryQuestion() throws {
        let result = try MalmoiProcess.run(["qa", "eval", "--gold", Self.sample, "--pred", Self.predictions, "--format", "json", "--details"])
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let details = object?["details"] as? [[String: Any]]
        #expect(details?.count == 8)
        #expect(details?[0]["f1"] as? Double == 0.8)
    }

    @Test func badPredictionFileExitsTwo() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("pred.json")
        try Data(#"{"hm-0-0": 3}"#.utf8).write(to: bad)
        let result = try MalmoiProcess.run(["qa", "eval", "--gold", Self.sample, "--pred", bad.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("pred.json: field \"hm-0-0\": expected the answer as a string"))
    }

    @Test(arguments: ["paragraph", "question"])
    func importThenExportGivesTheSameFile(unit: String) throws {
        let items = try MalmoiProcess.run(["qa", "import", Self.sample, "--unit", unit])
        #expect(items.status == 0)
        let back = try MalmoiProcess.run(["qa", "export"], stdin: items.stdoutData)
        #expect(back.status == 0)
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.sample))) as? NSDictionary
        let roundTrip = try JSONSerialization.jsonObject(with: back.stdoutData) as? NSDictionary
        #expect(original != nil && original == roundTrip)
    }
}
