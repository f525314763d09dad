import Foundation
import MalmoiPostgres
import Testing

/// The README's piped workflow (Scripts/demo.sh: create, import, three annotators, a reviewer, stats,
/// JSONL and XML export) run with the `malmoi` binary against PostgreSQL and against SQLite: the
/// exports are the same but for the clock (timestamps and seconds spent).
@Suite struct PostgresDemoFlowTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `malmoi` binary next to the test bundle (`swift test` builds it for the CLI tests).
    static let executable: URL? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("malmoi")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let built = repository.appendingPathComponent(".build/debug/malmoi")
        return FileManager.default.isExecutableFile(atPath: built.path) ? built : nil
    }()

    @Test func theDemoFlowGivesTheSameExportOnPostgreSQLAndSQLite() throws {
        guard let executable = Self.executable else {
            // Skipped: the malmoi binary is built by `swift test` (the CLI tests depend on it); a build of
            // this test target alone may lack it.
            FileHandle.standardError.write(Data("skipped: the demo flow on PostgreSQL: no malmoi binary beside the tests\n".utf8))
            try Test.cancel("skipped: no malmoi binary beside the tests")
        }
        let postgres = try PostgresCluster.requireLocation()
        let directory = URL(fileURLWithPath: temporaryPath("demo")).deletingLastPathComponent()
        let sqlite = try Self.flow(executable, store: directory.appendingPathComponent("demo.sqlite").path, in: directory, tag: "sqlite")
        let onPostgres = try Self.flow(executable, store: "\(postgres)", in: directory, tag: "postgres")
        #expect(onPostgres.jsonl == sqlite.jsonl)
        #expect(onPostgres.xml == sqlite.xml)
        #expect(sqlite.jsonl.contains("\"reviewer\":\"park\""))
        #expect(sqlite.jsonl.components(separatedBy: "\n").filter { $0.contains("\"record\":\"item\"") }.count == 20)
        #expect(onPostgres.stats == sqlite.stats)
    }

    /// Runs the demo's steps against one store; returns the exports and the stats with times blanked.
    static func flow(_ executable: URL, store: String, in directory: URL, tag: String) throws -> (jsonl: String, xml: String, stats: String) {
        func run(_ arguments: [String], stdin: String = "") throws -> String {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments + ["--store", store]
            process.currentDirectoryURL = directory
            let input = Pipe(), output = Pipe(), error = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = error
            try process.run()
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try input.fileHandleForWriting.close()
            let errors = DataBox()
            let reading = DispatchGroup()
            reading.enter()
            DispatchQueue.global().async {
                errors.data = error.fileHandleForReading.readDataToEndOfFile()
                reading.leave()
            }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            reading.wait()
            #expect(process.terminationStatus == 0, "\(tag): malmoi \(arguments.joined(separator: " ")): \(String(decoding: errors.data, as: UTF8.self))")
            return String(decoding: data, as: UTF8.self)
        }
        _ = try run(["project", "create", "reviews", "--labels", "긍정,부정,중립", "--overlap", "2", "--points", "10",
                     "--reasons", "wrong-label,careless,duplicate"])
        _ = try run(["import", "--project", "reviews", repository.appendingPathComponent("Corpora/label/reviews.jsonl").path])
        let kim = ["1", "2 | 포장 상태가 불량하여 부정으로 판단함", "1", "2", "1", "2", "3", "2 | 포장 상태가 불량하여 부정으로 판단", "2", "1",
                   "2", "1", "2", "1", "2", "3", "1", "2", "1", "3"]
        _ = try run(["annotate", "--project", "reviews", "--annotator", "kim"], stdin: kim.joined(separator: "\n") + "\n")
        let first = ["긍정", "부정", "중립", "부정", "긍정", "부정", "긍정", "부정", "부정", "긍정", "부정", "긍정", "부정", "긍정", "부정"]
        let lee = first.map { "{\"labels\": [\"\($0)\"]}" } + ["\":나ㅑㅔ\""] + ["긍정", "부정", "긍정", "부정"].map { "{\"labels\": [\"\($0)\"]}" }
        _ = try run(["annotate", "--project", "reviews", "--annotator", "lee", "--answers-jsonl"], stdin: lee.joined(separator: "\n") + "\n")
        _ = try run(["annotate", "--project", "reviews", "--annotator", "choi", "--answers-jsonl"], stdin: "{\"labels\": [\"부정\"]}\n")
        var review = ["a"]
        review += (1...20).map { $0 == 8 ? "r duplicate 다른 항목의 근거를 복사함" : "a" }
        review += (1...19).map { $0 == 7 ? "r wrong-label 중립에 가깝습니다" : "ㅁ" }
        _ = try run(["review", "--project", "reviews", "--reviewer", "park"], stdin: review.joined(separator: "\n") + "\n")
        let stats = try run(["stats", "--project", "reviews", "--format", "json"])
        let jsonl = try run(["export", "--project", "reviews", "--format", "jsonl"])
        let xml = try run(["export", "--project", "reviews", "--format", "xml"])
        return (blankClock(jsonl), blankClock(xml), blankClock(stats))
    }

    /// The text with ISO timestamps and second counts replaced by fixed values.
    static func blankClock(_ text: String) -> String {
        var result = text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, with: "T", options: .regularExpression)
        result = result.replacingOccurrences(of: #"("(mean_)?seconds"\s*:\s*)[0-9.eE+-]+"#, with: "$1 0", options: .regularExpression)
        result = result.replacingOccurrences(of: #"(seconds=")[0-9.eE+-]+""#, with: "$1 0\"", options: .regularExpression)
        return result
    }
}

/// Bytes read on another thread.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
