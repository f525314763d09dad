import Foundation
import Testing
@testable import MalmoiCore

/// Output paths (issue 12, items 1 and 3): inputs are refused by device and inode, non-regular files
/// are written directly, regular files through an exclusive temporary file that keeps mode and links.
@Suite struct OutputPathTests {
    private func makeFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    private func leftoversNow(_ folder: String) -> [String] { (try? leftovers(folder)) ?? [] }

    private func leftovers(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".malmoi-tmp-") }
    }

    @Test(arguments: ["hard link", "symbolic link", "dotted path"])
    func anOutputThatIsAnInputUnderAnotherNameIsRefused(alias: String) throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/말뭉치.txt"
        try "원문 그대로\n".write(toFile: input, atomically: false, encoding: .utf8)
        let output: String
        switch alias {
        case "hard link": output = folder + "/링크.txt"; #expect(link(input, output) == 0)
        case "symbolic link": output = folder + "/심볼.txt"; #expect(symlink(input, output) == 0)
        default: output = folder + "/./../" + (folder as NSString).lastPathComponent + "/말뭉치.txt"
        }
        #expect(throws: InputError.self) { try AtomicFile.write(to: output, refusing: [input]) { $0.write("덮어쓰기") } }
        #expect(try read(input) == "원문 그대로\n")
        #expect(try leftovers(folder).isEmpty)
    }

    @Test func theStoreAndItsWALAreRefused() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = folder + "/store.sqlite"
        try "SQLite format 3".write(toFile: store, atomically: false, encoding: .utf8)
        try "wal".write(toFile: store + "-wal", atomically: false, encoding: .utf8)
        for target in [store, store + "-wal"] {
            #expect(throws: InputError.self) { try AtomicFile.write(to: target, refusing: AtomicFile.storeFiles(store)) { $0.write("{}") } }
        }
        #expect(try read(store) == "SQLite format 3")
    }

    @Test func anExistingFileKeepsItsModeAndANewFileFollowsTheUmask() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/비밀.jsonl"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o600)
        try AtomicFile.write(to: path, refusing: []) { $0.write("새 내용\n") }
        var info = stat()
        stat(path, &info)
        #expect(info.st_mode & 0o7777 == 0o600)
        #expect(try read(path) == "새 내용\n")

        let fresh = folder + "/새파일.jsonl"
        try AtomicFile.write(to: fresh, refusing: []) { $0.write("x") }
        let mask = umask(0o022); umask(mask)
        stat(fresh, &info)
        #expect(info.st_mode & 0o7777 == 0o666 & ~mask)
    }

    @Test func aHardLinkedOutputIsWrittenThroughEveryName() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.txt"
        let other = folder + "/other-name.txt"
        try "이전 내용이 더 깁니다\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(link(path, other) == 0)
        var before = stat(); stat(path, &before)
        try AtomicFile.write(to: path, refusing: []) { $0.write("새것\n") }
        var after = stat(); stat(path, &after)
        #expect(after.st_ino == before.st_ino)
        #expect(after.st_nlink == 2)
        #expect(try read(other) == "새것\n")
        #expect(try leftovers(folder).isEmpty)
    }

    @Test func aSymbolicLinkOutputStaysALinkToTheNewContent() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let real = folder + "/real.txt"
        let link = folder + "/link.txt"
        try "old".write(toFile: real, atomically: false, encoding: .utf8)
        #expect(symlink(real, link) == 0)
        try AtomicFile.write(to: link, refusing: []) { $0.write("한글") }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try read(real) == "한글")
    }

    @Test func aFIFOIsWrittenDirectlyAndStaysAFIFO() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            received = readAll(fifo)
            done.signal()
        }
        try AtomicFile.write(to: fifo, refusing: []) { $0.write("파이프로 간다\n") }
        done.wait()
        #expect(String(decoding: received, as: UTF8.self) == "파이프로 간다\n")
        var info = stat(); lstat(fifo, &info)
        #expect(info.st_mode & S_IFMT == S_IFIFO)
        #expect(try leftovers(folder).isEmpty)
    }

    @Test func aCharacterDeviceIsWrittenDirectly() throws {
        try AtomicFile.write(to: "/dev/null", refusing: []) { $0.write("버려짐") }
        var info = stat(); lstat("/dev/null", &info)
        #expect(info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func temporaryNamesAreUnpredictableAndExclusive() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let victim = folder + "/victim.txt"
        try "지켜야 할 파일".write(toFile: victim, atomically: false, encoding: .utf8)
        // The old predictable name, planted as a link to another file, is never opened.
        #expect(symlink(victim, folder + "/out.txt.tmp-\(getpid())") == 0)
        var names: Set<String> = []
        for _ in 0..<20 {
            let (fd, name) = try AtomicFile.createTemporaryFile(beside: folder + "/out.txt")
            close(fd)
            unlink(name)
            names.insert(name)
        }
        #expect(names.count == 20)
        try AtomicFile.write(to: folder + "/out.txt", refusing: []) { $0.write("결과") }
        #expect(try read(victim) == "지켜야 할 파일")
        #expect(try read(folder + "/out.txt") == "결과")
    }

    @Test func aFailedWriteLeavesNoTemporaryFileAndNoRegistration() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: folder + "/out.txt", refusing: []) { writer in
                writer.write("반쯤")
                // Where the system has unnamed files (Linux O_TMPFILE) nothing has a name to register yet;
                // otherwise the named temporary file is registered for removal on an interrupt.
                #expect(TemporaryFileCleanup.registeredPaths.contains { $0.hasPrefix(folder) } || leftoversNow(folder).isEmpty)
                throw Stop()
            }
        }
        #expect(try leftovers(folder).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.txt"))
        #expect(!TemporaryFileCleanup.registeredPaths.contains { $0.hasPrefix(folder) })
    }

    @Test func aFolderIsABadOutput() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: InputError.self) { try AtomicFile.write(to: folder, refusing: []) { $0.write("x") } }
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
