#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a SQLite connection waits for another process's write lock: short sleeps that grow from 0.05 ms
/// to 1 ms (many annotator processes take turns quickly; a longer cap let a process that had waited a
/// while keep sleeping through the short gaps between another process's transactions), a note on standard error after about one
/// second when it is a terminal (an import holds the lock), and an error only after 10 minutes.
enum BusyWait {
    /// Longest wait, in seconds, before `database is locked` is reported.
    static let limit: Double = 600

    /// The GRDB busy callback: sleeps, then asks SQLite to retry, until ``limit``.
    static let handler: @Sendable (Int) -> Bool = { tries in
        let microseconds = sleepMicroseconds(tries)
        if waited(through: tries) >= 1, waited(through: tries - 1) < 1 { note.showOnce() }
        guard waited(through: tries) < limit else { return false }
        usleep(microseconds)
        return true
    }

    /// The sleep before retry `tries` (0-based), with jitter so processes do not retry in step.
    static func sleepMicroseconds(_ tries: Int) -> UInt32 {
        let base = min(step * (tries + 1), cap)
        return UInt32(base + Int.random(in: 0...(base / 2)))
    }

    /// The first sleep and how much each retry adds, in microseconds.
    static let step = 50
    /// The longest sleep, in microseconds: a waiter looks at the lock at least this often.
    static let cap = 1_000

    /// Seconds slept up to and including retry `tries`, without jitter (a lower bound).
    static func waited(through tries: Int) -> Double {
        guard tries >= 0 else { return 0 }
        // 50 µs, 100 µs, … up to 1 ms by the 20th try, then 1 ms each.
        let steps = cap / step
        let ramp = min(tries + 1, steps)
        let rampMicroseconds = step * ramp * (ramp + 1) / 2
        let flat = max(0, tries + 1 - steps) * cap
        return Double(rampMicroseconds + flat) / 1_000_000
    }

    /// Whether standard error is a terminal, where the note is shown.
    static let noteShowable = isatty(2) == 1

    static let note = OnceNote(
        "malmoi: the store is busy (another process, perhaps an import, is writing); waiting for it to finish…\n")
}

/// A message written to standard error at most once per process, only when standard error is a terminal.
final class OnceNote: @unchecked Sendable {
    private let text: String
    private var shown = false
    private var mutex = pthread_mutex_t()

    init(_ text: String) {
        self.text = text
        pthread_mutex_init(&mutex, nil)
    }

    func showOnce() {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        guard !shown else { return }
        shown = true
        guard isatty(2) == 1 else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    }
}
