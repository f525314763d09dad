import Foundation
import Testing

/// The QA and summary task kinds through the whole workflow in piped mode: create, import, annotate,
/// review, agree, export.
@Suite struct TaskKindWorkflowTests {
    private func malmoi(_ arguments: [String], in directory: URL, input: String = "") throws -> MalmoiProcess.Result {
        try MalmoiProcess.run(arguments, input: input, directory: directory)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    private var korquad: String { MalmoiProcess.repository.appendingPathComponent("Corpora/qa/korquad_sample.json").path }

    @Test func qaQuestionsAreLocatedInThePassageReviewedAndExportedAsKorQuAD() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let items = try malmoi(["qa", "import", korquad, "--unit", "paragraph"], in: directory)
        #expect(items.status == 0, "\(items.stderr)")
        try items.stdoutData.write(to: directory.appendingPathComponent("passages.jsonl"))
        #expect(try malmoi(["project", "create", "qaw", "--kind", "qa", "--points", "5", "--reasons", "bad-span"], in: directory).status == 0)
        #expect(try malmoi(["import", "--project", "qaw", "passages.jsonl"], in: directory).status == 0)

        // The first answer is not in the passage (blocked); the second is, once; then a question on the next passage.
        let answers = ["훈민정음은 몇 년에 창제되었나? | 1544년", "훈민정음은 몇 년에 창제되었나? | 1443년",
                       "한강의 길이는 약 몇 킬로미터인가? | 494킬로미터", ":quit"]
        let annotate = try malmoi(["annotate", "--project", "qaw", "--annotator", "kim", "--retry"], in: directory, input: answers.joined(separator: "\n") + "\n")
        #expect(annotate.status == 0, "\(annotate.stderr)")
        #expect(annotate.stderr.contains("\"1544년\" does not occur in the passage"))
        #expect(annotate.stderr.contains("kim: saved 2"))

        let review = try malmoi(["review", "--project", "qaw", "--reviewer", "park"], in: directory, input: "a\nr bad-span 범위가 넓음\n")
        #expect(review.status == 0, "\(review.stderr)")
        let stats = try json(malmoi(["stats", "--project", "qaw", "--format", "json"], in: directory).stdout)
        let kimStats = (stats["annotators"] as? [[String: Any]])?.first { $0["annotator"] as? String == "kim" }
        #expect(kimStats?["points"] as? Int == 5)
        #expect(kimStats?["accepted"] as? Int == 1 && kimStats?["rejected"] as? Int == 1)

        #expect(try malmoi(["export", "--project", "qaw", "--format", "jsonl", "--output", "qa.jsonl"], in: directory).status == 0)
        let exported = try malmoi(["qa", "export", "qa.jsonl"], in: directory)
        #expect(exported.status == 0, "\(exported.stderr)")
        let dataset = try json(exported.stdout)
        var found: [(context: String, text: String, start: Int)] = []
        for article in dataset["data"] as? [[String: Any]] ?? [] {
            for paragraph in article["paragraphs"] as? [[String: Any]] ?? [] {
                for qa in paragraph["qas"] as? [[String: Any]] ?? [] where (qa["question"] as? String)?.hasPrefix("훈민정음은 몇 년에") == true {
                    for answer in qa["answers"] as? [[String: Any]] ?? [] {
                        found.append((paragraph["context"] as? String ?? "", answer["text"] as? String ?? "", answer["answer_start"] as? Int ?? -1))
                    }
                }
            }
        }
        #expect(found.count == 1)
        if let answer = found.first {
            let scalars = Array(answer.context.unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[answer.start..<(answer.start + answer.text.unicodeScalars.count)])
            #expect(answer.text == "1443년" && answer.start == 6 && String(view) == "1443년")
        }
        // The rejected question is left out of the accepted export.
        #expect(!exported.stdout.contains("494킬로미터인가"))
        // `export --format korquad` gives the same dataset in one step.
        let direct = try malmoi(["export", "--project", "qaw", "--format", "korquad"], in: directory)
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(try json(direct.stdout) as NSDictionary == dataset as NSDictionary)
        #expect(try malmoi(["export", "--project", "qaw", "--format", "conllu"], in: directory).status == 2)
    }

    @Test func qaValidationPassAgreementComparesAnswersAndSpans() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let items = try malmoi(["qa", "import", korquad, "--unit", "question"], in: directory)
        try items.stdoutData.write(to: directory.appendingPathComponent("questions.jsonl"))
        #expect(try malmoi(["project", "create", "qaa", "--kind", "qa", "--config", #"{"mode":"answer"}"#, "--overlap", "2"], in: directory).status == 0)
        #expect(try malmoi(["import", "--project", "qaa", "questions.jsonl"], in: directory).status == 0)
        // 세종 occurs twice in the passage: the annotator picks the first with #1.
        let kim = try malmoi(["annotate", "--project", "qaa", "--annotator", "kim"], in: directory, input: "세종 #1\n1446년\n《훈민정음》\n28자\n:quit\n")
        let lee = try malmoi(["annotate", "--project", "qaa", "--annotator", "lee"], in: directory, input: "조선의 제4대 임금인 세종\n1446년\n훈민정음 #2\n28자\n:quit\n")
        #expect(kim.stderr.contains("saved 4") && lee.stderr.contains("saved 4"), "\(kim.stderr)\n\(lee.stderr)")
        let agree = try malmoi(["agree", "--project", "qaa", "--format", "json"], in: directory)
        #expect(agree.status == 0, "\(agree.stderr)")
        let figures = try json(agree.stdout)["task_agreement"] as? [String: Any] ?? [:]
        #expect(figures["pairs"] as? Int == 4)
        // KorQuAD normalization drops 《》, so three of four answers match exactly; only two spans are identical.
        #expect(figures["exact_match"] as? Double == 0.75)
        #expect(figures["exact_span"] as? Double == 0.5)
        let f1 = try #require(figures["f1"] as? Double)
        #expect(abs(f1 - (3 + 2.0 / 6.5) / 4) < 1e-12)   // 세종 vs 조선의제4대임금인세종: P 1, R 2/11 → F1 4/13
        #expect(agree.stdout.contains("krippendorff_alpha_unitizing"))
    }

    @Test func abstractiveSummariesAreTypedOverSeveralLinesAndComparedByRouge() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let news = MalmoiProcess.repository.appendingPathComponent("Corpora/summary/news.jsonl").path
        #expect(try malmoi(["project", "create", "sum", "--kind", "summary", "--overlap", "2"], in: directory).status == 0)
        #expect(try malmoi(["import", "--project", "sum", news], in: directory).status == 0)
        let kim = try malmoi(["annotate", "--project", "sum", "--annotator", "kim"], in: directory,
                             input: "정부가 내년부터 전기차 보조금을 줄인다.\n대신 충전기 지원 예산은 두 배로 늘린다.\n.\n:quit\n")
        let lee = try malmoi(["annotate", "--project", "sum", "--annotator", "lee"], in: directory,
                             input: "정부는 전기차 보조금을 단계적으로 축소하고 충전 기반 지원을 늘리기로 했다.\n.\n:quit\n")
        #expect(kim.stderr.contains("saved 1") && lee.stderr.contains("saved 1"), "\(kim.stderr)\n\(lee.stderr)")
        #expect(try malmoi(["export", "--project", "sum", "--format", "jsonl", "--all", "--output", "sum.jsonl"], in: directory).status == 0)
        let exported = try String(contentsOf: directory.appendingPathComponent("sum.jsonl"), encoding: .utf8)
        #expect(exported.contains(#""summary":"정부가 내년부터 전기차 보조금을 줄인다.\n대신 충전기 지원 예산은 두 배로 늘린다.""#))
        let agree = try malmoi(["agree", "--project", "sum", "--format", "json"], in: directory)
        #expect(agree.status == 0, "\(agree.stderr)")
        let figures = try json(agree.stdout)["task_agreement"] as? [String: Any] ?? [:]
        #expect(figures["pairs"] as? Int == 1)
        let rouge1 = try #require((figures["rouge1"] as? [String: Any])?["f"] as? Double)
        #expect(rouge1 > 0.1 && rouge1 < 0.9)
    }

    @Test func extractiveSummariesFeedSetAgreement() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let news = MalmoiProcess.repository.appendingPathComponent("Corpora/summary/news.jsonl").path
        #expect(try malmoi(["project", "create", "ext", "--kind", "summary", "--config", #"{"mode":"extractive"}"#, "--overlap", "2"], in: directory).status == 0)
        #expect(try malmoi(["import", "--project", "ext", news], in: directory).status == 0)
        _ = try malmoi(["annotate", "--project", "ext", "--annotator", "kim"], in: directory, input: "1, 2, 3\n:quit\n")
        _ = try malmoi(["annotate", "--project", "ext", "--annotator", "lee"], in: directory, input: "1,3,4\n:quit\n")
        let agree = try malmoi(["agree", "--project", "ext", "--format", "json"], in: directory)
        #expect(agree.status == 0, "\(agree.stderr)")
        #expect(agree.stdout.contains("krippendorff_alpha_masi"))
    }
}

/// The abuse-labeling kind through the workflow: validated labels, per-axis agreement, XML with the
/// taxonomy version.
@Suite struct AbuseWorkflowTests {
    @Test func abuseLabelsAreValidatedScoredPerAxisAndExported() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let messages = MalmoiProcess.repository.appendingPathComponent("Corpora/abuse/messages.jsonl").path
        func malmoi(_ arguments: [String], _ input: String = "") throws -> MalmoiProcess.Result {
            try MalmoiProcess.run(arguments, input: input, directory: directory)
        }
        #expect(try malmoi(["project", "create", "ab", "--kind", "abuse", "--overlap", "2"]).status == 0)
        #expect(try malmoi(["import", "--project", "ab", messages]).status == 0)
        // a01 "ㅅ ㅂ 오늘 또 야근이네", a02 "저 새1끼 또 거짓말한다"; an unknown technique id is refused.
        let kim = try malmoi(["annotate", "--project", "ab", "--annotator", "kim", "--retry"], """
            profanity- | 1 | none | 0-3=씨발/choseong_abbreviation+spacing
            insult | 2 | individual_addressee | 2-5=새끼/digit_sneak
            insult | 2 | individual_addressee | 2-5=새끼/insertion
            :quit

            """)
        #expect(kim.stderr.contains("\"digit_sneak\" is not a technique"), "\(kim.stderr)")
        #expect(kim.stderr.contains("saved 2"))
        let lee = try malmoi(["annotate", "--project", "ab", "--annotator", "lee"], """
            profanity- | 1 | none | 0-3=씨발/choseong_abbreviation
            insult | 3 | individual_addressee | 2-5=새끼/insertion
            :quit

            """)
        #expect(lee.stderr.contains("saved 2"), "\(lee.stderr)")
        let agree = try malmoi(["agree", "--project", "ab", "--format", "json"])
        #expect(agree.status == 0, "\(agree.stderr)")
        let tasks = try #require((try JSONSerialization.jsonObject(with: Data(agree.stdout.utf8)) as? [String: Any])?["tasks"] as? [String: Any])
        #expect(tasks.keys.contains("ab/abuse.categories"))
        #expect(tasks.keys.contains("ab/abuse.severity"))
        let categories = try #require((tasks["ab/abuse.categories"] as? [String: Any])?["metrics"] as? [String: Any])
        #expect(categories["percent_agreement"] as? Double == 1)
        _ = try malmoi(["review", "--project", "ab", "--reviewer", "park"], "a\na\na\na\n")
        #expect(try malmoi(["export", "--project", "ab", "--format", "xml", "--output", "ab.xml"]).status == 0)
        let xml = try String(contentsOf: directory.appendingPathComponent("ab.xml"), encoding: .utf8)
        #expect(xml.contains("taxonomy_version"))
    }
}

/// The morpheme-correction kind exported as CoNLL-U.
@Suite struct MorphExportTests {
    @Test func acceptedAnalysesAreExportedAsCoNLLU() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func malmoi(_ arguments: [String], _ input: String = "") throws -> MalmoiProcess.Result {
            try MalmoiProcess.run(arguments, input: input, directory: directory)
        }
        try Data(#"{"id":"s1","text":"학교에 갔다"}"#.utf8).write(to: directory.appendingPathComponent("s.jsonl"))
        #expect(try malmoi(["project", "create", "mp", "--kind", "morph", "--overlap", "2"]).status == 0)
        #expect(try malmoi(["import", "--project", "mp", "s.jsonl"]).status == 0)
        #expect(try malmoi(["annotate", "--project", "mp", "--annotator", "kim"], "학교/NNG 에/JKB 가/VV 았/EP 다/EF\n").stderr.contains("saved 1"))
        #expect(try malmoi(["annotate", "--project", "mp", "--annotator", "lee"], "학교/NNG 에/JKB 가/VV+았/EP 다/EC\n").stderr.contains("saved 1"))
        _ = try malmoi(["review", "--project", "mp", "--reviewer", "park"], "a\nr wrong\n")
        let accepted = try malmoi(["export", "--project", "mp", "--format", "conllu"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout == """
            # sent_id = s1/kim
            # text = 학교에 갔다
            1\t학교에\t학교+에\tNOUN\tNNG+JKB\t_\t_\t_\t_\t_
            2\t갔다\t가+았+다\tVERB\tVV+EP+EF\t_\t_\t_\t_\t_


            """)
        let all = try malmoi(["export", "--project", "mp", "--format", "conllu", "--all"])
        #expect(all.stdout.contains("# sent_id = s1/lee"))
    }
}

/// Import keeps spans on the same characters when it normalizes text, and never changes the text of an
/// item that already has annotations.
@Suite struct ImportIntegrityTests {
    @Test func decomposedTextIsStoredAsNFCWithItsAnswerOffsetsMoved() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func malmoi(_ arguments: [String], _ input: String = "") throws -> MalmoiProcess.Result {
            try MalmoiProcess.run(arguments, input: input, directory: directory)
        }
        let context = "세종은 1443년에 훈민정음을 만들었다.".decomposedStringWithCanonicalMapping
        let answer = "훈민정음".decomposedStringWithCanonicalMapping
        let start = context.unicodeScalars.count - "훈민정음을 만들었다.".decomposedStringWithCanonicalMapping.unicodeScalars.count
        let dataset: [String: Any] = ["version": "KorQuAD_v1.0_dev", "data": [["title": "한글", "paragraphs": [[
            "context": context, "qas": [["id": "q1", "question": "세종이 만든 것은?", "answers": [["text": answer, "answer_start": start]]]]]]]]]
        try JSONSerialization.data(withJSONObject: dataset).write(to: directory.appendingPathComponent("nfd.json"))
        let items = try malmoi(["qa", "import", "nfd.json", "-o", "items.jsonl"])
        #expect(items.status == 0, "\(items.stderr)")
        #expect(try malmoi(["project", "create", "q", "--kind", "qa"]).status == 0)
        #expect(try malmoi(["import", "--project", "q", "items.jsonl"]).status == 0)
        let exported = try malmoi(["export", "--project", "q", "--all", "--format", "korquad"])
        let back = try JSONSerialization.jsonObject(with: Data(exported.stdout.utf8)) as? [String: Any]
        let paragraph = (((back?["data"] as? [[String: Any]])?.first?["paragraphs"]) as? [[String: Any]])?.first
        let storedContext = try #require(paragraph?["context"] as? String)
        let stored = (((paragraph?["qas"] as? [[String: Any]])?.first?["answers"]) as? [[String: Any]])?.first
        let storedStart = try #require(stored?["answer_start"] as? Int)
        let storedText = try #require(stored?["text"] as? String)
        #expect(storedContext.unicodeScalars.elementsEqual("세종은 1443년에 훈민정음을 만들었다.".unicodeScalars))
        #expect(storedText.unicodeScalars.elementsEqual("훈민정음".unicodeScalars))
        let scalars = Array(storedContext.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[storedStart..<(storedStart + 4)])) == "훈민정음" && storedStart == 11)
    }

    @Test func upsertRefusesToChangeTheTextOfAnAnnotatedItem() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func malmoi(_ arguments: [String], _ input: String = "") throws -> MalmoiProcess.Result {
            try MalmoiProcess.run(arguments, input: input, directory: directory)
        }
        #expect(try malmoi(["project", "create", "p", "--labels", "a,b"]).status == 0)
        #expect(try malmoi(["import", "--project", "p", "-"], "{\"id\":\"1\",\"text\":\"하나\"}\n{\"id\":\"2\",\"text\":\"둘\"}\n").status == 0)
        #expect(try malmoi(["annotate", "--project", "p", "--annotator", "kim"], "1\n").status == 0)
        let changed = try malmoi(["import", "--project", "p", "--upsert", "-"], "{\"id\":\"2\",\"text\":\"둘 바뀜\"}\n{\"id\":\"1\",\"text\":\"하나 바뀜\"}\n")
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("<stdin>:2:") && changed.stderr.contains("already has annotations"), "\(changed.stderr)")
        // Nothing of the refused import was kept: item 2 still has its old text.
        let export = try malmoi(["export", "--project", "p", "--all"])
        #expect(export.stdout.contains("\"text\":\"둘\""))
        #expect(try malmoi(["import", "--project", "p", "--upsert", "-"], "{\"id\":\"2\",\"text\":\"둘 바뀜\"}\n").status == 0)
    }
}
