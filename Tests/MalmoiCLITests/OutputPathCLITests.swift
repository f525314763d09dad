import Foundation
import Testing

/// `--output`/`-o` of every command (issue 12, items 1 and 3), through the real binary.
@Suite struct OutputPathCLITests {
    private func makeLabelProject(in directory: URL) throws {
        var result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["import", "--project", "감성", "-"], in: directory,
                                     input: "{\"id\":\"a1\",\"text\":\"정말 좋아요\"}\n{\"id\":\"a2\",\"text\":\"별로예요\"}\n")
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(arguments: ["jsonl", "xml"])
    func exportOntoTheStoreIsRefusedAndTheStoreSurvives(format: String) throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeLabelProject(in: directory)
        // Through a symbolic link, so that only device and inode can tell.
        let alias = directory.appendingPathComponent("alias.sqlite").path
        #expect(symlink(directory.appendingPathComponent("malmoi.sqlite").path, alias) == 0)
        for output in ["malmoi.sqlite", alias] {
            let result = try WorkflowCLI.run(["export", "--project", "감성", "--format", format, "--output", output], in: directory)
            #expect(result.status == 2)
            #expect(result.stderr.contains("--output \(output)"))
        }
        let list = try WorkflowCLI.run(["project", "list"], in: directory)
        #expect(list.status == 0)
        #expect(list.stdout.contains("감성"))
    }

    @Test func normalizeRefusesAHardLinkOfItsInput() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.txt").path
        let output = directory.appendingPathComponent("same.txt").path
        try "ＡＢＣ 한글\n".write(toFile: input, atomically: false, encoding: .utf8)
        #expect(link(input, output) == 0)
        let result = try MalmoiProcess.run(["normalize", "--form", "nfkc", input, "-o", output], input: "")
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "ＡＢＣ 한글\n")
    }

    @Test func exportToDevStdoutWritesStandardOutput() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeLabelProject(in: directory)
        let result = try WorkflowCLI.run(["export", "--project", "감성", "--all", "--output", "/dev/stdout"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("정말 좋아요"))
        var info = stat()
        lstat("/dev/stdout", &info)
        #expect(info.st_mode & S_IFMT == S_IFLNK)
    }

    @Test func exportToAFIFOStreamsIntoIt() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeLabelProject(in: directory)
        let fifo = directory.appendingPathComponent("export.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            received = readAll(fifo)
            done.signal()
        }
        let result = try WorkflowCLI.run(["export", "--project", "감성", "--all", "--format", "xml", "--output", fifo], in: directory)
        done.wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(String(decoding: received, as: UTF8.self).contains("별로예요"))
        var info = stat()
        lstat(fifo, &info)
        #expect(info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func exportKeepsAPrivateFilePrivate() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try makeLabelProject(in: directory)
        let output = directory.appendingPathComponent("private.jsonl").path
        try "".write(toFile: output, atomically: false, encoding: .utf8)
        chmod(output, 0o600)
        let result = try WorkflowCLI.run(["export", "--project", "감성", "--all", "--output", output], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        var info = stat()
        stat(output, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func anInterruptedWriteLeavesNoTemporaryFile(signalNumber: Int32) throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.txt").path
        let process = try WorkflowCLI.start(["normalize", "-o", output], in: directory)
        let stdin = (process.standardInput as! Pipe).fileHandleForWriting
        stdin.write(Data("첫 줄\n".utf8))   // stdin stays open: normalize waits inside the write
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.contains(".malmoi-tmp-") }
        }
        // The output is being written: an unnamed file in the folder (Linux O_TMPFILE, seen as an open
        // descriptor of the process) or, without one, a named temporary file.
        func writing() -> Bool {
            let fds = "/proc/\(process.processIdentifier)/fd"
            let inFolder = ((try? FileManager.default.contentsOfDirectory(atPath: fds)) ?? []).contains { fd in
                (try? FileManager.default.destinationOfSymbolicLink(atPath: fds + "/" + fd))?.hasPrefix(directory.path + "/") == true
            }
            return inFolder || !temporaries().isEmpty
        }
        let deadline = Date().addingTimeInterval(20)
        while !writing() && Date() < deadline { usleep(20_000) }
        #expect(writing())
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signalNumber)
        #expect(temporaries().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}

/// Reads a FIFO (or file) to its end with read(2).
private func readAll(_ path: String) -> Data {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return Data() }
    defer { close(fd) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = read(fd, &buffer, buffer.count)
        if count <= 0 { break }
        data.append(contentsOf: buffer[0..<count])
    }
    return data
}
