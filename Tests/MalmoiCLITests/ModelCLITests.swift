import Foundation
import MalmoiCore
import Testing

/// `malmoi model` end to end: train, predict, eval, errors, and the model in a label project's workflow.
@Suite struct ModelCLITests {
    static let data = WorkflowCLI.root.appendingPathComponent("Tests/MalmoiModelTests/Data")
    static var train: String { data.appendingPathComponent("reviews_train.jsonl").path }
    static var heldOut: String { data.appendingPathComponent("reviews_heldout.jsonl").path }

    @Test func trainPredictEval() throws {
        let dir = WorkflowCLI.makeDirectory()
        var result = try WorkflowCLI.run(["model", "train", "--data", Self.train, "-o", "r.model", "--hash-bits", "18"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("trained on 48 examples, 2 labels"))
        result = try WorkflowCLI.run(["model", "predict", "--model", "r.model"], in: dir,
                                     input: "{\"id\":\"a\",\"text\":\"배송이 빠르고 품질이 좋아서 만족해요\"}\n환불 요청했어요 최악입니다\n")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try result.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        #expect(lines.count == 2)
        #expect(lines[0]["id"] == "a" && lines[0]["label"] == "긍정")
        #expect(lines[1]["id"] == nil && lines[1]["label"] == "부정")
        #expect(lines[1]["scores"]?["부정"] == lines[1]["score"])
        result = try WorkflowCLI.run(["model", "eval", "--model", "r.model", "--data", Self.heldOut, "--format", "json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let evaluation = try JSONValue.parse(result.stdout)
        #expect((evaluation["macro"]?["f1"]?.doubleValue ?? 0) >= 0.9)
        #expect(evaluation["confusion"]?["labels"] == ["긍정", "부정"])
        result = try WorkflowCLI.run(["model", "eval", "--model", "r.model", "--data", Self.heldOut], in: dir)
        #expect(result.stdout.contains("confusion (rows gold, columns predicted)"))
    }

    @Test("model train refuses to write its model over the store or over its own training data")
    func outputOverTheStoreOrTheDataIsRefused() throws {
        let dir = WorkflowCLI.makeDirectory()
        var result = try WorkflowCLI.run(["project", "create", "reviews", "--labels", "긍정,부정"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let store = dir.appendingPathComponent("malmoi.sqlite").path
        let before = try Data(contentsOf: URL(fileURLWithPath: store))
        result = try WorkflowCLI.run(["model", "train", "--data", Self.train, "-o", "malmoi.sqlite", "--hash-bits", "18"], in: dir)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
        result = try WorkflowCLI.run(["project", "list"], in: dir)
        #expect(result.stdout.contains("reviews"), "\(result.stdout) \(result.stderr)")
        let copy = dir.appendingPathComponent("train.jsonl").path
        try FileManager.default.copyItem(atPath: Self.train, toPath: copy)
        result = try WorkflowCLI.run(["model", "train", "--data", "train.jsonl", "-o", "./train.jsonl", "--hash-bits", "18"], in: dir)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == String(contentsOfFile: Self.train, encoding: .utf8))
    }

    @Test func badTrainingDataExitsTwoWithItsLine() throws {
        let dir = WorkflowCLI.makeDirectory()
        try "{\"text\":\"좋아요\",\"label\":\"1\"}\n{\"text\":\"\",\"label\":\"0\"}\n".write(
            to: dir.appendingPathComponent("bad.jsonl"), atomically: true, encoding: .utf8)
        var result = try WorkflowCLI.run(["model", "train", "--data", "bad.jsonl", "-o", "m.model"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.jsonl:2: field \"text\": the text is empty"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.model").path))
        try "{\"text\":\"좋아요\",\"label\":\"1\"}\n".write(to: dir.appendingPathComponent("one.jsonl"), atomically: true, encoding: .utf8)
        result = try WorkflowCLI.run(["model", "train", "--data", "one.jsonl", "-o", "m.model"], in: dir)
        #expect(result.status == 2 && result.stderr.contains("at least two labels"), "\(result.stderr)")
        result = try WorkflowCLI.run(["model", "predict", "--model", "one.jsonl"], in: dir, input: "x\n")
        #expect(result.status == 2 && result.stderr.contains("not a Malmoi model file"), "\(result.stderr)")
    }

    @Test func projectModelDraftsTrainingAndAgreement() throws {
        let dir = WorkflowCLI.makeDirectory()
        var result = try WorkflowCLI.run(["model", "train", "--data", Self.train, "-o", "r.model", "--hash-bits", "18"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let corpus = WorkflowCLI.root.appendingPathComponent("Corpora/label/reviews.jsonl").path
        result = try WorkflowCLI.run(["project", "create", "reviews", "--labels", "긍정,부정,중립",
                                      "--config", "{\"model\":\"r.model\"}"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["import", "--project", "reviews", corpus], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        // Every item now carries the model's suggestion as its draft, exported with it.
        result = try WorkflowCLI.run(["export", "--project", "reviews", "--format", "jsonl", "--all"], in: dir)
        let items = try result.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }.filter { $0["text"] != nil }
        #expect(items.count == 20)
        #expect(items.allSatisfy { $0["pre_annotation"]?["labels"]?.arrayValue?.count == 1 })
        // kim takes the suggestion with `ok` on the first 10 items and answers 3 (중립, never suggested) on the rest.
        result = try WorkflowCLI.run(["annotate", "--project", "reviews", "--annotator", "kim"], in: dir,
                                     input: String(repeating: "ok\n", count: 10) + String(repeating: "3\n", count: 10))
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["review", "--project", "reviews", "--reviewer", "park"], in: dir,
                                     input: String(repeating: "a\n", count: 20))
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["model", "agree", "--project", "reviews", "--format", "json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let agreement = try JSONValue.parse(result.stdout)
        #expect(agreement["compared"] == 20)
        #expect(agreement["drafts"]?["kept"] == 10 && agreement["drafts"]?["replaced"] == 10)
        #expect(agreement["percent_agreement"] == 0.5)
        // The accepted work trains a model that knows all three labels.
        result = try WorkflowCLI.run(["model", "train", "--project", "reviews", "-o", "p.model", "--hash-bits", "16"], in: dir)
        #expect(result.status == 0 && result.stderr.contains("trained on 20 examples, 3 labels"), "\(result.stderr)")
    }

    @Test func abuseDraftsAreComputedAtImportAndOkAcceptsThem() throws {
        let dir = WorkflowCLI.makeDirectory()
        var result = try WorkflowCLI.run(["project", "create", "욕설", "--kind", "abuse"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        try "{\"id\":\"m1\",\"text\":\"ㅅㅂ 진짜 왜 저래\"}\n{\"id\":\"m2\",\"text\":\"오늘 날씨 좋다\"}\n".write(
            to: dir.appendingPathComponent("m.jsonl"), atomically: true, encoding: .utf8)
        result = try WorkflowCLI.run(["import", "--project", "욕설", "m.jsonl"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["annotate", "--project", "욕설", "--annotator", "kim"], in: dir, input: "ok\nok\n")
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["export", "--project", "욕설", "--format", "jsonl", "--all"], in: dir)
        let items = try result.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }.filter { $0["text"] != nil }
        #expect(items.count == 2)
        #expect(items[0]["pre_annotation"]?["categories"] == ["profanity"])
        #expect(items[1]["pre_annotation"]?["categories"] == [])
        result = try WorkflowCLI.run(["model", "agree", "--project", "욕설", "--format", "json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONValue.parse(result.stdout)["drafts"]?["kept"] == 2)
    }

    @Test("Enter takes the model's draft; the outcome is exported and counted by agree --project; train re-scores an uncertainty queue")
    func enterOutcomesAndUncertaintyOrder() throws {
        let dir = WorkflowCLI.makeDirectory()
        var result = try WorkflowCLI.run(["model", "train", "--data", Self.train, "-o", "r.model", "--hash-bits", "18"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let corpus = WorkflowCLI.root.appendingPathComponent("Corpora/label/reviews.jsonl").path
        result = try WorkflowCLI.run(["project", "create", "reviews", "--labels", "긍정,부정,중립", "--overlap", "2",
                                      "--config", "{\"model\":\"r.model\",\"order\":\"uncertainty\"}"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["import", "--project", "reviews", corpus], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        // Enter on 5 items, ok on 5, and 중립 (never suggested) on 10.
        result = try WorkflowCLI.run(["annotate", "--project", "reviews", "--annotator", "kim"], in: dir,
                                     input: String(repeating: "\n", count: 5) + String(repeating: "ok\n", count: 5)
                                         + String(repeating: "3\n", count: 10))
        #expect(result.status == 0 && result.stderr.contains("saved 20"), "\(result.stderr)")
        result = try WorkflowCLI.run(["review", "--project", "reviews", "--reviewer", "park"], in: dir,
                                     input: String(repeating: "a\n", count: 20))
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["export", "--project", "reviews", "--format", "jsonl", "--all"], in: dir)
        let items = try result.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }.filter { $0["text"] != nil }
        let outcomes = items.flatMap { ($0["annotations"]?.arrayValue ?? []).compactMap { $0["draft_outcome"]?.stringValue } }
        #expect(outcomes.filter { $0 == "kept" }.count == 10 && outcomes.filter { $0 == "replaced" }.count == 10)
        result = try WorkflowCLI.run(["agree", "--project", "reviews", "--format", "json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try JSONValue.parse(result.stdout)["task_agreement"]
        #expect(figures?["drafts"]?["kept"] == 10 && figures?["drafts"]?["replaced"] == 10)
        #expect(figures?["drafts"]?["changed_share"] == 0.5)
        #expect(figures?["model"]?["compared"] == 20)

        // Training on the accepted work re-scores the queue: lee is served the item the new model is least sure of.
        result = try WorkflowCLI.run(["model", "train", "--project", "reviews", "-o", "p.model", "--hash-bits", "16"], in: dir)
        #expect(result.status == 0 && result.stderr.contains("re-scored the queue of 20 items"), "\(result.stderr)")
        result = try WorkflowCLI.run(["model", "predict", "--model", "p.model", corpus], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        var uncertainty: [String: Double] = [:]
        for (item, line) in zip(items, result.stdout.split(separator: "\n")) {
            let probabilities = (try JSONValue.parse(String(line))["scores"]?.objectValue.map { $0.map { $0.value.doubleValue ?? 0 } } ?? [])
                .sorted(by: >)
            uncertainty[item["id"]?.stringValue ?? ""] = 1 - (probabilities[0] - probabilities[1])
        }
        result = try WorkflowCLI.run(["annotate", "--project", "reviews", "--annotator", "lee", "--limit", "1"], in: dir, input: "1\n")
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["export", "--project", "reviews", "--format", "jsonl", "--all"], in: dir)
        let served = try result.stdout.split(separator: "\n").map { try JSONValue.parse(String($0)) }
            .first { ($0["annotations"]?.arrayValue ?? []).contains { $0["annotator"] == "lee" } }
        let servedID = try #require(served?["id"]?.stringValue)
        let most = uncertainty.values.max() ?? 0
        #expect((uncertainty[servedID] ?? 0) >= most - 1e-6, "served \(servedID) at \(uncertainty[servedID] ?? -1), most uncertain \(most)")
    }
}
