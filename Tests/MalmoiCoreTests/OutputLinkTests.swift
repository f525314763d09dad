import Foundation
import Testing
@testable import MalmoiCore

/// Output paths through symbolic links, and the new-file mode without a umask round trip (issue 12,
/// item 3, the leftovers of the last session).
@Suite struct OutputLinkTests {
    private func makeFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-link-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    private func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    private func names(_ folder: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    @Test func aDanglingLinkIsWrittenThroughLikeAnExistingLink() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/실제", withIntermediateDirectories: true)
        // A relative link to a file that does not exist yet, and a link to that link.
        #expect(symlink("실제/결과.jsonl", folder + "/링크.jsonl") == 0)
        #expect(symlink(folder + "/링크.jsonl", folder + "/두번.jsonl") == 0)
        try AtomicFile.write(to: folder + "/두번.jsonl", refusing: []) { $0.write("{\"id\":\"첫째\"}\n") }
        #expect(isLink(folder + "/링크.jsonl") && isLink(folder + "/두번.jsonl"))
        #expect(try read(folder + "/실제/결과.jsonl") == "{\"id\":\"첫째\"}\n")
        #expect(try names(folder + "/실제") == ["결과.jsonl"])
        // Now the link exists: written again through the same path, the same file is replaced.
        try AtomicFile.write(to: folder + "/링크.jsonl", refusing: []) { $0.write("둘째\n") }
        #expect(isLink(folder + "/링크.jsonl"))
        #expect(try read(folder + "/실제/결과.jsonl") == "둘째\n")
        #expect(try names(folder) == ["두번.jsonl", "링크.jsonl", "실제"])
    }

    @Test func aDanglingLinkIntoAMissingFolderIsARuntimeErrorAndTheLinkStays() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(symlink(folder + "/없는폴더/x.txt", folder + "/out.txt") == 0)
        let error = #expect(throws: FileError.self) { try AtomicFile.write(to: folder + "/out.txt", refusing: []) { $0.write("x") } }
        #expect(error?.message.contains("No such file or directory") == true)
        #expect(isLink(folder + "/out.txt"))
        #expect(try names(folder) == ["out.txt"])
    }

    @Test func aLoopOfLinksIsARuntimeError() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(symlink("b", folder + "/a") == 0)
        #expect(symlink("a", folder + "/b") == 0)
        #expect(throws: FileError.self) { try AtomicFile.write(to: folder + "/a", refusing: []) { $0.write("x") } }
        #expect(isLink(folder + "/a") && isLink(folder + "/b"))
    }

    @Test func aFolderThatIsALinkKeepsTheLinkAndGetsTheFile() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        #expect(symlink("real", folder + "/via") == 0)
        for content in ["새 파일\n", "바뀐 내용\n"] {   // new, then existing
            try AtomicFile.write(to: folder + "/via/out.txt", refusing: []) { $0.write(content) }
            #expect(try read(folder + "/real/out.txt") == content)
            #expect(isLink(folder + "/via"))
            #expect(try names(folder + "/real") == ["out.txt"])
        }
        // An input reached through the linked folder is still the same file.
        #expect(throws: InputError.self) {
            try AtomicFile.write(to: folder + "/via/out.txt", refusing: [folder + "/real/out.txt"]) { $0.write("x") }
        }
    }

    @Test func theUmaskIsReadWithoutChangingIt() throws {
        // Linux reports the umask in /proc/self/status; it is what a round trip reads (the round trip
        // here sets the usual 022 for an instant, as the other mode test does).
        let mask = umask(0o022)
        umask(mask)
        #expect(AtomicFile.statusUmask() == mask)
        #expect(AtomicFile.processUmask == mask)
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Threads writing new files at once all get 0666 less the umask the process started with.
        let paths = (0..<16).map { "\(folder)/파일\($0).txt" }
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            try? AtomicFile.write(to: paths[index], refusing: []) { $0.write("\(index)") }
        }
        for path in paths {
            var info = stat()
            #expect(stat(path, &info) == 0)
            #expect(info.st_mode & 0o7777 == 0o666 & ~AtomicFile.processUmask)
        }
    }
}
