import Foundation
import GRDB
import MalmoiCore
import Testing

/// Issue 12, item 10: `annotate`, `review`, `import` and `export` killed with SIGKILL at 50 random moments
/// in all. Afterwards the store passes `PRAGMA integrity_check`, nothing committed before a kill is lost,
/// nothing is stored twice, imports are all or nothing, and an export leaves either the old file or the
/// whole new one, with no temporary file beside it.
@Suite(.serialized) struct CrashCLITests {
    static let items = 400
    static let points = 10

    /// Starts `malmoi ARGS` with `input` on stdin and kills it with SIGKILL after `delay` seconds
    /// (unless it finished before).
    static func runKilled(_ arguments: [String], input: String, in directory: URL, after delay: Double) throws {
        // Output goes to /dev/null, so the process never blocks on a full pipe.
        let process = try WorkflowCLI.start(arguments, in: directory, discardingOutput: true)
        let stdin = (process.standardInput as! Pipe).fileHandleForWriting
        try? stdin.write(contentsOf: Data(input.utf8))
        try? stdin.close()
        Thread.sleep(forTimeInterval: delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Opens the store as the next command would (recovering its WAL) and checks its integrity.
    static func checkedStore(_ directory: URL) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("malmoi.sqlite").path)
        let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        return queue
    }

    static func count(_ queue: DatabaseQueue, _ sql: String) throws -> Int {
        try queue.read { try Int.fetchOne($0, sql: sql) ?? 0 }
    }

    @Test func killedAt50RandomMomentsNothingIsLostDoubledOrLeftBehind() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SplitMix64(seed: 20261203)
        func delay() -> Double { Double(random.next() % 300) / 1000 }
        var result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정", "--points", "\(Self.points)"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = (1...Self.items).map { #"{"id":"c\#($0)","text":"문장 \#($0): 배송이 빨라요."}"# }
        let itemsFile = directory.appendingPathComponent("items.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: itemsFile, atomically: true, encoding: .utf8)
        result = try WorkflowCLI.run(["import", "--project", "감성", itemsFile.path], in: directory)
        #expect(result.status == 0, "\(result.stderr)")

        // annotate: 15 kills. What was committed stays committed; no item is annotated twice.
        var committed = 0
        var progress: [String] = []  // what each kill left, printed for the record
        for _ in 0..<15 {
            try Self.runKilled(["annotate", "--project", "감성", "--annotator", "kim"],
                               input: String(repeating: "1\n", count: Self.items), in: directory, after: delay())
            let queue = try Self.checkedStore(directory)
            let now = try Self.count(queue, "SELECT count(*) FROM annotation WHERE annotator_id = 'kim' AND is_current = 1")
            #expect(now >= committed)
            committed = now
            progress.append("a\(now)")
            #expect(try Self.count(queue, """
                SELECT count(*) FROM (SELECT item_id FROM annotation WHERE annotator_id = 'kim' AND is_current = 1
                GROUP BY item_id HAVING count(*) > 1)
                """) == 0)
            #expect(try Self.count(queue, "SELECT count(*) FROM item WHERE open_slots < 0") == 0)
        }
        result = try WorkflowCLI.run(["annotate", "--project", "감성", "--annotator", "kim"], in: directory,
                                     input: String(repeating: "1\n", count: Self.items))
        #expect(result.status == 0, "\(result.stderr)")
        var queue = try Self.checkedStore(directory)
        #expect(try Self.count(queue, "SELECT count(*) FROM annotation WHERE annotator_id = 'kim' AND is_current = 1") == Self.items)
        #expect(try Self.count(queue, "SELECT count(*) FROM item WHERE open_slots <> 0") == 0)

        // review: 10 kills. One verdict per annotation, and the ledger credits each acceptance once.
        var reviewed = 0
        for _ in 0..<10 {
            try Self.runKilled(["review", "--project", "감성", "--reviewer", "park"],
                               input: String(repeating: "a\n", count: Self.items), in: directory, after: delay())
            queue = try Self.checkedStore(directory)
            let now = try Self.count(queue, "SELECT count(*) FROM review WHERE reviewer = 'park'")
            #expect(now >= reviewed)
            reviewed = now
            progress.append("r\(now)")
            #expect(try Self.count(queue, """
                SELECT count(*) FROM (SELECT annotation_id FROM review WHERE reviewer = 'park' GROUP BY annotation_id HAVING count(*) > 1)
                """) == 0)
            #expect(try Self.count(queue, "SELECT coalesce(sum(points), 0) FROM ledger WHERE annotator_id = 'kim'") == now * Self.points)
        }
        result = try WorkflowCLI.run(["review", "--project", "감성", "--reviewer", "park"], in: directory,
                                     input: String(repeating: "a\n", count: Self.items))
        #expect(result.status == 0, "\(result.stderr)")
        queue = try Self.checkedStore(directory)
        #expect(try Self.count(queue, "SELECT count(*) FROM review WHERE reviewer = 'park'") == Self.items)
        #expect(try Self.count(queue, "SELECT coalesce(sum(points), 0) FROM ledger") == Self.items * Self.points)

        // import: 10 kills of a 3,000-item import. All or nothing.
        result = try WorkflowCLI.run(["project", "create", "대량", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let big = directory.appendingPathComponent("big.jsonl")
        try ((1...3_000).map { #"{"id":"b\#($0)","text":"대량 문장 \#($0)번입니다."}"# }.joined(separator: "\n") + "\n")
            .write(to: big, atomically: true, encoding: .utf8)
        for _ in 0..<10 {
            let before = try Self.count(Self.checkedStore(directory), "SELECT count(*) FROM item i JOIN project p ON p.id = i.project_id WHERE p.name = '대량'")
            if before == 3_000 { break }
            try Self.runKilled(["import", "--project", "대량", big.path], input: "", in: directory, after: delay())
            let after = try Self.count(Self.checkedStore(directory), "SELECT count(*) FROM item i JOIN project p ON p.id = i.project_id WHERE p.name = '대량'")
            #expect(after == 0 || after == 3_000, "a killed import left \(after) items")
            progress.append("i\(after)")
        }

        // export: 15 kills. The output is the old file or the whole export; nothing else in its folder.
        result = try WorkflowCLI.run(["import", "--project", "대량", big.path], in: directory)
        let outFolder = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outFolder, withIntermediateDirectories: true)
        let output = outFolder.appendingPathComponent("export.jsonl")
        result = try WorkflowCLI.run(["export", "--project", "대량", "--all"], in: directory)
        let whole = result.stdout
        #expect(whole.hasSuffix("\n") && whole.contains(#""record":"summary""#))
        for _ in 0..<15 {
            try "OLD\n".write(to: output, atomically: true, encoding: .utf8)
            try Self.runKilled(["export", "--project", "대량", "--all", "--output", output.path], input: "", in: directory, after: delay())
            let text = try String(contentsOf: output, encoding: .utf8)
            // Timestamps are the stored ones, so a finished export equals the one printed above.
            #expect(text == "OLD\n" || text == whole, "export left a partial file of \(text.utf8.count) bytes")
            progress.append(text == "OLD\n" ? "e-old" : "e-new")
            #expect(try FileManager.default.contentsOfDirectory(atPath: outFolder.path) == ["export.jsonl"])
        }
        _ = try Self.checkedStore(directory)
        print("crash test: state after each kill: \(progress.joined(separator: " "))")
    }
}
