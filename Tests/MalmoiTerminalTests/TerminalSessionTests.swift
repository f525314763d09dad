import Foundation
import MalmoiText
import Testing

/// The CLI in a real terminal (tmux): tables line up by display width, and the annotate prompt edits
/// like a shell. These run the built `malmoi`.
@Suite("malmoi in a real terminal", .serialized)
struct TerminalSessionTests {
    /// A label project with three items; the first carries a machine draft (pre-annotation).
    static func makeProject(in directory: URL) throws -> String {
        let store = directory.appendingPathComponent("t.sqlite").path
        let items = directory.appendingPathComponent("items.jsonl")
        try """
            {"id": "r1", "text": "배송이 생각보다 늦었고 포장도 찢어져 있었어요.", "pre_annotation": {"labels": ["긍정"], "rationale": "배송이 빠름"}}
            {"id": "r2", "text": "색깔이 사진이랑 달라서 환불했습니다."}
            {"id": "r3", "text": "가격 대비 괜찮아요."}

            """.write(to: items, atomically: true, encoding: .utf8)
        var result = try BuiltMalmoi.run(["project", "create", "t", "--labels", "긍정,부정,중립", "--overlap", "1", "--store", store])
        try #require(result.status == 0, "\(result.stderr)")
        result = try BuiltMalmoi.run(["import", "--project", "t", items.path, "--store", store])
        try #require(result.status == 0, "\(result.stderr)")
        return store
    }

    @Test("a draft is corrected with a few keystrokes, and Ctrl-R finds an earlier answer")
    func draftCorrectedAtPrompt() throws {
        guard tmuxOrSkip() else { return }
        let directory = try makeTemporaryDirectory()
        let store = try Self.makeProject(in: directory)
        let terminal = try TmuxTerminal(command: "'\(BuiltMalmoi.path)' annotate --project t --annotator 김민준 --store '\(store)'",
                                        environment: ["XDG_STATE_HOME": directory.appendingPathComponent("state").path])
        // The line starts with the draft: label and rationale.
        try terminal.waitFor("the draft on the prompt") { $0 == "> 긍정 | 배송이 빠름" }
        #expect(try terminal.cursorColumn() == DisplayWidth.columns(of: "> 긍정 | 배송이 빠름"))
        // Ctrl-A, two deletes (two syllables), type the new label; Ctrl-E, two backspaces, type the new word.
        try terminal.press("C-a", "C-d", "C-d")
        try terminal.type("부정")
        try terminal.press("C-e", "BSpace", "BSpace")
        try terminal.type("느림")
        try terminal.waitFor("the corrected line") { $0 == "> 부정 | 배송이 느림" }
        #expect(try terminal.cursorColumn() == DisplayWidth.columns(of: "> 부정 | 배송이 느림"))
        // Left arrow moves by syllable: the cursor sits before 림 (two columns back).
        try terminal.press("Left")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try terminal.cursorColumn() == DisplayWidth.columns(of: "> 부정 | 배송이 느"))
        try terminal.press("Enter")
        // Second item: no draft. Ctrl-R 느림 recalls the first answer; Enter submits it.
        try terminal.waitFor("the second item") { $0.contains("색깔이 사진이랑") }
        try terminal.press("C-r")
        try terminal.type("느림")
        try terminal.waitFor("the search match") { $0.contains("(reverse-i-search)`느림': 부정 | 배송이 느림") }
        try terminal.press("Enter")
        // Third item: typed text, a mistake fixed with Ctrl-W, then Enter.
        try terminal.waitFor("the third item") { $0.contains("가격 대비") }
        try terminal.type("1 | 잘못 쓴말")
        try terminal.press("C-w")
        try terminal.type("가성비 좋음")
        try terminal.press("Enter")
        try terminal.waitFor("the end of the session") { $0.hasPrefix("EXIT=") }
        let screen = try terminal.screen()
        #expect(screen.contains("EXIT=0"), "\(screen.joined(separator: "\n"))")

        let export = try BuiltMalmoi.run(["export", "--project", "t", "--all", "--format", "jsonl", "--store", store])
        try #require(export.status == 0, "\(export.stderr)")
        let payloads = export.stdout.split(separator: "\n").filter { $0.contains("\"item\"") || $0.contains("\"annotations\"") }
        let joined = payloads.joined(separator: "\n")
        #expect(joined.contains("\"rationale\":\"배송이 느림\""), "\(export.stdout)")
        #expect(joined.components(separatedBy: "\"rationale\":\"배송이 느림\"").count - 1 == 2)
        #expect(joined.contains("\"rationale\":\"잘못 가성비 좋음\""))
        // The history file holds the three answers, for the next run.
        let history = try String(contentsOfFile: directory.appendingPathComponent("state/malmoi/history/annotate-t").path, encoding: .utf8)
        #expect(history == "부정 | 배송이 느림\n1 | 잘못 가성비 좋음\n")
    }

    @Test("stats columns line up in the terminal with Hangul annotator names")
    func statsAlignInTerminal() throws {
        guard tmuxOrSkip() else { return }
        let directory = try makeTemporaryDirectory()
        let store = try Self.makeProject(in: directory)
        try #require(try BuiltMalmoi.run(["annotate", "--project", "t", "--annotator", "김민준", "--store", store], input: "1\n2\n").status == 0)
        try #require(try BuiltMalmoi.run(["annotate", "--project", "t", "--annotator", "lee", "--store", store], input: "3\n").status == 0)
        let terminal = try TmuxTerminal(command: "'\(BuiltMalmoi.path)' stats --project t --store '\(store)'", width: 120)
        let screen = try terminal.waitFor("the stats table") { $0.hasPrefix("lee") }
        let header = try #require(screen.first { $0.hasPrefix("annotator") })
        let rows = screen.filter { $0.hasPrefix("김민준") || $0.hasPrefix("lee") }
        try #require(rows.count == 2)
        // Every right-aligned column ends in the same terminal column on the header and on each row.
        let ends = TableAlignmentTerminalTests.ends
        let headerEnds = ends(header.replacingOccurrences(of: "gold accuracy", with: "gold_accuracy").replacingOccurrences(of: "mean seconds", with: "mean_seconds"))
        for row in rows {
            #expect(Array(ends(row).dropFirst()) == Array(headerEnds.dropFirst()), "\(header)\n\(row)")
        }
    }

    @Test("progress goes to a terminal's stderr, never into a pipe")
    func progressOnlyOnTerminal() throws {
        let input = String(repeating: "시1발 진짜 너무하네\n", count: 20_000)
        let piped = try BuiltMalmoi.run(["abuse", "scan"], input: input)
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "\(piped.stderr.prefix(200))")
        #expect(piped.stdout.split(separator: "\n").count == 20_000)
        guard tmuxOrSkip() else { return }
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("comments.txt")
        try String(repeating: "시1발 진짜 너무하네\n", count: 400_000).write(to: file, atomically: true, encoding: .utf8)
        // stdout to a file, stderr on the terminal: the progress line shows while it runs.
        let terminal = try TmuxTerminal(command: "'\(BuiltMalmoi.path)' abuse scan '\(file.path)' > '\(directory.path)/out.jsonl'")
        let screen = try terminal.waitFor("a progress line or the end") { $0.hasPrefix("abuse scan  ") || $0.hasPrefix("EXIT=") }
        #expect(screen.contains { $0.hasPrefix("abuse scan  ") && $0.contains("messages") && $0.contains("/s") },
                "\(screen.joined(separator: "\n"))")
    }
}
