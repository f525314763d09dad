import Foundation
import Testing

/// Runs the built `malmoi` binary for the workflow tests.
enum WorkflowCLI {
    /// The repository root, from this file's path (Tests/MalmoiCLITests/WorkflowSupport.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `malmoi` executable (the same one every CLI test runs).
    static var binary: URL { MalmoiProcess.executable }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A fresh working directory holding the store.
    static func makeDirectory() -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-workflow-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `malmoi ARGS` in `directory` with `input` on stdin and waits for it.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, input: String = "") throws -> Result {
        let result = try MalmoiProcess.run(arguments, input: input, directory: directory)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Starts `malmoi ARGS` with pipes on stdin, stdout and stderr, without waiting.
    /// With `discardingOutput`, standard output and error go to /dev/null (nothing to drain: a pipe drained by a
    /// readability handler is watched by a dispatch source whose file descriptor can close under it).
    static func start(_ arguments: [String], in directory: URL, discardingOutput: Bool = false) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = Pipe()
        process.standardOutput = discardingOutput ? FileHandle.nullDevice : Pipe()
        process.standardError = discardingOutput ? FileHandle.nullDevice : Pipe()
        try process.run()
        return process
    }

    /// Runs `malmoi stats --format json` and returns the parsed object.
    static func stats(_ project: String, in directory: URL) throws -> [String: Any] {
        let result = try run(["stats", "--project", project, "--format", "json"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// The JSON objects of a JSONL text.
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
    }
}
