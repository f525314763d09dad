import Foundation
import Testing

/// Real processes against one store: concurrent annotators and a killed annotator.
@Suite struct WorkflowConcurrencyTests {
    @Test func twoAnnotateProcessesNeverOverAssign() throws {
        let dir = WorkflowCLI.makeDirectory()
        try WorkflowCLI.run(["project", "create", "p", "--labels", "긍정,부정", "--overlap", "1"], in: dir)
        let items = (1...60).map { "문장 \($0)" }.joined(separator: "\n") + "\n"
        try WorkflowCLI.run(["import", "--project", "p", "--format", "text", "-"], in: dir, input: items)
        let answers = Data(String(repeating: "1\n", count: 60).utf8)
        let processes = try ["kim", "lee"].map { try WorkflowCLI.start(["annotate", "--project", "p", "--annotator", $0], in: dir) }
        for process in processes {
            let handle = (process.standardInput as! Pipe).fileHandleForWriting
            handle.write(answers)
            try handle.close()
        }
        var saved = 0
        for process in processes {
            let err = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(err)")
            if let range = err.range(of: #"saved (\d+)"#, options: .regularExpression) {
                saved += Int(err[range].dropFirst(6)) ?? 0
            }
        }
        #expect(saved == 60)
        let export = try WorkflowCLI.jsonLines(try WorkflowCLI.run(["export", "--project", "p", "--all"], in: dir).stdout)
        let counts = export.dropFirst().dropLast().map { ($0["annotations"] as? [Any])?.count ?? 0 }
        #expect(counts.count == 60 && counts.allSatisfy { $0 == 1 })
    }

    @Test func sigkillBetweenSubmissionsLosesNothingSubmitted() throws {
        let dir = WorkflowCLI.makeDirectory()
        try WorkflowCLI.run(["project", "create", "p", "--labels", "긍정,부정"], in: dir)
        try WorkflowCLI.run(["import", "--project", "p", "--format", "text", "-"], in: dir, input: "하나\n둘\n셋\n넷\n다섯\n")
        let process = try WorkflowCLI.start(["annotate", "--project", "p", "--annotator", "kim"], in: dir)
        let input = (process.standardInput as! Pipe).fileHandleForWriting
        input.write(Data("1\n2\n1\n".utf8))
        var annotations = 0
        let deadline = Date().addingTimeInterval(20)
        while annotations < 3 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            annotations = try WorkflowCLI.stats("p", in: dir)["annotations"] as? Int ?? 0
        }
        #expect(annotations == 3)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try WorkflowCLI.stats("p", in: dir)["annotations"] as? Int == 3)
        // The claim on item 4 survives the kill; the annotator resumes there.
        let result = try WorkflowCLI.run(["annotate", "--project", "p", "--annotator", "kim"], in: dir, input: "2\n2\n")
        #expect(result.stderr.contains("saved 2") && result.stderr.contains("remaining 0"), "\(result.stderr)")
        let export = try WorkflowCLI.jsonLines(try WorkflowCLI.run(["export", "--project", "p", "--all"], in: dir).stdout)
        let labels = export.dropFirst().dropLast().map { item in
            ((item["annotations"] as? [[String: Any]])?.first?["payload"] as? [String: Any])?["labels"] as? [String] ?? []
        }
        #expect(labels == [["긍정"], ["부정"], ["긍정"], ["부정"], ["부정"]])
    }
}
