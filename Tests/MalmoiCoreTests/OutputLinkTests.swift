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

    /// A link that another user planted in a sticky, world-writable folder (as in /tmp) is not followed,
    /// dangling or not (the rule of Linux's fs.protected_symlinks); the user's own links there are.
    /// Needs root, to give the link another owner.
    @Test(.enabled(if: geteuid() == 0, "skipped: needs root to make a link owned by another user"))
    func aLinkPlantedByAnotherUserInASharedStickyFolderIsNotFollowed() throws {
        let folder = try makeFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let shared = folder + "/공유"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        #expect(chmod(shared, 0o1777) == 0)
        try FileManager.default.createDirectory(atPath: folder + "/피해자", withIntermediateDirectories: true)
        try "원래\n".write(toFile: folder + "/피해자/있음", atomically: false, encoding: .utf8)
        for (link, target) in [("없는곳", folder + "/피해자/새파일"), ("있는곳", folder + "/피해자/있음")] {
            #expect(symlink(target, shared + "/" + link) == 0)
            #expect(lchown(shared + "/" + link, 65_534, 65_534) == 0)
            #expect(throws: InputError.self) {
                try AtomicFile.write(to: shared + "/" + link, refusing: []) { $0.write("공격\n") }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/피해자/새파일"))
        #expect(try read(folder + "/피해자/있음") == "원래\n")
        // The user's own link in the same folder is followed.
        #expect(symlink(folder + "/피해자/내것", shared + "/내링크") == 0)
        try AtomicFile.write(to: shared + "/내링크", refusing: []) { $0.write("내용\n") }
        #expect(try read(folder + "/피해자/내것") == "내용\n")
    }

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
