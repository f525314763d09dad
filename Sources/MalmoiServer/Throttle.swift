import Foundation
import MalmoiCore
import MalmoiStore
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Slows down repeated failed sign-ins from one address: after ``freeFailures`` failures in ``window`` seconds each
/// further attempt from it waits twice as long as the one before, starting at ``firstDelay``; once the wait would
/// exceed ``maximumDelay`` the address is answered 429 (with Retry-After) until its window ends.
///
/// Each attempt counts as a failure before its token is checked (``reserve(_:now:)``) and is given back only when the
/// sign-in succeeds (``finish(_:succeeded:)``), so that many bad tokens sent at once from one address are slowed down
/// and refused one after another rather than all passing while the count is still low. Up to ``inFlightAllowance``
/// attempts still being checked are not held against the next one (so that a busy office behind one address, or a
/// client with many connections, is not slowed down by its own good sign-ins); a burst of bad tokens therefore gets at
/// most that many more checks in a window than one sent one by one. A good sign-in gives back only its own attempt
/// and resets nothing (it would let anyone sharing the address wipe an attacker's penalty). Addresses are keyed by
/// ``key(for:)``: an IPv4 address as itself, an IPv6 address by its /64 network (one subscriber's allocation, which
/// its owner can otherwise walk through), an IPv4-mapped IPv6 address as the IPv4 address. The table holds at most
/// ``capacity`` keys: expired windows go first, then the least recently failed.
///
/// ```swift
/// switch throttle.reserve(address) {
/// case .refuse(let seconds): …                        // 429, Retry-After: seconds
/// case .proceed(let wait, let reservation): …         // sleep `wait`, check the token, then:
///     throttle.finish(reservation, succeeded: tokenIsGood)
/// }
/// ```
public final class SignInThrottle: Sendable {
    /// Failures allowed in a window before attempts are slowed down.
    public let freeFailures: Int
    /// The wait after the first failure past ``freeFailures``, in seconds.
    public let firstDelay: Double
    /// The longest wait; beyond it the address is answered 429.
    public let maximumDelay: Double
    /// The window in seconds over which failures are counted.
    public let window: Double
    /// The most keys remembered.
    public let capacity: Int
    /// Attempts of one address still being checked that the next attempt does not count against it.
    public let inFlightAllowance: Int
    private let failures = Mutex<[String: Entry]>([:])

    /// One key's failures in its current window.
    private struct Entry {
        /// Failures, including attempts still being checked.
        var count: Int
        /// Attempts still being checked (reserved, not finished).
        var pending: Int
        var since: Double
        var last: Double
    }

    /// What the next attempt from an address gets.
    public enum Verdict: Equatable, Sendable {
        /// Go ahead after waiting this many seconds (0: at once).
        case wait(Double)
        /// Refuse with 429; the address may try again after this many seconds.
        case refuse(retryAfter: Int)
    }

    /// An attempt counted as a failure in advance, to give back when its sign-in succeeds.
    public struct Reservation: Sendable, Equatable {
        /// The throttle's key of the address.
        public let key: String
        /// The start of the window it was counted in.
        public let since: Double
    }

    /// What ``reserve(_:now:)`` answers.
    public enum Admission: Equatable, Sendable {
        /// Go ahead after waiting this many seconds (0: at once); the attempt is counted until released.
        case proceed(wait: Double, Reservation)
        /// Refuse with 429 (nothing counted); the address may try again after this many seconds.
        case refuse(retryAfter: Int)
    }

    /// Creates a throttle (the defaults are the server's: 5 free failures in 10 minutes, 0.05 s doubling up to 8 s, and
    /// 64 attempts in flight, as many as a client's connection pool usually holds).
    public init(freeFailures: Int = 5, firstDelay: Double = 0.05, maximumDelay: Double = 8, window: Double = 600, capacity: Int = 100_000,
                inFlightAllowance: Int = 64) {
        self.inFlightAllowance = max(0, inFlightAllowance)
        self.freeFailures = freeFailures
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.window = window
        self.capacity = max(1, capacity)
    }

    /// The key an address is counted under: an IPv4 address as written, an IPv6 address as its /64 network
    /// (`2001:db8:1:2::/64`), an IPv4-mapped IPv6 address as its IPv4 address; anything else as given.
    public static func key(for address: String) -> String {
        var text = address.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") { text = String(text[text.index(after: text.startIndex)..<end]) }
        if let zone = text.firstIndex(of: "%") { text = String(text[..<zone]) }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return text }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return address }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
        return groups.joined(separator: ":") + "::/64"
    }

    /// What the next attempt from `address` would get, counting nothing.
    public func verdict(for address: String, now: Double = Timestamp.now()) -> Verdict {
        let key = Self.key(for: address)
        return failures.withLock { table in verdict(table[key], now: now) }
    }

    /// Counts an attempt from `address` as a failure before its token is checked, and says whether it may go ahead
    /// (after how long a wait) judged by the failures counted before it; a refused attempt is not counted.
    public func reserve(_ address: String, now: Double = Timestamp.now()) -> Admission {
        let key = Self.key(for: address)
        return failures.withLock { table in
            let before = verdict(table[key], now: now)
            guard case .wait(let wait) = before else {
                if case .refuse(let seconds) = before { return .refuse(retryAfter: seconds) }
                return .refuse(retryAfter: 1)
            }
            let entry = count(in: &table, key: key, now: now, pending: true)
            return .proceed(wait: wait, Reservation(key: key, since: entry.since))
        }
    }

    /// Ends a reserved attempt: a failed one stays counted, a successful one is given back (nothing changes when
    /// its window has ended meanwhile).
    public func finish(_ reservation: Reservation, succeeded: Bool) {
        failures.withLock { table in
            guard var entry = table[reservation.key], entry.since == reservation.since, entry.pending > 0 else { return }
            entry.pending -= 1
            if succeeded { entry.count -= 1 }
            table[reservation.key] = entry
        }
    }

    /// Counts a failed sign-in from `address` (an attempt not reserved beforehand).
    public func fail(_ address: String, now: Double = Timestamp.now()) {
        let key = Self.key(for: address)
        failures.withLock { table in _ = count(in: &table, key: key, now: now, pending: false) }
    }

    /// Keys remembered now.
    public var count: Int { failures.withLock { $0.count } }

    /// The verdict of the failures counted, less the attempts in flight up to ``inFlightAllowance``.
    private func verdict(_ entry: Entry?, now: Double) -> Verdict {
        guard let entry, now - entry.since < window else { return .wait(0) }
        let failures = entry.count - min(entry.pending, inFlightAllowance)
        guard failures >= freeFailures else { return .wait(0) }
        let delay = firstDelay * pow(2, Double(failures - freeFailures))
        guard delay <= maximumDelay else { return .refuse(retryAfter: max(1, Int((entry.since + window - now).rounded(.up)))) }
        return .wait(delay)
    }

    /// Adds one failure to `key`'s window (a new window when it has none or it has ended), `pending` when the
    /// attempt is still to be checked, and answers the entry.
    private func count(in table: inout [String: Entry], key: String, now: Double, pending: Bool) -> Entry {
        if var entry = table[key], now - entry.since < window {
            entry.count += 1
            if pending { entry.pending += 1 }
            entry.last = now
            table[key] = entry
            return entry
        }
        if table[key] == nil, table.count >= capacity { prune(&table, now: now) }
        let entry = Entry(count: 1, pending: pending ? 1 : 0, since: now, last: now)
        table[key] = entry
        return entry
    }

    /// Frees room: drops expired windows, then the least recently failed quarter if that was not enough.
    private func prune(_ table: inout [String: Entry], now: Double) {
        table = table.filter { now - $0.value.since < window }
        guard table.count >= capacity else { return }
        let keep = table.sorted { $0.value.last > $1.value.last }.prefix(capacity * 3 / 4)
        table = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
    }
}
