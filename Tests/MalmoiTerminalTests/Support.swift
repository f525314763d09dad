#if canImport(Glibc)
import Glibc
#endif
import Foundation
import MalmoiText
import Testing

/// Display width for assertions.
enum MalmoiTerminalTestsWidth {
    static func columns(_ text: String) -> Int { DisplayWidth.columns(of: text) }
}

/// The built `malmoi` next to the test bundle (or in `.build/debug`).
enum BuiltMalmoi {
    static let path: String = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("malmoi").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repository.appendingPathComponent(".build/debug/malmoi").path
    }()

    /// Runs malmoi with piped standard input; returns (status, stdout, stderr).
    @discardableResult
    static func run(_ arguments: [String], input: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        // Input from a file and outputs to files: pipes in both directions can fill and wait on each other.
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("stdin"), outFile = directory.appendingPathComponent("stdout")
        let errFile = directory.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inputFile)
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        let stdin = try FileHandle(forReadingFrom: inputFile), stdout = try FileHandle(forWritingTo: outFile)
        let stderr = try FileHandle(forWritingTo: errFile)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        try stdin.close()
        try stdout.close()
        try stderr.close()
        let out = try Data(contentsOf: outFile)
        let err = try Data(contentsOf: errFile)
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

/// A fresh temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-terminal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// A real terminal: a detached tmux session on its own server socket, driven with `send-keys` and read
/// with `capture-pane`.
final class TmuxTerminal {
    let socket: String
    let width: Int

    /// Whether tmux is installed (a missing tmux skips, or fails under CI=true).
    static var isAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts `command` (run by /bin/sh) in a `width`×`height` terminal with a UTF-8 locale.
    init(command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "malmoi-test-\(UUID().uuidString.prefix(8))"
        self.width = width
        var exports = "export LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color; unset NO_COLOR; "
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { exports += "export \(key)='\(value)'; " }
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "t", exports + command + "; echo EXIT=$?; sleep 60"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// Types text literally (UTF-8, as an input method commits it).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "t", "-l", text]) }

    /// Sends named keys (`C-a`, `Left`, `BSpace`, `Enter`).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }

    /// The screen's lines (trailing blanks trimmed).
    func screen() throws -> [String] {
        try tmux(["capture-pane", "-p", "-t", "t"]).components(separatedBy: "\n").map { line in
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }
    }

    /// The cursor's column (0-based).
    func cursorColumn() throws -> Int {
        Int(try tmux(["display-message", "-p", "-t", "t", "#{cursor_x}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Waits until some screen line satisfies `predicate` (`seconds` at most, 60 by default: a loaded CI machine can
    /// take tens of seconds to start a process); returns the screen.
    @discardableResult
    func waitFor(_ description: String, within seconds: Double = 60, _ predicate: (String) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var last: [String] = []
        while Date() < deadline {
            last = try screen()
            if last.contains(where: predicate) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TmuxError(message: "timed out waiting for \(description); screen:\n" + last.joined(separator: "\n"))
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        // Spawned and reaped here rather than through Foundation's Process: the tmux server that
        // new-session starts inherits Process's exit-watching descriptor, so waitUntilExit would wait for
        // the server, not the client. Output goes through a file.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out").path
        defer { unlink(capture) }
        let argv = ["tmux", "-u", "-L", socket] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw TmuxError(message: "posix_spawnp tmux failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
        let exitStatus = (status >> 8) & 0xFF
        guard (status & 0x7F == 0 && exitStatus == 0) || arguments.first == "kill-server" else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Skips (prints why) without tmux, or records a failure under CI.
func tmuxOrSkip() -> Bool {
    if TmuxTerminal.isAvailable { return true }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("tmux is not installed (CI installs it: apt-get install tmux)")
    } else {
        print("skipped: tmux is not installed (apt-get install tmux)")
    }
    return false
}
