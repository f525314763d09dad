import Foundation
import MalmoiExport
import Testing

/// The whole workflow in piped mode, as the issue's acceptance test describes it.
@Suite struct WorkflowEndToEndTests {
    // 1 = 긍정, 2 = 부정, 3 = 중립. lee differs from kim on rev-003, rev-007, rev-016 and rev-020.
    static let kimLabels = [1, 2, 1, 2, 1, 2, 3, 2, 2, 1, 2, 1, 2, 1, 2, 3, 1, 2, 1, 3]
    static let leeLabels = [1, 2, 3, 2, 1, 2, 1, 2, 2, 1, 2, 1, 2, 1, 2, 2, 1, 2, 1, 2]

    static func answers(_ labels: [Int], rationale: [Int: String] = [:]) -> String {
        labels.enumerated().map { index, label in
            rationale[index + 1].map { "\(label) | \($0)" } ?? String(label)
        }.joined(separator: "\n") + "\n"
    }

    @Test func createImportAnnotateReviewAgreeExportRoundTrip() throws {
        let dir = WorkflowCLI.makeDirectory()
        let corpus = WorkflowCLI.root.appendingPathComponent("Corpora/label/reviews.jsonl").path
        let guideline = WorkflowCLI.root.appendingPathComponent("Guidelines/label.md").path
        var result = try WorkflowCLI.run(["project", "create", "reviews", "--labels", "긍정,부정,중립", "--overlap", "2", "--points", "10",
                                          "--reasons", "wrong-label,careless,duplicate", "--guideline", guideline], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["import", "--project", "reviews", corpus], in: dir)
        #expect(result.status == 0 && result.stderr.contains("imported 20 items"), "\(result.stderr)")

        // kim copies a rationale nearly verbatim (rev-002 → rev-008) and checks the guideline on the way.
        let kim = ":guide\n" + Self.answers(Self.kimLabels, rationale: [2: "포장 상태가 불량하여 부정으로 판단함", 8: "포장 상태가 불량하여 부정으로 판단"])
        result = try WorkflowCLI.run(["annotate", "--project", "reviews", "--annotator", "kim"], in: dir, input: kim)
        #expect(result.status == 0 && result.stderr.contains("kim: saved 20"), "\(result.stderr)")
        #expect(result.stderr.contains("긍정"))   // the guideline was shown
        // lee answers in JSON.
        let names = ["긍정", "부정", "중립"]
        let leeJSON = Self.leeLabels.map { "{\"labels\": [\"\(names[$0 - 1])\"]}" }.joined(separator: "\n") + "\n"
        result = try WorkflowCLI.run(["annotate", "--project", "reviews", "--annotator", "lee", "--answers-jsonl"], in: dir, input: leeJSON)
        #expect(result.status == 0 && result.stderr.contains("lee: saved 20"), "\(result.stderr)")
        result = try WorkflowCLI.run(["annotate", "--project", "reviews", "--annotator", "park"], in: dir, input: "1\n")
        #expect(result.stderr.contains("nothing left"), "\(result.stderr)")

        // The review queue shows the near-duplicate and the disagreements.
        result = try WorkflowCLI.run(["review", "--project", "reviews", "--reviewer", "park", "--list"], in: dir)
        let queue = try WorkflowCLI.jsonLines(result.stdout)
        #expect(queue.count == 40)
        #expect(queue.prefix(20).allSatisfy { $0["annotator"] as? String == "kim" })
        let kim8 = try #require(queue.first { $0["annotator"] as? String == "kim" && $0["item"] as? String == "rev-008" })
        let duplicates = kim8["duplicates"] as? [[String: Any]] ?? []
        #expect(duplicates.first?["item"] as? String == "rev-002" && duplicates.first?["exact"] as? Bool == false)
        let kim3 = try #require(queue.first { $0["annotator"] as? String == "kim" && $0["item"] as? String == "rev-003" })
        #expect((kim3["others"] as? [[String: Any]])?.first?["agrees"] as? Bool == false)

        // park accepts everything but kim's copied rev-008 and lee's rev-007 (one accept typed in Korean layout).
        var verdicts: [String] = []
        for annotator in ["kim", "lee"] {
            for index in 1...20 {
                if annotator == "kim" && index == 8 { verdicts.append("r duplicate 근거를 복사했습니다") }
                else if annotator == "lee" && index == 7 { verdicts.append("r wrong-label") }
                else if index == 1 { verdicts.append("ㅁ") }
                else { verdicts.append("a") }
            }
        }
        result = try WorkflowCLI.run(["review", "--project", "reviews", "--reviewer", "park"], in: dir,
                                     input: verdicts.joined(separator: "\n") + "\n")
        #expect(result.status == 0 && result.stderr.contains("recorded 40 verdicts"), "\(result.stderr)")

        let stats = try WorkflowCLI.stats("reviews", in: dir)
        #expect(stats["complete_items"] as? Int == 20 && stats["short_items"] as? Int == 0)
        #expect(stats["accepted"] as? Int == 38 && stats["rejected"] as? Int == 2)
        let annotators = stats["annotators"] as? [[String: Any]] ?? []
        #expect(annotators.map { $0["points"] as? Int } == [190, 190])
        #expect(annotators.map { $0["acceptance_rate"] as? Double } == [0.95, 0.95])

        // Agreement: 16 of 20 items agree; the long format feeds `malmoi agree`.
        result = try WorkflowCLI.run(["export", "--project", "reviews", "--format", "agreement"], in: dir)
        let records = try WorkflowCLI.jsonLines(result.stdout)
        #expect(records.count == 40 && records.allSatisfy { $0["task"] as? String == "reviews" })
        result = try WorkflowCLI.run(["export", "--project", "reviews", "--all"], in: dir)
        let lines = try WorkflowCLI.jsonLines(result.stdout)
        let summary = try #require(lines.last?["agreement"] as? [String: Any])
        #expect(summary["value"] as? Double == 0.8 && summary["units"] as? Int == 20)

        // XML export validates against the schema with libxml2.
        let xml = dir.appendingPathComponent("reviews.xml").path
        result = try WorkflowCLI.run(["export", "--project", "reviews", "--format", "xml", "--output", xml], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let schema = WorkflowCLI.root.appendingPathComponent("Guidelines/malmoi-corpus.rng").path
        #expect(try RelaxNGValidator.validate(document: xml, schema: schema) == [])
        #expect(try String(contentsOfFile: xml, encoding: .utf8).components(separatedBy: "<layer ").count - 1 == 38)

        // JSONL export → import into a new project → export: the item lines are identical.
        let exported = dir.appendingPathComponent("all.jsonl").path
        try WorkflowCLI.run(["export", "--project", "reviews", "--all", "--output", exported], in: dir)
        try WorkflowCLI.run(["project", "create", "copy", "--labels", "긍정,부정,중립", "--overlap", "2", "--points", "10",
                             "--reasons", "wrong-label,careless,duplicate"], in: dir)
        result = try WorkflowCLI.run(["import", "--project", "copy", "--restore", exported], in: dir)
        #expect(result.stderr.contains("restored 40 annotations and 40 reviews"), "\(result.stderr)")
        let again = try WorkflowCLI.run(["export", "--project", "copy", "--all"], in: dir).stdout.split(separator: "\n")
        let original = try String(contentsOfFile: exported, encoding: .utf8).split(separator: "\n")
        #expect(Array(again.dropFirst()) == Array(original.dropFirst()))
        let copyStats = try WorkflowCLI.stats("copy", in: dir)
        #expect((copyStats["annotators"] as? [[String: Any]])?.map { $0["points"] as? Int } == [190, 190])
    }

    @Test func annotatorWithoutTheQualificationIsRefused() throws {
        let dir = WorkflowCLI.makeDirectory()
        try WorkflowCLI.run(["project", "create", "expert", "--labels", "욕설,비욕설", "--qualification", "abuse-expert"], in: dir)
        try WorkflowCLI.run(["import", "--project", "expert", "--format", "text", "-"], in: dir, input: "첫 문장\n둘째 문장\n")
        var result = try WorkflowCLI.run(["annotate", "--project", "expert", "--annotator", "kim"], in: dir, input: "1\n")
        #expect(result.status == 2 && result.stderr.contains("does not hold the qualification \"abuse-expert\""), "\(result.stderr)")
        try WorkflowCLI.run(["project", "qualify", "kim", "abuse-expert"], in: dir)
        result = try WorkflowCLI.run(["annotate", "--project", "expert", "--annotator", "kim"], in: dir, input: "1\n비욕설\n")
        #expect(result.status == 0 && result.stderr.contains("saved 2"), "\(result.stderr)")
    }

    @Test func aBadLineImportsNothingUnlessSkipBad() throws {
        let dir = WorkflowCLI.makeDirectory()
        try WorkflowCLI.run(["project", "create", "p", "--labels", "a,b"], in: dir)
        let input = "{\"id\": \"1\", \"text\": \"좋아요\"}\n{\"id\": \"2\", \"text\": 3}\n{\"id\": \"3\", \"text\": \"별로\"}\n"
        var result = try WorkflowCLI.run(["import", "--project", "p", "-"], in: dir, input: input)
        #expect(result.status == 2 && result.stderr.contains("<stdin>:2: field \"text\""), "\(result.stderr)")
        #expect(try WorkflowCLI.stats("p", in: dir)["items"] as? Int == 0)
        result = try WorkflowCLI.run(["import", "--project", "p", "--skip-bad", "-"], in: dir, input: input)
        #expect(result.status == 0 && result.stderr.contains("skipped 1 bad lines"), "\(result.stderr)")
        #expect(try WorkflowCLI.stats("p", in: dir)["items"] as? Int == 2)
        result = try WorkflowCLI.run(["import", "--project", "p", "-"], in: dir, input: "{\"id\": \"1\", \"text\": \"다시\"}\n")
        #expect(result.status == 2 && result.stderr.contains("--upsert"), "\(result.stderr)")
    }

    @Test func undoEditsThePreviousAnswerAndKoreanLayoutCommandsWork() throws {
        let dir = WorkflowCLI.makeDirectory()
        try WorkflowCLI.run(["project", "create", "p", "--labels", "긍정,부정"], in: dir)
        try WorkflowCLI.run(["import", "--project", "p", "--format", "text", "-"], in: dir, input: "하나\n둘\n셋\n")
        let result = try WorkflowCLI.run(["annotate", "--project", "p", "--annotator", "kim", "--retry"], in: dir,
                                         input: "1\n:ㅕㅜ애\n2\n:나ㅑㅔ\n행복\n1\n:벼ㅑㅅ\n")
        #expect(result.stderr.contains("edited") && result.stderr.contains("2: skipped") && result.stderr.contains("not saved"), "\(result.stderr)")
        let export = try WorkflowCLI.jsonLines(try WorkflowCLI.run(["export", "--project", "p", "--all"], in: dir).stdout)
        let labels = export.dropFirst().dropLast().map { item -> String in
            let annotations = item["annotations"] as? [[String: Any]] ?? []
            return "\(item["id"]!):" + annotations.map { (($0["payload"] as? [String: Any])?["labels"] as? [String] ?? []).joined() }.joined()
        }
        #expect(labels == ["1:부정", "2:", "3:긍정"])
    }

    @Test func pipedAnswersStopAtTheFirstOneNotSavedSoNoLaterLineLandsOnTheWrongItem() throws {
        let dir = WorkflowCLI.makeDirectory()
        try WorkflowCLI.run(["project", "create", "p", "--labels", "a,b"], in: dir)
        try WorkflowCLI.run(["import", "--project", "p", "--format", "text", "-"], in: dir, input: "하나\n둘\n셋\n")
        var result = try WorkflowCLI.run(["annotate", "--project", "p", "--annotator", "kim"], in: dir, input: "1\n9\n2\n1\n")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("<stdin>:2: 2: not saved") && result.stderr.contains("saved 1"), "\(result.stderr)")
        // The run resumes on item 2 with the corrected answers.
        result = try WorkflowCLI.run(["annotate", "--project", "p", "--annotator", "kim"], in: dir, input: "2\n1\n")
        #expect(result.status == 0 && result.stderr.contains("saved 2"), "\(result.stderr)")
        let export = try WorkflowCLI.jsonLines(try WorkflowCLI.run(["export", "--project", "p", "--all"], in: dir).stdout)
        let labels = export.dropFirst().dropLast().map { item -> String in
            let annotations = item["annotations"] as? [[String: Any]] ?? []
            return "\(item["id"]!):" + annotations.map { (($0["payload"] as? [String: Any])?["labels"] as? [String] ?? []).joined() }.joined()
        }
        #expect(labels == ["1:a", "2:b", "3:a"])
        // A bad verdict stops the review the same way.
        result = try WorkflowCLI.run(["review", "--project", "p", "--reviewer", "park"], in: dir, input: "a\nz\na\n")
        #expect(result.status == 2 && result.stderr.contains("<stdin>:2:") && result.stderr.contains("recorded 1"), "\(result.stderr)")
    }
}
