// The open-loop, paced mode shared by the two load programs (workflow-load, workflow-http): when each
// virtual annotator's cycle (claim then submit) is due, and how late it may start before it counts.
#if canImport(Glibc)
import Glibc
private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#elseif canImport(Darwin)
import Darwin
private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

/// Nanoseconds on the monotonic clock (`CLOCK_MONOTONIC`): never jumps with the wall clock.
public func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// CPU seconds (user + system) this process has used so far, all threads together: what a load program
/// costs the machine it shares with the servers, whatever the load average.
public func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF_WHO, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// The open-loop schedule of A annotators offering R submissions a second between them.
///
/// ```swift
/// let schedule = PacedSchedule(annotators: 1_000, rate: 1_000, start: monotonicNanoseconds() + 500_000_000)
/// let due = schedule.start(ofCycle: 0, annotator: 7)   // nanoseconds on the monotonic clock
/// ```
/// Annotator i's k-th cycle is due at `start + phase_i + k × A / R` seconds, with the phases spread evenly
/// over one period (`phase_i = i / R`), so that the whole team offers one cycle every 1 / R seconds. An
/// annotator sleeps until its cycle is due, or starts at once when it is late (the previous cycle took
/// longer than a period); latencies are measured from the due time, not from the actual start, so a
/// system falling behind shows its backlog (no coordinated omission).
public struct PacedSchedule: Sendable {
    /// Virtual annotators.
    public let annotators: Int
    /// Offered submissions a second, all annotators together.
    public let rate: Double
    /// The first cycle's due time, nanoseconds on the monotonic clock.
    public let start: UInt64

    /// A schedule starting at `start` (monotonic nanoseconds).
    public init(annotators: Int, rate: Double, start: UInt64) {
        precondition(annotators > 0 && rate > 0, "a schedule needs annotators and a positive rate")
        self.annotators = annotators
        self.rate = rate
        self.start = start
    }

    /// Seconds between two cycles of one annotator (A / R).
    public var period: Double { Double(annotators) / rate }

    /// When annotator `annotator`'s cycle number `cycle` (from 0) is due, in monotonic nanoseconds.
    public func start(ofCycle cycle: Int, annotator: Int) -> UInt64 {
        start + UInt64(((Double(annotator) + Double(cycle) * Double(annotators)) / rate * 1e9).rounded())
    }
}

/// Blocks the calling thread until the monotonic clock reaches `deadline` (nanoseconds); returns at once
/// when it has passed.
public func sleepUntil(_ deadline: UInt64) {
    var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
    while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &time, nil) == EINTR {}
}

/// Suspends the calling task until the monotonic clock reaches `deadline` (nanoseconds), without holding
/// a thread; returns at once when it has passed.
public func sleepUntilAsync(_ deadline: UInt64) async {
    let now = monotonicNanoseconds()
    if deadline > now { try? await Task.sleep(nanoseconds: deadline - now) }
}
