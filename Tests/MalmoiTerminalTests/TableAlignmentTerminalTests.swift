import Foundation
import MalmoiText
import Testing

/// `model eval`'s tables and the review screen's answers of other annotators, in a real terminal (tmux):
/// columns line up by display width when labels and names are Hangul.
@Suite("tables with Hangul in a real terminal", .serialized)
struct TableAlignmentTerminalTests {
    /// The terminal columns where each run of non-blank text ends (right-aligned columns end together).
    static func ends(_ line: String) -> [Int] {
        var result: [Int] = []
        var column = 0
        var previous: Character = " "
        for character in line {
            if character == " " && previous != " " { result.append(column) }
            column += DisplayWidth.columns(of: character)
            previous = character
        }
        if previous != " " { result.append(column) }
        return result
    }

    /// The terminal column where `text` starts in `line`.
    static func column(of text: String, in line: String) -> Int? {
        guard let range = line.range(of: text) else { return nil }
        return DisplayWidth.columns(of: String(line[..<range.lowerBound]))
    }

    @Test("model eval: the score and confusion columns line up with Hangul labels")
    func modelEvalAligns() throws {
        guard tmuxOrSkip() else { return }
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("labeled.jsonl")
        let rows = [("배송이 빨라서 만족스러웠어요", "긍정"), ("포장이 엉망이라 실망했습니다", "부정"), ("가격 대비 괜찮아요", "긍정"),
                    ("고장 나서 환불했어요", "부정"), ("그냥 그래요", "보통"), ("최고예요 강력 추천", "긍정"), ("다시는 안 삽니다", "부정"),
                    ("보통입니다", "보통"), ("정말 좋아요", "긍정"), ("너무 별로예요", "부정"), ("평범해요", "보통"), ("만족합니다", "긍정")]
        try rows.map { "{\"text\": \"\($0.0)\", \"label\": \"\($0.1)\"}\n" }.joined().write(to: data, atomically: true, encoding: .utf8)
        let model = directory.appendingPathComponent("m.model").path
        let trained = try BuiltMalmoi.run(["model", "train", "--data", data.path, "--output", model, "--hash-bits", "12"])
        try #require(trained.status == 0, "\(trained.stderr)")
        let terminal = try TmuxTerminal(command: "'\(BuiltMalmoi.path)' model eval --model '\(model)' --data '\(data.path)'", width: 100)
        let screen = try terminal.waitFor("the end of the tables") { $0.hasPrefix("EXIT=") }
        #expect(screen.contains("EXIT=0"), "\(screen.joined(separator: "\n"))")
        let header = try #require(screen.first { $0.hasPrefix("label") })
        let scoreRows = screen.filter { line in line.contains(".") && ["긍정", "부정", "보통", "macro"].contains { line.hasPrefix($0 + " ") } }
        try #require(scoreRows.count == 4, "\(screen.joined(separator: "\n"))")
        for row in scoreRows {
            #expect(Array(Self.ends(row).dropFirst()) == Array(Self.ends(header).dropFirst()), "\(header)\n\(row)")
        }
        // The confusion matrix: a heading of Hangul labels, then one row per gold label, right-aligned.
        let confusionStart = try #require(screen.firstIndex { $0.hasPrefix("confusion") })
        let matrixHeader = screen[confusionStart + 1]
        let matrixRows = screen[(confusionStart + 2)...].prefix(3)
        #expect(Set(matrixRows.map { String($0.prefix(2)) }) == ["긍정", "부정", "보통"], "\(screen.joined(separator: "\n"))")
        for row in matrixRows {
            #expect(Array(Self.ends(row).dropFirst()) == Self.ends(matrixHeader), "\(matrixHeader)\n\(row)")
        }
    }

    @Test("review: the other annotators' answers start in one column whatever the width of their names")
    func reviewOthersAlign() throws {
        guard tmuxOrSkip() else { return }
        let directory = try makeTemporaryDirectory()
        let store = directory.appendingPathComponent("t.sqlite").path
        let items = directory.appendingPathComponent("items.jsonl")
        try "{\"id\": \"r1\", \"text\": \"배송이 생각보다 늦었어요.\"}\n".write(to: items, atomically: true, encoding: .utf8)
        for arguments in [["project", "create", "t", "--labels", "긍정,부정,중립", "--overlap", "3"], ["import", "--project", "t", items.path]] {
            let result = try BuiltMalmoi.run(arguments + ["--store", store])
            try #require(result.status == 0, "\(result.stderr)")
        }
        for (annotator, answer) in [("lee", "1"), ("김민준", "2"), ("박", "2")] {
            let result = try BuiltMalmoi.run(["annotate", "--project", "t", "--annotator", annotator, "--store", store], input: answer + "\n")
            try #require(result.status == 0, "\(result.stderr)")
        }
        let terminal = try TmuxTerminal(command: "'\(BuiltMalmoi.path)' review --project t --reviewer park --annotator lee --store '\(store)'",
                                        environment: ["NO_COLOR": "1", "XDG_STATE_HOME": directory.appendingPathComponent("state").path])
        let screen = try terminal.waitFor("the verdict prompt") { $0.hasPrefix("verdict>") }
        let others = screen.filter { $0.hasPrefix("≠ ") || $0.hasPrefix("= ") }
        try #require(others.count == 2, "\(screen.joined(separator: "\n"))")
        let columns = others.map { Self.column(of: "부정", in: $0) }
        #expect(columns[0] != nil && columns[0] == columns[1], "\(others.joined(separator: "\n"))")
        #expect(others.contains { $0.hasPrefix("≠ 김민준:") } && others.contains { $0.hasPrefix("≠ 박:") })
        try terminal.type(":quit")
        try terminal.press("Enter")
        try terminal.waitFor("the end of the session") { $0.hasPrefix("EXIT=") }
    }
}

/// Progress lines of `export`, `morph` and `agree`: on a terminal's stderr while they run, never in pipes.
@Suite("progress of export, morph and agree", .serialized)
struct LongWorkProgressTests {
    /// 200,000 annotations of 50,000 items by four annotators (long format).
    static func writeAnnotations(to file: URL) throws {
        var text = ""
        text.reserveCapacity(12_000_000)
        for item in 0..<50_000 {
            for annotator in ["김", "lee", "박서연", "choi"] {
                text += "{\"item\": \"i\(item)\", \"annotator\": \"\(annotator)\", \"label\": \"\((item * 7 + annotator.count) % 3 == 0 ? "긍정" : "부정")\"}\n"
            }
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test("piped, export, morph and agree write nothing but their output")
    func nothingInPipes() throws {
        let directory = try makeTemporaryDirectory()
        let annotations = directory.appendingPathComponent("a.jsonl")
        try Self.writeAnnotations(to: annotations)
        let agree = try BuiltMalmoi.run(["agree", "--format", "json", "--no-breakdowns", annotations.path])
        #expect(agree.status == 0 && agree.stderr.isEmpty, "\(agree.stderr.prefix(300))")
        #expect(agree.stdout.contains("\"items\":50000"))
        let lines = String(repeating: "아버지가 방에 들어가신다\n", count: 3_000)
        let morph = try BuiltMalmoi.run(["morph", "--format", "wakati"], input: lines)
        #expect(morph.status == 0 && morph.stderr.isEmpty, "\(morph.stderr.prefix(300))")
        #expect(morph.stdout.split(separator: "\n").count == 3_000)
        let store = directory.appendingPathComponent("e.sqlite").path
        let items = directory.appendingPathComponent("items.txt")
        try (0..<3_000).map { "리뷰 \($0): 배송이 빨라요" }.joined(separator: "\n").write(to: items, atomically: true, encoding: .utf8)
        #expect(try BuiltMalmoi.run(["project", "create", "e", "--labels", "긍정,부정", "--store", store]).status == 0)
        #expect(try BuiltMalmoi.run(["import", "--project", "e", items.path, "--store", store]).status == 0)
        let export = try BuiltMalmoi.run(["export", "--project", "e", "--all", "--store", store])
        #expect(export.status == 0 && export.stderr.isEmpty, "\(export.stderr.prefix(300))")
        #expect(export.stdout.split(separator: "\n").count == 3_002)   // header, 3,000 items, summary
    }

    @Test("at a terminal, agree shows how many annotations it has read, and the rate")
    func agreeProgressAtTerminal() throws {
        guard tmuxOrSkip() else { return }
        let directory = try makeTemporaryDirectory()
        let annotations = directory.appendingPathComponent("a.jsonl")
        try Self.writeAnnotations(to: annotations)
        let terminal = try TmuxTerminal(command: "'\(BuiltMalmoi.path)' agree --no-breakdowns '\(annotations.path)' > '\(directory.path)/out.txt'")
        let screen = try terminal.waitFor("a progress line or the end") { $0.hasPrefix("agree: ") || $0.hasPrefix("EXIT=") }
        #expect(screen.contains { $0.hasPrefix("agree: reading  ") && $0.contains("annotations") && $0.contains("/s") },
                "\(screen.joined(separator: "\n"))")
        // 200,000 annotations take 10-25 s in a debug build on a busy 2-core machine: the end is waited for longer.
        let done = try terminal.waitFor("the end", within: 180) { $0.hasPrefix("EXIT=") }
        #expect(done.contains("EXIT=0"))
        // The progress line is cleared: nothing of it is left above the exit line.
        #expect(!done.contains { $0.contains("annotations") }, "\(done.joined(separator: "\n"))")
    }
}
