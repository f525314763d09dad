import Foundation
import MalmoiCore
import Testing

/// `malmoi summary rouge` beyond the sample: the parallel path (≥ 1,000 pairs, compared with
/// `--jobs 1`), `--metrics`, `--input jsonl` and `--tokenize morph` values; and the sentence indices
/// `summary draft` picks.
struct SummaryRougeAndDraftCLITests {
    /// 1,200 deterministic Korean summary pairs built from word lists (a linear congruential walk, so
    /// every run writes the same files).
    static func pairs(count: Int = 1_200) -> (references: [String], candidates: [String]) {
        let subjects = ["정부는", "서울시는", "기상청은", "연구진은", "교육부는", "업계는", "시민단체는", "법원은"]
        let objects = ["전기차 보조금을", "버스 요금을", "폭염 대책을", "새 교육과정을", "주택 공급을", "개인정보 보호를"]
        let times = ["내년부터", "다음 달", "올해 안에", "이번 주", "하반기에"]
        let verbs = ["늘린다고 밝혔다.", "줄이기로 했다.", "발표했다.", "검토하고 있다.", "강화한다."]
        var state: UInt64 = 12_345
        func pick(_ words: [String]) -> String {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return words[Int(state >> 33) % words.count]
        }
        var references: [String] = []
        var candidates: [String] = []
        for _ in 0..<count {
            references.append([pick(subjects), pick(times), pick(objects), pick(verbs)].joined(separator: " "))
            candidates.append([pick(subjects), pick(objects), pick(times), pick(verbs)].joined(separator: " "))
        }
        return (references, candidates)
    }

    /// Writes lines into a fresh directory and returns their paths.
    static func write(_ files: [String: [String]], in directory: URL) throws -> [String: String] {
        var paths: [String: String] = [:]
        for (name, lines) in files {
            let url = directory.appendingPathComponent(name)
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            paths[name] = url.path
        }
        return paths
    }

    func rouge(_ arguments: [String]) throws -> MalmoiProcess.Result {
        let result = try MalmoiProcess.run(["summary", "rouge", "--format", "json"] + arguments, input: "")
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    @Test("1,200 pairs on four threads print the same bytes as on one")
    func parallelEqualsSerial() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (references, candidates) = Self.pairs()
        let paths = try Self.write(["ref.txt": references, "hyp.txt": candidates], in: directory)
        let base = ["--ref", paths["ref.txt"]!, "--hyp", paths["hyp.txt"]!, "--tokenize", "eojeol"]
        let serial = try rouge(base + ["--jobs", "1"])
        let parallel = try rouge(base + ["--jobs", "4"])
        #expect(serial.stdoutData == parallel.stdoutData)
        let output = try JSONValue.parse(serial.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(output["count"] == 1_200)
        let scored = try #require(output["pairs"]?.arrayValue)
        #expect(scored.count == 1_200)
        // Pair i is scored against reference i: an identical pair added at the end scores 1, and the
        // pair before it keeps the value it had.
        let extended = try Self.write(["ref2.txt": references + ["정부는 내년부터 전기차 보조금을 늘린다고 밝혔다."],
                                       "hyp2.txt": candidates + ["정부는 내년부터 전기차 보조금을 늘린다고 밝혔다."]], in: directory)
        let more = try JSONValue.parse(try rouge(["--ref", extended["ref2.txt"]!, "--hyp", extended["hyp2.txt"]!, "--tokenize", "eojeol",
                                                  "--jobs", "3"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(more["pairs"]?[1_200]?["rouge1"]?["f"] == 1)
        #expect(more["pairs"]?[1_199] == scored[1_199])
        #expect(more["pairs"]?[0] == scored[0])
    }

    /// 정부는 내년부터 전기차 보조금을 늘린다고 밝혔다 (6 eojeol) against 정부는 전기차 보조금을 내년부터 줄이기로 했다
    /// (6 eojeol): 4 shared unigrams; bigrams: only 전기차 보조금을 is shared (1 of 5); the LCS is 3
    /// (정부는 전기차 보조금을).
    @Test("--metrics prints only the variants asked for, with the same values as the full run")
    func metricsSelectVariants() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try Self.write(["ref.txt": ["정부는 내년부터 전기차 보조금을 늘린다고 밝혔다."],
                                    "hyp.txt": ["정부는 전기차 보조금을 내년부터 줄이기로 했다."]], in: directory)
        let base = ["--ref", paths["ref.txt"]!, "--hyp", paths["hyp.txt"]!, "--tokenize", "eojeol"]
        let all = try JSONValue.parse(try rouge(base).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let some = try JSONValue.parse(try rouge(base + ["--metrics", "rouge2,rougeL"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(some["mean"]?.objectValue?.keys == ["rouge2", "rougeL"])
        #expect(some["pairs"]?[0]?.objectValue?.keys == ["rouge2", "rougeL"])
        #expect(some["mean"]?["rouge2"] == all["mean"]?["rouge2"] && some["mean"]?["rougeL"] == all["mean"]?["rougeL"])
        #expect(all["mean"]?["rouge1"]?["p"]?.doubleValue == 4.0 / 6)
        #expect(all["mean"]?["rouge2"]?["r"]?.doubleValue == 1.0 / 5)
        #expect(all["mean"]?["rougeL"]?["p"]?.doubleValue == 3.0 / 6)
        let unknown = try MalmoiProcess.run(["summary", "rouge"] + base + ["--metrics", "rouge3"], input: "")
        #expect(unknown.status == 2 && unknown.stderr.contains("rouge3"))
    }

    @Test("--input jsonl reads strings and {\"text\"} objects, the same pairs as text give the same scores")
    func jsonlInput() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let references = ["폭염 특보 속에 낮 최고 35도, 열대야가 이어진다.", "서울시는 버스 요금을 올해 안에 올린다."]
        let candidates = ["전국에 폭염 특보가 내려져 낮 기온이 35도 안팎까지 오른다.", "서울시는 올해 버스 요금을 올린다."]
        func quoted(_ text: String) -> String { JSONValue.string(text).serialized() }
        let paths = try Self.write([
            "ref.txt": references, "hyp.txt": candidates,
            "ref.jsonl": references.map(quoted),
            "hyp.jsonl": candidates.map { "{\"id\":1,\"text\":\(quoted($0))}" },
        ], in: directory)
        let text = try rouge(["--ref", paths["ref.txt"]!, "--hyp", paths["hyp.txt"]!, "--tokenize", "char"])
        let jsonl = try rouge(["--ref", paths["ref.jsonl"]!, "--hyp", paths["hyp.jsonl"]!, "--tokenize", "char", "--input", "jsonl"])
        #expect(text.stdoutData == jsonl.stdoutData)

        // A summary with a line break inside one JSON string: two sentences for ROUGE-Lsum.
        let multi = try Self.write(["r.jsonl": [quoted("폭염이 이어진다.\n열대야도 계속된다.")],
                                    "h.jsonl": [quoted("열대야도 계속된다.\n폭염이 이어진다.")]], in: directory)
        let lsum = try JSONValue.parse(try rouge(["--ref", multi["r.jsonl"]!, "--hyp", multi["h.jsonl"]!, "--tokenize", "eojeol",
                                                  "--input", "jsonl", "--sentences", "newlines"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines))
        // Same sentences in another order: Lsum (union LCS per sentence) is 1, plain LCS is 2 of 4.
        #expect(lsum["mean"]?["rougeLsum"]?["f"]?.doubleValue == 1)
        #expect(lsum["mean"]?["rougeL"]?["f"]?.doubleValue == 0.5)

        let bad = try Self.write(["bad.jsonl": ["{\"summary\":\"없음\"}"]], in: directory)
        let error = try MalmoiProcess.run(["summary", "rouge", "--ref", bad["bad.jsonl"]!, "--hyp", bad["bad.jsonl"]!,
                                           "--tokenize", "char", "--input", "jsonl"], input: "")
        #expect(error.status == 2 && error.stderr.contains("bad.jsonl:1"))
    }

    /// mecab-ko-dic: 나/NP 는/JX 학교/NNG 에/JKB 갔/VV+EP 다/EC against 나 는 집 에 갔 다: 5 of 6
    /// morphemes shared, bigrams 나는 · 에갔 · 갔다 shared (3 of 5), LCS 5; by eojeol only 나는 and 갔다.
    @Test("--tokenize morph counts morphemes (5/6), where eojeol counts words (2/3)")
    func morphemeTokens() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try Self.write(["ref.txt": ["나는 학교에 갔다"], "hyp.txt": ["나는 집에 갔다"]], in: directory)
        let base = ["--ref", paths["ref.txt"]!, "--hyp", paths["hyp.txt"]!]
        let morph = try JSONValue.parse(try rouge(base + ["--tokenize", "morph"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(morph["tokenize"] == "morph")
        #expect(abs((morph["mean"]?["rouge1"]?["f"]?.doubleValue ?? 0) - 5.0 / 6) < 1e-15)
        #expect(abs((morph["mean"]?["rouge2"]?["p"]?.doubleValue ?? 0) - 3.0 / 5) < 1e-15)
        #expect(abs((morph["mean"]?["rougeL"]?["r"]?.doubleValue ?? 0) - 5.0 / 6) < 1e-15)
        let eojeol = try JSONValue.parse(try rouge(base + ["--tokenize", "eojeol"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(abs((eojeol["mean"]?["rouge1"]?["f"]?.doubleValue ?? 0) - 2.0 / 3) < 1e-15)
    }

    /// The paragraph of ExtractiveDrafterSelectionTests. With morphemes (mecab-ko-dic content tags),
    /// sentences 0 and 5 each share 전기차 and 충전 with sentence 2 and with each other, so 0 and 5
    /// lead, then 2; by bigrams the order is 0, 2, 5 (see that file).
    @Test("summary draft picks sentences by index, with bigrams and with morphemes",
          arguments: [(["--similarity", "bigram", "--method", "textrank", "--sentences", "2"], [0, 2]),
                      (["--similarity", "bigram", "--method", "lexrank", "--sentences", "1"], [2]),
                      (["--similarity", "morph", "--method", "textrank", "--sentences", "2"], [0, 5]),
                      (["--similarity", "morph", "--method", "textrank", "--sentences", "3"], [0, 2, 5])])
    func draftIndices(arguments: [String], expected: [Int]) throws {
        let document = "서울시는 내년부터 전기차 충전소를 두 배로 늘린다고 밝혔다. 오늘 오후에는 전국에 비가 조금 내리겠다. "
            + "시는 전기차 충전소 부족이 전기차 보급의 가장 큰 걸림돌이라고 설명했다. 새 충전소는 아파트 단지와 공영 주차장에 먼저 들어선다. "
            + "한편 프로야구 개막전은 다음 달 초에 열린다. 전기차 이용자들은 충전소 확대를 반기면서도 충전 요금 인상을 걱정했다."
        let input = "{\"id\":\"기사-1\",\"text\":\(JSONValue.string(document).serialized())}\n"
        let result = try MalmoiProcess.run(["summary", "draft"] + arguments, input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try JSONValue.parse(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(output["id"] == "기사-1")
        #expect(output["draft"]?.arrayValue?.compactMap(\.intValue) == expected)
        #expect(output["sentences"]?.arrayValue?.count == 6)
    }
}
