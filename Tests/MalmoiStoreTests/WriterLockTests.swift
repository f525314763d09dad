import Foundation
import MalmoiCore
@testable import MalmoiStore
import Testing

/// Writers of one SQLite store queue on the kernel lock of `<store>-writer.lock` (issue 10): a writer waits for
/// the holder rather than polling or failing, and a side file that is not a plain file is never followed or
/// written; the store then works as before, on SQLite's own lock.
@Suite struct WriterLockTests {
    /// Runs `body` on its own thread; the returned semaphore is signalled when it has returned.
    static func onThread(_ body: @escaping @Sendable () -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            body()
            done.signal()
        }
        return done
    }

    @Test func aSecondStoreWaitsForTheHolderThenWrites() throws {
        let path = temporaryPath("lock") + ".sqlite"
        let holder = try SQLiteStore(path: path)
        let waiter = try SQLiteStore(path: path)
        #expect(holder.writerLock.lock())
        let finished = Self.onThread {
            _ = try? waiter.createProject(labelProject("대기한 프로젝트"))
        }
        // SQLite's own lock is free the whole time: only the side file's lock holds the second store back.
        #expect(finished.wait(timeout: .now() + 0.5) == .timedOut)
        #expect(try holder.projects().isEmpty)
        holder.writerLock.unlock()
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(try holder.projects().map(\.name) == ["대기한 프로젝트"])
    }

    @Test func onlyAWriteCreatesTheSideFile() throws {
        let path = temporaryPath("lazy") + ".sqlite"
        let store = try SQLiteStore(path: path)
        _ = try store.projects()
        #expect(!FileManager.default.fileExists(atPath: WriterLock.path(for: path)))
        _ = try store.createProject(labelProject())
        var status = stat()
        #expect(lstat(WriterLock.path(for: path), &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG)
    }

    @Test func aLinkInPlaceOfTheSideFileIsNotFollowed() throws {
        let path = temporaryPath("link") + ".sqlite"
        let target = path + ".precious"
        try Data("소중한 내용\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: WriterLock.path(for: path), withDestinationPath: target)
        let missing = path + ".absent"
        let other = temporaryPath("dangling") + ".sqlite"
        try FileManager.default.createSymbolicLink(atPath: WriterLock.path(for: other), withDestinationPath: missing)

        let store = try SQLiteStore(path: path)
        _ = try store.createProject(labelProject())
        #expect(try store.projects().count == 1)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "소중한 내용\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: WriterLock.path(for: path)) == target)

        _ = try SQLiteStore(path: other).createProject(labelProject())
        #expect(!FileManager.default.fileExists(atPath: missing))   // a dangling link creates nothing
    }

    @Test func aFolderOrPipeInPlaceOfTheSideFileLeavesWritesWorking() throws {
        let folderStore = temporaryPath("folder") + ".sqlite"
        try FileManager.default.createDirectory(atPath: WriterLock.path(for: folderStore), withIntermediateDirectories: false)
        let pipeStore = temporaryPath("pipe") + ".sqlite"
        #expect(mkfifo(WriterLock.path(for: pipeStore), 0o600) == 0)
        for path in [folderStore, pipeStore] {
            let first = try SQLiteStore(path: path)
            let second = try SQLiteStore(path: path)
            #expect(!first.writerLock.lock())
            _ = try first.createProject(labelProject("하나"))
            _ = try second.createProject(labelProject("둘"))
            #expect(try first.projects().map(\.name).sorted() == ["둘", "하나"])
        }
    }

    @Test func anExportNeverReplacesTheSideFile() throws {
        let path = temporaryPath("export") + ".sqlite"
        _ = try SQLiteStore(path: path).createProject(labelProject())
        #expect(throws: InputError.self) {
            try AtomicFile.write(to: WriterLock.path(for: path), refusing: AtomicFile.storeFiles(path)) { $0.write("{}") }
        }
    }

    /// `flock` needs no write access: a side file readable by everyone would let any reader of the store hold
    /// every writer back for as long as they like.
    @Test func onlyThoseWhoMayWriteTheStoreMayOpenTheSideFile() throws {
        for storeMode: mode_t in [0o644, 0o640, 0o600] {
            let path = temporaryPath("mode") + ".sqlite"
            let store = try SQLiteStore(path: path)
            #expect(chmod(path, storeMode) == 0)
            _ = try store.createProject(labelProject("권한 \(String(storeMode, radix: 8))"))
            var status = stat()
            #expect(stat(WriterLock.path(for: path), &status) == 0)
            let shown = "store \(String(storeMode, radix: 8)), side file \(String(status.st_mode & 0o777, radix: 8))"
            #expect(status.st_mode & 0o077 == 0 && status.st_mode & 0o600 == 0o600, "\(shown)")
        }
        #expect(WriterLock.sideFileMode(store: "/nonexistent/store.sqlite") == 0o600)
    }
}
