// Latencies of the load programs, recorded without a shared lock: each virtual annotator keeps its own
// log, and the logs are merged once, at the end.

/// The latencies one virtual annotator (or, merged, a whole run) recorded, in nanoseconds.
///
/// ```swift
/// var log = LatencyLog()
/// log.record(claim: 1_200_000, submit: 800_000, cycle: 2_000_000)
/// var all = LatencyLog(); all.merge(log)
/// print(LatencySummary(all.cycles).millisecondsText)
/// ```
/// Each annotator owns one (a value, never shared while the run lasts), so recording never makes one
/// annotator wait for another; ``merge(_:)`` joins them when the annotators are done.
public struct LatencyLog: Sendable {
    /// Claim latencies.
    public var claims: [UInt64] = []
    /// Submit latencies.
    public var submits: [UInt64] = []
    /// Whole-cycle latencies (claim and submit).
    public var cycles: [UInt64] = []
    /// Service times of claims (from having a connection to the answer), where the program can tell.
    public var claimServices: [UInt64] = []
    /// Service times of submits, where the program can tell.
    public var submitServices: [UInt64] = []
    /// Paced runs: cycles that started more than ``lateThreshold`` after they were due.
    public var lateStarts = 0
    /// Acknowledged submissions.
    public var acknowledged = 0
    /// Failed calls.
    public var errors = 0

    /// How late a paced cycle may start before it counts in ``lateStarts`` (100 ms).
    public static let lateThreshold: UInt64 = 100_000_000

    /// An empty log, with room for `expected` cycles.
    public init(expected: Int = 0) {
        claims.reserveCapacity(expected)
        submits.reserveCapacity(expected)
        cycles.reserveCapacity(expected)
    }

    /// Records one finished cycle (nanoseconds; measured from the due time in a paced run).
    public mutating func record(claim: UInt64, submit: UInt64, cycle: UInt64) {
        claims.append(claim)
        submits.append(submit)
        cycles.append(cycle)
    }

    /// Records when a paced cycle actually started, against when it was due (monotonic nanoseconds).
    public mutating func recordStart(due: UInt64, started: UInt64) {
        if started > due && started - due > Self.lateThreshold { lateStarts += 1 }
    }

    /// Adds another annotator's log to this one.
    public mutating func merge(_ other: LatencyLog) {
        claims += other.claims
        submits += other.submits
        cycles += other.cycles
        claimServices += other.claimServices
        submitServices += other.submitServices
        lateStarts += other.lateStarts
        acknowledged += other.acknowledged
        errors += other.errors
    }
}

/// Percentiles of a set of latencies (nanoseconds), nearest-rank.
public struct LatencySummary: Sendable {
    /// How many latencies.
    public let count: Int
    /// Median, 95th and 99th percentiles, maximum and mean, in nanoseconds (0 when there are none).
    public let p50: Double, p95: Double, p99: Double, max: Double, mean: Double

    /// Summarizes `values` (nanoseconds).
    /// - Complexity: O(n log n) (a sort).
    public init(_ values: [UInt64]) {
        let sorted = values.sorted()
        count = sorted.count
        func rank(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return Double(sorted[Swift.max(0, Swift.min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1))])
        }
        p50 = rank(0.50)
        p95 = rank(0.95)
        p99 = rank(0.99)
        max = Double(sorted.last ?? 0)
        mean = sorted.isEmpty ? 0 : sorted.reduce(0.0) { $0 + Double($1) } / Double(sorted.count)
    }

    /// "p50 1.2 p95 3.4 p99 5.6 max 7.8 mean 2.0" in milliseconds.
    public var millisecondsText: String {
        "p50 \(Self.ms(p50)) p95 \(Self.ms(p95)) p99 \(Self.ms(p99)) max \(Self.ms(max)) mean \(Self.ms(mean))"
    }

    /// Nanoseconds as milliseconds with one decimal.
    public static func ms(_ nanoseconds: Double) -> String {
        let tenths = Int((nanoseconds / 100_000).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// The lines a paced run prints: offered and achieved rate, the cycle's percentiles (the figure the
/// targets read), claim and submit, and the late starts.
/// - Parameters:
///   - offered: the schedule's rate (submissions a second).
///   - seconds: the run's length, for the achieved rate.
///   - log: every annotator's log, merged.
/// - Returns: the lines, each starting with "paced".
public func pacedReport(offered: Double, seconds: Double, log: LatencyLog) -> [String] {
    let achieved = Double(log.acknowledged) / seconds
    let cycle = LatencySummary(log.cycles)
    return [
        "paced: offered \(Int(offered.rounded()))/s, achieved \(Int(achieved.rounded()))/s "
            + "(\(log.acknowledged) submissions in \(LatencySummary.ms(seconds * 1e9)) ms), errors \(log.errors); "
            + "cycles started > 100 ms late: \(log.lateStarts) of \(cycle.count)",
        "paced cycle ms (claim + submit, from the scheduled start): \(cycle.millisecondsText)",
        "paced claim ms (from the scheduled start): \(LatencySummary(log.claims).millisecondsText); "
            + "submit ms: \(LatencySummary(log.submits).millisecondsText)",
    ]
}
