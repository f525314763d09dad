import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A queue for the store's write lock that the kernel keeps: every writer of a SQLite store takes an
/// exclusive `flock` on the side file `<store>-writer.lock` before `BEGIN IMMEDIATE`, and releases it
/// after the commit.
///
/// SQLite alone makes a writer that finds the database locked sleep and try again (``BusyWait``), so the
/// lock sits idle between one writer's commit and the next one's wake-up; with eight annotator processes
/// that idle time was about as long as the transactions themselves. Waiters blocked in `flock` are woken
/// by the kernel the moment the holder releases it, so the lock passes straight on.
///
/// The side file only orders writers; SQLite's own lock still guarantees correctness. So a process that
/// cannot open the side file (a read-only folder, a link or a non-regular file put in its place) writes
/// without it, waiting in ``BusyWait`` as before. A writer that waits longer than a second shows the
/// busy note at a terminal. The wait has no limit of its own: whoever holds the lock is either a short
/// transaction or an import, and ends; a killed holder releases it with its descriptor.
///
/// The side file is readable only by those who may write the store (see ``sideFileMode(store:)``): `flock`
/// needs no write access, and the wait has no limit.
///
/// Each ``SQLiteStore`` has its own open file description, so two stores on one file in one process
/// exclude each other as two processes do.
final class WriterLock: @unchecked Sendable {
    /// The side file of the store at `storePath`.
    static func path(for storePath: String) -> String { storePath + "-writer.lock" }

    private let path: String
    private let storePath: String
    private var descriptor: Int32 = -1
    private var opened = false
    private var mutex = pthread_mutex_t()

    init(storePath: String) {
        path = Self.path(for: storePath)
        self.storePath = storePath
        pthread_mutex_init(&mutex, nil)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        pthread_mutex_destroy(&mutex)
    }

    /// Runs `body` holding the lock (or without it, when the side file cannot be used).
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        let held = lock()
        defer { if held { unlock() } }
        return try body()
    }

    /// Takes the lock; false when this process writes without it (the side file cannot be used).
    func lock() -> Bool {
        let fd = openedDescriptor()
        return fd >= 0 && Self.acquire(fd)
    }

    /// Releases the lock taken by a ``lock()`` that returned true.
    func unlock() {
        _ = flock(openedDescriptor(), LOCK_UN)
    }

    /// The side file's descriptor, opened on first use (so commands that only read create nothing); -1
    /// when it cannot be used.
    private func openedDescriptor() -> Int32 {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        if !opened {
            opened = true
            descriptor = Self.openSideFile(path, mode: Self.sideFileMode(store: storePath))
        }
        return descriptor
    }

    /// The mode a new side file gets: readable and writable only by those who may write the store. `flock`
    /// needs only a descriptor, so anyone who could open the side file could hold every writer back; a
    /// reader of the store must not be able to.
    static func sideFileMode(store: String) -> mode_t {
        var status = stat()
        guard stat(store, &status) == 0 else { return 0o600 }
        var mode: mode_t = 0o600
        if status.st_mode & 0o020 != 0 { mode |= 0o060 }
        if status.st_mode & 0o002 != 0 { mode |= 0o006 }
        return mode
    }

    /// Opens `path` without following a link, creating it with `mode` (less the umask) when absent; -1 unless
    /// it is a regular file.
    static func openSideFile(_ path: String, mode: mode_t = 0o600) -> Int32 {
        let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK
        var fd = open(path, flags | O_CREAT, mode)
        if fd < 0 && (errno == EACCES || errno == EROFS) {
            fd = open(path, flags)   // the folder is read-only, but someone may have made the file
        }
        guard fd >= 0 else { return -1 }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return -1
        }
        return fd
    }

    /// Takes the lock: at once when it is free, else blocked in the kernel, with the busy note at a
    /// terminal once the wait passes a second. False when the kernel refuses the lock (`ENOLCK`).
    private static func acquire(_ fd: Int32) -> Bool {
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
        var note: DispatchWorkItem?
        if BusyWait.noteShowable {
            let item = DispatchWorkItem { BusyWait.note.showOnce() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 1, execute: item)
            note = item
        }
        defer { note?.cancel() }
        while true {
            if flock(fd, LOCK_EX) == 0 { return true }
            if errno != EINTR { return false }
        }
    }
}
