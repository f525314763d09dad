import Foundation
import Testing

@Suite struct SummaryCLITests {
    static let corpus = MalmoiProcess.repository.appendingPathComponent("Corpora/summary")

    @Test func rougeJSONHasPairsAndMean() throws {
        let result = try MalmoiProcess.run(["summary", "rouge", "--ref", Self.corpus.appendingPathComponent("refs.txt").path,
                                            "--hyp", Self.corpus.appendingPathComponent("hyps.txt").path, "--tokenize", "eojeol", "--format", "json"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let pairs = object?["pairs"] as? [[String: [String: Double]]]
        #expect(pairs?.count == 2)
        // Pair 2: "폭염 특보 속에 낮 최고 35도, 열대야가 이어진다." (8 eojeol) vs "전국에 폭염 특보가 내려져 낮 기온이
        // 35도 안팎까지 오른다." (9 eojeol): only 폭염 and 낮 are the same eojeol (특보 ≠ 특보가, 35도, ≠ 35도).
        // (Foundation's JSON reader on Linux may be off in the last bit, hence the tolerance.)
        #expect(abs((pairs?[1]["rouge1"]?["p"] ?? -1) - 2.0 / 8.0) < 1e-15)
        #expect(abs((pairs?[1]["rouge1"]?["r"] ?? -1) - 2.0 / 9.0) < 1e-15)
        let mean = object?["mean"] as? [String: [String: Double]]
        #expect(mean?["rougeLsum"]?["f"] != nil)
    }

    @Test func identicalFilesScoreOneWithCharacters() throws {
        let refs = Self.corpus.appendingPathComponent("refs.txt").path
        let result = try MalmoiProcess.run(["summary", "rouge", "--ref", refs, "--hyp", refs, "--tokenize", "char"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("rouge1\t1.0000\t1.0000\t1.0000"))
    }

    @Test func mismatchedLineCountsExitTwo() throws {
        let result = try MalmoiProcess.run(["summary", "rouge", "--ref", Self.corpus.appendingPathComponent("refs.txt").path,
                                            "--hyp", Self.corpus.appendingPathComponent("news.jsonl").path, "--tokenize", "eojeol"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("line i of each must be a pair"))
    }

    @Test func draftWritesOneObjectPerDocument() throws {
        let result = try MalmoiProcess.run(["summary", "draft", Self.corpus.appendingPathComponent("news.jsonl").path,
                                            "--sentences", "2", "--similarity", "bigram", "--method", "lexrank"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["id"] as? String == "news-001")
        #expect((first?["draft"] as? [Int])?.count == 2)
        #expect((first?["sentences"] as? [[String: Any]])?.count == 6)
    }
}
