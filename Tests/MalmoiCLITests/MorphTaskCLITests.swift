import Foundation
import Testing

/// The `morph` task kind end to end: project, import, annotate on stdin, agreement records.
///
/// Needs the kind registered in `Sources/MalmoiWorkflow/TaskKinds.swift`
/// (`MorphCorrectionTask.kind.rawValue: MorphCorrectionTask.self`) and mecab-ko-dic for the draft
/// (`Scripts/install-mecab-ko-dic.sh`).
@Suite struct MorphTaskCLITests {
    @Test func confirmCorrectAndScoreBoundaries() throws {
        let dir = WorkflowCLI.makeDirectory()
        let guideline = WorkflowCLI.root.appendingPathComponent("Guidelines/morph.md").path
        var result = try WorkflowCLI.run(["project", "create", "sentences", "--kind", "morph", "--overlap", "2",
                                          "--guideline", guideline], in: dir)
        try #require(result.status == 0, "register the kind in Sources/MalmoiWorkflow/TaskKinds.swift: \(result.stderr)")
        result = try WorkflowCLI.run(["import", "--project", "sentences", "--format", "text", "-"], in: dir,
                                     input: "아버지가 방에 들어가신다\n여기가 학교다.\n")
        #expect(result.status == 0, "\(result.stderr)")

        // kim confirms both drafts (once with the Korean layout on).
        result = try WorkflowCLI.run(["annotate", "--project", "sentences", "--annotator", "kim"], in: dir, input: "ok\nㅐㅏ\n")
        #expect(result.status == 0 && result.stderr.contains("kim: saved 2"), "\(result.stderr)")

        // lee first misspells, then corrects the first sentence and splits 다 by hand in the second.
        let lee = """
            아버지/NNG 가/JKS 방/NNG 들어가/VV 신다/EP+EC
            아버지/NNG 가/JKS 방에/NNG 들어가/VV 시/EP+ㄴ다/EC
            여기/NP 가/JKS 학교/NNG 이/VCP 다/EF ./SF

            """
        result = try WorkflowCLI.run(["annotate", "--project", "sentences", "--annotator", "lee", "--retry"], in: dir, input: lee)
        #expect(result.status == 0 && result.stderr.contains("lee: saved 2"), "\(result.stderr)")
        #expect(result.stderr.contains("not saved") && result.stderr.contains("word 2 \"방에\""), "\(result.stderr)")

        // One record per gap inside an eojeol and annotator: 8 + 5 gaps, two annotators.
        result = try WorkflowCLI.run(["export", "--project", "sentences", "--format", "agreement"], in: dir)
        let records = try WorkflowCLI.jsonLines(result.stdout)
        #expect(records.count == 26, "\(result.stdout)")
        #expect(Set(records.compactMap { $0["label"] as? String }) == ["0", "1"])
        let disagreeing = Dictionary(grouping: records) { $0["item"] as? String ?? "" }
            .filter { Set($0.value.compactMap { $0["label"] as? String }).count > 1 }.keys.sorted()
        #expect(disagreeing == ["1#6"], "\(disagreeing)")   // item 1, the gap between 방 and 에

        result = try WorkflowCLI.run(["agree", "--project", "sentences", "--format", "json"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("morpheme_f1_form_tag"), "\(result.stdout)")
    }
}
