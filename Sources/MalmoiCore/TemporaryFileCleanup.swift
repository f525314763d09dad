#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the temporary files of writes in progress when the process is interrupted (SIGINT, SIGTERM,
/// SIGHUP), so that a killed export leaves nothing behind.
///
/// ```swift
/// let slot = try TemporaryFileCleanup.register(temporaryPath)
/// defer { TemporaryFileCleanup.unregister(slot) }
/// ```
/// The paths live in a fixed block of memory allocated once; the signal handler only reads that block
/// and calls `unlink(2)`, `signal(2)` and `raise(3)`, which are async-signal-safe. It then restores the
/// signal's previous disposition and raises the signal again, so the process still ends as the sender
/// asked (status 130 for SIGINT in a shell). A signal that was ignored when the first path was
/// registered (for example SIGHUP under `nohup`) stays ignored; a signal left blocked by the parent is
/// unblocked on the registering thread, so that the handler can run. SIGKILL cannot be caught: a file left by
/// it is named `.NAME.malmoi-tmp-XXXXXXXXXXXX` and may be deleted.
public enum TemporaryFileCleanup {
    /// How many temporary files can be registered at once.
    static let slotCount = 32
    /// The longest path, in bytes with its terminating NUL, that can be registered.
    static let slotSize = Int(PATH_MAX)
    /// The signals after which registered files are removed.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// One NUL-terminated path per slot; an empty slot starts with NUL.
    nonisolated(unsafe) static let storage: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotSize)
        pointer.initialize(repeating: 0, count: slotCount * slotSize)
        return pointer
    }()
    /// The previous disposition of each of ``signals``, restored before the signal is raised again.
    nonisolated(unsafe) static let previous: UnsafeMutablePointer<Int> = {
        let pointer = UnsafeMutablePointer<Int>.allocate(capacity: 65)
        pointer.initialize(repeating: 0, count: 65)
        return pointer
    }()
    private static let lock = Lock()
    nonisolated(unsafe) private static var isInstalled = false

    /// Registers a temporary file to remove if the process is interrupted.
    /// - Returns: the slot to pass to ``unregister(_:)``, or nil when every slot is taken or the path is
    ///   too long (the file is then removed only on ordinary failures).
    public static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < slotSize, !bytes.isEmpty else { return nil }
        defer { unblockSignals() }
        return withSignalsBlocked {
            lock.withLock { () -> Int? in
                installHandlers()
                for slot in 0..<slotCount where storage[slot * slotSize] == 0 {
                    let base = storage + slot * slotSize
                    for (index, byte) in bytes.enumerated().dropFirst() { base[index] = CChar(bitPattern: byte) }
                    base[bytes.count] = 0
                    base[0] = CChar(bitPattern: bytes[0])   // written last: the slot becomes live in one store
                    return slot
                }
                return nil
            }
        }
    }

    /// Installs the handlers and unblocks their signals on the calling thread without registering a
    /// path, for a write whose file has no name yet (it vanishes by itself): an interrupt then still
    /// ends the process as the sender asked, even when a parent left the signals blocked.
    public static func prepare() {
        withSignalsBlocked { lock.withLock { installHandlers() } }
        unblockSignals()
    }

    /// Forgets a registered file (it was renamed into place or removed).
    public static func unregister(_ slot: Int?) {
        guard let slot, slot >= 0, slot < slotCount else { return }
        withSignalsBlocked { lock.withLock { storage[slot * slotSize] = 0 } }
    }

    /// The paths registered now (for tests).
    static var registeredPaths: [String] {
        lock.withLock {
            (0..<slotCount).compactMap { slot in
                storage[slot * slotSize] == 0 ? nil : String(cString: storage + slot * slotSize)
            }
        }
    }

    private static func installHandlers() {
        guard !isInstalled else { return }
        isInstalled = true
        _ = storage
        _ = previous
        for signalNumber in signals {
            let old = signal(signalNumber, temporaryFileSignalHandler)
            previous[Int(signalNumber)] = unsafeBitCast(old, to: Int.self)
            if previous[Int(signalNumber)] == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(signalNumber, SIG_IGN)
            }
        }
    }

    /// Unblocks the signals on the calling thread: a parent may have left them blocked (test runners
    /// do), and a blocked SIGTERM would never reach the handler.
    private static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signalNumber in signals { sigaddset(&set, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private static func withSignalsBlocked<T>(_ body: () -> T) -> T {
        var blocked = sigset_t()
        var saved = sigset_t()
        sigemptyset(&blocked)
        for signalNumber in signals { sigaddset(&blocked, signalNumber) }
        pthread_sigmask(SIG_BLOCK, &blocked, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        return body()
    }
}

/// The handler: unlink every registered path, restore the old disposition, raise the signal again.
private func temporaryFileSignalHandler(_ signalNumber: Int32) {
    let storage = TemporaryFileCleanup.storage
    var slot = 0
    while slot < TemporaryFileCleanup.slotCount {
        let base = storage + slot * TemporaryFileCleanup.slotSize
        if base[0] != 0 { unlink(base) }
        slot += 1
    }
    let old = TemporaryFileCleanup.previous[Int(signalNumber)]
    signal(signalNumber, unsafeBitCast(old, to: sighandler_t?.self))
    raise(signalNumber)
}
