import Foundation
import MalmoiCore
@testable import MalmoiPostgres
import MalmoiStore
import Testing

/// The PostgreSQL queue floor (migration v7): a claim searches from a per-project position at or before every open
/// item, so it never reads the dead head of the queue index, and no open item is ever left behind the floor,
/// whatever opens it (an expiry, a release, a skip, a raised priority, an import) and whoever runs at the same time.
@Suite struct PostgresQueueFloorTests {
    /// Open items that sit before the floor (must be none).
    static func itemsBehindTheFloor(_ store: PostgresStore, _ project: Project) throws -> Int {
        try store.run { session in
            try session.row("""
                SELECT count(*) AS n FROM item i, malmoi_queue_floor($1) f
                WHERE i.project_id = $1 AND i.open_slots > 0 AND NOT i.is_gold AND (-i.priority, i.id) < (f.neg_priority, f.item_id)
                """, [project.id])?.get("n", Int.self) ?? -1
        }
    }

    static func advance(_ store: PostgresStore, _ project: Project) throws {
        _ = try store.run { session in try session.execute("SELECT malmoi_queue_advance($1)", [project.id]) }
    }

    /// The item a claim must serve `annotator` by a search of the whole queue, or nil where the claim would first
    /// resume, re-serve a lapsed claim or expire others' claims (cases this reference does not model).
    static func expectedHead(_ store: PostgresStore, _ project: Project, for annotator: String, now: Double) throws -> String?? {
        try store.run { session in
            let other: Int = try session.row("""
                SELECT (SELECT count(*) FROM assignment a JOIN item i ON i.id = a.item_id
                            WHERE i.project_id = $1 AND a.annotator_id = $2 AND a.state = 'claimed')
                     + (SELECT count(*) FROM lapsed_claim l JOIN item i ON i.id = l.item_id
                            WHERE i.project_id = $1 AND l.annotator_id = $2)
                     + (SELECT count(*) FROM assignment a WHERE a.state = 'claimed' AND a.expires_at <= $3) AS n
                """, [project.id, annotator, now])?.get("n") ?? 1
            guard other == 0 else { return nil }
            let head = try session.row("""
                SELECT i.key FROM item i WHERE i.project_id = $1 AND i.open_slots > 0 AND NOT i.is_gold
                AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = $2)
                ORDER BY i.priority DESC, i.id LIMIT 1
                """, [project.id, annotator])
            return .some(try head?.get("key", String.self))
        }
    }

    @Test func everyClaimIsTheHeadOfTheWholeQueueWhateverOpensItems() throws {
        let clock = TestClock()
        let store = try PostgresStore(try PostgresCluster.requireLocation(), clock: clock.function)
        let project = try store.createProject(labelProject(overlap: 2))
        try importItems(store, project, count: 40)
        var random = SplitMix64(seed: 20261204)
        let annotators = ["김하나", "이두리", "박세찬", "최네모", "정다섯", "한여섯"]
        var imported = 40, compared = 0, served = 0
        for step in 0..<500 {
            let choice = random.index(below: 100)
            let annotator = annotators[random.index(below: annotators.count)]
            switch choice {
            case 0..<60:
                let expected = try Self.expectedHead(store, project, for: annotator, now: clock.now)
                let claim = try store.claimNextItem(in: project, for: annotator)
                if let expected {
                    #expect(claim?.item.id == expected, "step \(step): \(annotator)")
                    compared += 1
                }
                guard let claim else { break }
                served += 1
                switch random.index(below: 10) {
                case 0: try store.skip(item: claim.item.id, in: project, for: annotator)
                case 1: break   // left claimed: released or expired later
                default: _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: annotator, payload: ["labels": ["긍정"]]))
                }
            case 60..<72: try Self.advance(store, project)
            case 72..<78: _ = try store.releaseClaims(in: project, annotator: annotator)
            case 78..<82: clock.advance(2_000)   // past the 30-minute claim timeout: the next claim expires the rest
            case 82..<94:
                let changes = (0..<5).map { _ in (item: "i\(1 + random.index(below: imported))", priority: Double(random.index(below: 11)) - 5) }
                _ = try store.setPriorities(changes, in: project)
            default:
                _ = try store.importItems(into: project, options: ImportOptions()) { consume in
                    for index in imported + 1...imported + 3 {
                        try consume(ImportRecord(item: Item(id: "i\(index)", text: "추가 문장 \(index)번: 포장이 꼼꼼해요.")))
                    }
                }
                imported += 3
            }
            #expect(try Self.itemsBehindTheFloor(store, project) == 0, "step \(step), choice \(choice)")
        }
        #expect(compared > 150 && served > 150, "compared \(compared), served \(served)")
    }

    /// Runs each body on a thread of its own (not the test runner's cooperative pool, which blocking store calls would
    /// starve for every other test) and waits for all; rethrows the first error.
    static func onThreads(_ bodies: [@Sendable () throws -> Void]) throws {
        let group = DispatchGroup()
        let failures = NSLock()
        nonisolated(unsafe) var failure: (any Error)?
        for body in bodies {
            group.enter()
            Thread.detachNewThread {
                do { try body() } catch { failures.withLock { if failure == nil { failure = error } } }
                group.leave()
            }
        }
        group.wait()
        if let failure { throw failure }
    }

    @Test func concurrentClaimsReleasesAndRaisesLeaveNoItemBehind() throws {
        let location = try PostgresCluster.requireLocation()
        let store = try PostgresStore(location, connections: 8)
        let project = try store.createProject(labelProject(overlap: 2))
        try importItems(store, project, count: 300)
        // Eight workers of three annotators each claim until the queue is empty for them, releasing one claim in
        // four; a ninth raises random items' priorities meanwhile. Floors advance in the claims themselves.
        var workers: [@Sendable () throws -> Void] = (0..<8).map { worker in
            {
                var random = SplitMix64(seed: 7, stream: UInt64(worker))
                let names = (0..<3).map { "작업자\(worker)-\($0)" }
                var finished = Set<String>()
                while finished.count < names.count {
                    let name = names[random.index(below: names.count)]
                    guard !finished.contains(name) else { continue }
                    guard let claim = try store.claimNextItem(in: project, for: name) else {
                        finished.insert(name)
                        continue
                    }
                    if random.index(below: 4) == 0 {
                        try store.releaseClaims(in: project, for: name)
                    } else {
                        _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: name, payload: ["labels": ["중립"]]))
                    }
                }
            }
        }
        workers.append {
            var random = SplitMix64(seed: 11)
            for _ in 0..<60 {
                let changes = (0..<10).map { _ in (item: "i\(1 + random.index(below: 300))", priority: Double(random.index(below: 100))) }
                _ = try store.setPriorities(changes, in: project)
            }
        }
        try Self.onThreads(workers)
        #expect(try Self.itemsBehindTheFloor(store, project) == 0)
        let short: Int = try store.run { session in
            try session.row("""
                SELECT count(*) AS n FROM item i WHERE i.project_id = $1
                AND (SELECT count(*) FROM assignment a WHERE a.item_id = i.id AND a.state = 'submitted') <> 2
                """, [project.id])?.get("n") ?? -1
        }
        #expect(short == 0, "items without exactly two answers")
    }

    @Test func theSearchSeeksToTheFloorAfterThousandsOfClaims() throws {
        let store = try PostgresStore(try PostgresCluster.requireLocation())
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 3_000)
        for index in 0..<2_000 {
            let name = "검수자\(index % 10)"
            guard let claim = try store.claimNextItem(in: project, for: name) else { Issue.record("ran out at \(index)"); return }
            _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: name, payload: ["labels": ["부정"]]))
        }
        try Self.advance(store, project)
        let plan: [String] = try store.run { session in
            guard let floor = try session.row("SELECT neg_priority, item_id FROM malmoi_queue_floor($1)", [project.id]) else { return [] }
            let negPriority: Double = try floor.get("neg_priority"), item: Int64 = try floor.get("item_id")
            #expect(try session.row("SELECT key FROM item WHERE id = $1", [item])?.get("key", String.self) == "i2001")
            return try session.rows("""
                EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF)
                SELECT i.id FROM item i WHERE i.project_id = \(project.id) AND i.open_slots > 0 AND NOT i.is_gold
                AND (-i.priority, i.id) >= (\(negPriority)::float8, \(item)::bigint)
                ORDER BY -i.priority, i.id LIMIT 1 FOR UPDATE SKIP LOCKED
                """).map { try $0.get("QUERY PLAN", String.self) }
        }
        let text = plan.joined(separator: "\n")
        #expect(text.contains("item_queue_position") && text.contains("Index Cond"), "\(text)")
        let buffers = plan.compactMap { line -> Int? in
            guard let range = line.range(of: "shared hit=") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect((buffers.first ?? 99) <= 8, "\(text)")
    }
}
