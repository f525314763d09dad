import Foundation
import MalmoiCore
import Testing

/// `malmoi abuse` end to end: scan, canon, variants, dedup and taxonomy, with exit statuses.
struct AbuseCLITests {
    func lines(_ result: MalmoiProcess.Result) throws -> [JSONValue] {
        try result.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }

    @Test func scanWritesOneObjectPerLine() throws {
        let result = try MalmoiProcess.run(["abuse", "scan"], input: "ㅅ ㅂ 진짜 새1끼\n시발점에서 보자\n")
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try lines(result)
        #expect(objects.count == 2)
        #expect(objects[0]["flagged"] == true && objects[0]["canonical"] == "씨발 진짜 새끼")
        #expect(objects[0]["hits"]?[0]?["surface"] == "ㅅ ㅂ" && objects[0]["hits"]?[0]?["start"] == 0 && objects[0]["hits"]?[0]?["end"] == 3)
        #expect(objects[0]["hits"]?[1]?["techniques"] == ["insertion"])
        #expect(objects[1]["flagged"] == false && objects[1]["hits"] == [])
    }

    @Test func scanReadsAJSONLField() throws {
        let result = try MalmoiProcess.run(["abuse", "scan", "--field", "body"], input: "{\"id\":1,\"body\":\"아 ㅅ8 진짜\"}\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try lines(result).first?["hits"]?[0]?["canonical"] == "씨발")
    }

    @Test func aMissingFieldIsBadInputWithItsLine() throws {
        let result = try MalmoiProcess.run(["abuse", "scan"], input: "ㅅㅂ\n{\"body\":\"x\"}\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:2: field \"text\""))
    }

    @Test func plainLexiconModeMissesDisguises() throws {
        let result = try MalmoiProcess.run(["abuse", "scan", "--steps", "lexicon"], input: "씨1발\nㅅㅂ\n")
        let objects = try lines(result)
        #expect(objects[0]["flagged"] == false && objects[1]["flagged"] == true)
    }

    @Test func canonExplainsEveryStepAndChange() throws {
        let result = try MalmoiProcess.run(["abuse", "canon", "--explain"], input: "ㅅㅣㅂㅏㄹ 새1끼\n")
        #expect(result.status == 0, "\(result.stderr)")
        for step in ["width", "invisible", "keyboard", "jamo", "insertion", "spacing", "elongation", "substitution", "romanization", "lexicon"] {
            #expect(result.stdout.contains("] \(step): "), "\(step)")
        }
        #expect(result.stdout.contains("→ 씨발 새끼"))
        #expect(result.stdout.contains("insertion: \"새1끼\" [6,9) → \"새끼\" [3,5)"))
    }

    @Test func canonJSONCarriesTransformations() throws {
        let result = try MalmoiProcess.run(["abuse", "canon", "--format", "json", "--steps", "width,jamo,lexicon"], input: "ㅈ같네\n")
        let object = try #require(try lines(result).first)
        #expect(object["canonical"] == "좆같네")
        #expect(object["transformations"]?[0]?["technique"] == "partial_jamo")
    }

    @Test func variantsAreDeterministicAndRoundTrip() throws {
        let first = try MalmoiProcess.run(["abuse", "variants", "--technique", "jamo_decomp", "--seed", "9", "--count", "3", "씨발 진짜"], input: "")
        let second = try MalmoiProcess.run(["abuse", "variants", "--technique", "jamo_decomposition", "--seed", "9", "--count", "3", "씨발 진짜"], input: "")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout && !first.stdout.isEmpty)
        let back = try MalmoiProcess.run(["abuse", "canon"], input: first.stdout)
        #expect(back.stdout.split(separator: "\n").allSatisfy { $0 == "씨발 진짜" }, "\(back.stdout)")
    }

    @Test func variantsRefuseUnknownTechniquesAndMessagesWithNothingToDisguise() throws {
        #expect(try MalmoiProcess.run(["abuse", "variants", "--technique", "teleport", "씨발"], input: "").status == 2)
        let nothing = try MalmoiProcess.run(["abuse", "variants", "--technique", "spacing", "안녕하세요"], input: "")
        #expect(nothing.status == 2 && nothing.stderr.contains("no word in the message"))
    }

    @Test func dedupDropsDisguisedRepeats() throws {
        let result = try MalmoiProcess.run(["abuse", "dedup"], input: "ㅅㅂ 꺼져\n씨1발  꺼져!!\n좋은 하루\n")
        #expect(result.status == 0)
        #expect(result.stdout == "ㅅㅂ 꺼져\n좋은 하루\n")
        #expect(result.stderr.contains("1 duplicate(s)"))
    }

    @Test func taxonomyValidatesFiles() throws {
        let ok = try MalmoiProcess.run(["abuse", "taxonomy", "--format", "json"], input: "")
        #expect(ok.status == 0)
        #expect(try lines(ok).first?["techniques"]?.arrayValue?.count == 20)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-abuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("lexicon.json")
        try #"{"schema_version": 1, "version": "x", "tables": {}, "entries": []}"#.write(to: bad, atomically: true, encoding: .utf8)
        let result = try MalmoiProcess.run(["abuse", "taxonomy", "--lexicon", bad.path], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("lexicon.json: field \"tables.placeholders\""))
    }
}
