import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiServer
import MalmoiStore
import Testing

/// The bad-token throttle counts an attempt before its token is checked, so parallel bad tokens from one address are
/// slowed down and refused like sequential ones; addresses are keyed by IPv4 address and IPv6 /64.
@Suite struct ParallelThrottleTests {
    /// The store of a test: SQLite or a fresh database on the throw-away PostgreSQL cluster.
    enum Kind: String, CaseIterable, Sendable {
        case sqlite, postgres

        func make() throws -> any AnnotationStore & PeopleStore {
            switch self {
            case .sqlite: try SQLiteStore(path: TestStore.makePath())
            case .postgres: try PostgresStore(try PostgresCluster.requireLocation(), connections: 8)
            }
        }
    }

    /// Two free failures, then waits of 0.01, 0.02 and 0.04 s; a wait past 0.04 s is refused.
    static func quick(inFlight: Int) -> SignInThrottle {
        SignInThrottle(freeFailures: 2, firstDelay: 0.01, maximumDelay: 0.04, window: 600, inFlightAllowance: inFlight)
    }

    /// The statuses of `count` requests sent at once, sorted.
    static func burst(_ harness: ServerHarness, _ count: Int, token: String, headers: [String: String] = [:]) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<count {
                group.addTask { try await harness.call("GET", "/api/v1/me", token: token, headers: headers).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }.sorted()
        }
    }

    @Test(arguments: Kind.allCases)
    func badTokensSentAtOnceAreRefusedLikeOnesSentOneByOne(kind: Kind) async throws {
        let store = try kind.make()
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store, throttle: Self.quick(inFlight: 0))
        // Twelve at once: only the two free ones and the three slowed-down ones are checked; the rest are refused
        // (counted before the verdict, they do not all see the empty count).
        let statuses = try await Self.burst(harness, 12, token: "0123456789abcdef.bad")
        #expect(statuses == Array(repeating: 401, count: 5) + Array(repeating: 429, count: 7), "\(statuses)")
        #expect(try await harness.call("GET", "/api/v1/me", token: kim).status == 429)
        await harness.stopAndWait()
    }

    @Test(arguments: Kind.allCases)
    func goodTokensSentAtOnceGiveTheirAttemptsBack(kind: Kind) async throws {
        let store = try kind.make()
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store, throttle: Self.quick(inFlight: 16))
        #expect(try await Self.burst(harness, 16, token: kim) == Array(repeating: 200, count: 16))
        // Nothing of the good burst is left counted: the two free failures are still free, then the waits, then 429.
        var statuses: [Int] = []
        for _ in 0..<6 { statuses.append(try await harness.call("GET", "/api/v1/me", token: "0123456789abcdef.bad").status) }
        #expect(statuses == [401, 401, 401, 401, 401, 429], "\(statuses)")
        // With an allowance of 16 in flight, a burst of bad tokens gets at most 16 more checks than one by one.
        let other = try await ServerHarness(store: store, people: store, throttle: Self.quick(inFlight: 4))
        let burst = try await Self.burst(other, 20, token: "0123456789abcdef.bad")
        #expect(burst.filter { $0 == 401 }.count <= 5 + 4 && burst.filter { $0 == 429 }.count >= 20 - 9, "\(burst)")
        await harness.stopAndWait()
        await other.stopAndWait()
    }

    @Test func addressesAreKeyedByIPv4AddressAndIPv6Network() {
        #expect(SignInThrottle.key(for: "198.51.100.7") == "198.51.100.7")
        #expect(SignInThrottle.key(for: "::ffff:198.51.100.7") == "198.51.100.7")
        #expect(SignInThrottle.key(for: "[::ffff:c633:6407]") == "198.51.100.7")
        #expect(SignInThrottle.key(for: "2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(SignInThrottle.key(for: "2001:0db8:0001:0002:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64")
        #expect(SignInThrottle.key(for: "fe80::1%eth0") == "fe80:0:0:0::/64")
        #expect(SignInThrottle.key(for: "2001:db8:1:3::1") != SignInThrottle.key(for: "2001:db8:1:2::1"))
        #expect(SignInThrottle.key(for: "198.51.100.8") != SignInThrottle.key(for: "198.51.100.7"))
        #expect(SignInThrottle.key(for: "unknown") == "unknown")
    }

    @Test(arguments: Kind.allCases)
    func oneIPv6NetworkSharesItsPenaltyAndAMappedAddressIsItsIPv4(kind: Kind) async throws {
        let store = try kind.make()
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store, trustedProxies: ["127.0.0.1"], throttle: Self.quick(inFlight: 0))
        // Six bad tokens, each from another address of one /64.
        for index in 1...6 {
            _ = try await harness.call("GET", "/api/v1/me", token: "0123456789abcdef.bad",
                                       headers: ["X-Forwarded-For": "2001:db8:1:2::\(String(index, radix: 16))"])
        }
        #expect(try await harness.call("GET", "/api/v1/me", token: kim, headers: ["X-Forwarded-For": "2001:db8:1:2:ffff::9"]).status == 429)
        #expect(try await harness.call("GET", "/api/v1/me", token: kim, headers: ["X-Forwarded-For": "2001:db8:1:3::9"]).status == 200)
        // The same for an IPv4 client seen once as IPv4 and once IPv4-mapped.
        let statuses = try await Self.burst(harness, 6, token: "0123456789abcdef.bad", headers: ["X-Forwarded-For": "::ffff:198.51.100.7"])
        #expect(statuses.contains(429), "\(statuses)")
        #expect(try await harness.call("GET", "/api/v1/me", token: kim, headers: ["X-Forwarded-For": "198.51.100.7"]).status == 429)
        await harness.stopAndWait()
    }
}
