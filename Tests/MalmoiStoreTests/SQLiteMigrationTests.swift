import Foundation
import GRDB
import MalmoiCore
@testable import MalmoiStore
import Testing

/// The store file written by the first released schema (v1), made with that release's `malmoi`: the
/// demo's `reviews` project (20 items, 3 annotators, reviews, points, a rejected credit) and a
/// `gold-check` project (gold items at rate 0.25, a required qualification, an edit, a skip, and an
/// open claim of `choi` left by a killed session). Beside it, that release's JSONL exports (`--all`)
/// and `stats --format json`.
enum V1Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A writable copy of the v1 store file.
    static func copy() throws -> String {
        let path = temporaryPath("v1.sqlite")
        try FileManager.default.copyItem(atPath: directory.appendingPathComponent("v1-store.sqlite").path, toPath: path)
        return path
    }

    /// The export the v1 release wrote for a project.
    static func export(_ project: String) throws -> String {
        try String(contentsOfFile: directory.appendingPathComponent("v1-\(project).jsonl").path, encoding: .utf8)
    }
}

/// One annotation as the dumps compare it.
struct DumpAnnotation {
    var annotator: String
    var payload: JSONValue
    var at: String
    var seconds: Double
    var reviews: [JSONValue]

    var json: JSONValue {
        .object(JSONObject([("annotator", .string(annotator)), ("payload", payload), ("at", .string(at)),
                            ("seconds", .number(seconds)), ("reviews", .array(reviews))]))
    }
}

/// A review as the dumps compare it: reviewer, verdict, reasons, comment, time, points.
func dumpReview(_ reviewer: String, _ verdict: String, _ reasons: [String], _ comment: String?, _ at: String, _ points: Int) -> JSONValue {
    let reasonValues: [JSONValue] = reasons.map { .string($0) }
    let commentValue: JSONValue = comment.map { .string($0) } ?? .null
    return .array([.string(reviewer), .string(verdict), .array(reasonValues), commentValue, .string(at), .number(Double(points))])
}

/// Everything a project's export carries, one JSON line per item (every item, every current annotation
/// with its reviews and their points), read through ``AnnotationStore/forEachExportItem(in:includeAll:_:)``.
func storeDump(_ store: any AnnotationStore, project name: String) throws -> String {
    let project = try store.project(named: name)
    var lines: [String] = []
    try store.forEachExportItem(in: project, includeAll: true) { exported in
        var annotations: [DumpAnnotation] = []
        for annotation in exported.annotations {
            let reviews = annotation.reviews.map { entry in
                dumpReview(entry.review.reviewer, entry.review.verdict.rawValue, entry.review.reasons, entry.review.comment,
                           entry.review.at, entry.points)
            }
            annotations.append(DumpAnnotation(annotator: annotation.annotation.annotator, payload: annotation.annotation.payload,
                                              at: annotation.annotation.submittedAt, seconds: annotation.annotation.seconds,
                                              reviews: reviews))
        }
        lines.append(dumpLine(id: exported.item.id, text: exported.item.text, source: exported.item.source,
                              fields: exported.item.fields, gold: exported.gold, annotations: annotations))
    }
    return lines.joined(separator: "\n")
}

/// The same lines from a JSONL export written by `malmoi export --all`.
func exportDump(_ jsonl: String) throws -> String {
    var lines: [String] = []
    for line in jsonl.split(separator: "\n") {
        let record = try JSONValue.parse(String(line))
        guard record["record"]?.stringValue == "item" else { continue }
        var annotations: [DumpAnnotation] = []
        for annotation in record["annotations"]?.arrayValue ?? [] {
            var reviews: [JSONValue] = []
            for review in annotation["reviews"]?.arrayValue ?? [] {
                let reasons = (review["reasons"]?.arrayValue ?? []).compactMap(\.stringValue)
                reviews.append(dumpReview(review["reviewer"]?.stringValue ?? "", review["verdict"]?.stringValue ?? "", reasons,
                                          review["comment"]?.stringValue, review["at"]?.stringValue ?? "", review["points"]?.intValue ?? 0))
            }
            annotations.append(DumpAnnotation(annotator: annotation["annotator"]?.stringValue ?? "", payload: annotation["payload"] ?? .null,
                                              at: annotation["submitted_at"]?.stringValue ?? "",
                                              seconds: annotation["seconds"]?.doubleValue ?? -1, reviews: reviews))
        }
        lines.append(dumpLine(id: record["id"]?.stringValue ?? "", text: record["text"]?.stringValue ?? "",
                              source: record["source"]?.stringValue, fields: record["fields"]?.objectValue ?? JSONObject(),
                              gold: record["gold"], annotations: annotations))
    }
    return lines.joined(separator: "\n")
}

private func dumpLine(id: String, text: String, source: String?, fields: JSONObject, gold: JSONValue?,
                      annotations: [DumpAnnotation]) -> String {
    let sourceValue: JSONValue = source.map { .string($0) } ?? .null
    let pairs: [(String, JSONValue)] = [
        ("id", .string(id)), ("text", .string(text)), ("source", sourceValue), ("fields", .object(fields)),
        ("gold", gold ?? .null), ("annotations", .array(annotations.map(\.json))),
    ]
    return JSONValue.object(JSONObject(pairs)).serialized()
}

/// The SQLite schema's migration and the shape of its claim queries.
@Suite struct SQLiteMigrationTests {
    @Test func aStoreWrittenByVersion1IsMigratedWithNothingLost() throws {
        let path = try V1Fixture.copy()
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations() == ["v1-workflow", "v2-open-slots", "v3-draft-outcome", "v4-people", "v5-claims-and-retries",
                                                   "v6-gold-draw"])
        for name in ["reviews", "gold-check"] {
            let dump = try storeDump(store, project: name)
            #expect(dump == (try exportDump(V1Fixture.export(name))), "\(name) after migration")
            #expect(dump.split(separator: "\n").count == (name == "reviews" ? 20 : 22))
        }
        let reviews = try store.project(named: "reviews")
        let statistics = try store.statistics(for: reviews)
        #expect(statistics.items == 20 && statistics.completeItems == 20 && statistics.accepted == 38 && statistics.rejected == 2)
        #expect(try store.ledger(in: reviews, annotator: nil).reduce(0) { $0 + $1.points } == 380)
        #expect(try store.claimTimeout(of: reviews) == 1800)
        // The migrated bookkeeping: open slots kept, the gold items numbered in order, and each claim an item its
        // annotator never had, gold at random (rate 0.25) with its flag.
        let gold = try store.project(named: "gold-check")
        let queue = try DatabaseQueue(path: path)
        let slots = try queue.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT key, open_slots FROM item WHERE project_id = ? AND is_gold = 0
                """, arguments: [gold.id]).map { ($0["key"] as String, $0["open_slots"] as Int) })
        }
        #expect(slots["rev-001"] == 0 && slots["rev-002"] == 0 && slots["rev-003"] == 1 && slots["rev-005"] == 2)
        #expect(slots["rev-010"] == 1, "choi's open claim holds one of rev-010's two slots")
        #expect(try store.statistics(for: gold).claimsHeld.isEmpty, "choi's claim of 2025 has long expired")
        let ordinals = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT key, gold_ordinal FROM item WHERE project_id = ? AND is_gold = 1 ORDER BY id",
                             arguments: [gold.id]).map { "\($0["key"] as String)=\($0["gold_ordinal"] as Int)" }
        }
        #expect(ordinals == ["gold-001=1", "gold-002=2"])
        func had(_ annotator: String) throws -> Set<String> {
            try queue.read { db in
                Set(try String.fetchAll(db, sql: """
                    SELECT i.key FROM assignment a JOIN item i ON i.id = a.item_id WHERE i.project_id = ? AND a.annotator_id = ?
                    """, arguments: [gold.id, annotator]))
            }
        }
        let leeHad = try had("lee")
        let lee = try #require(try store.claimNextItem(in: gold, for: "lee"))
        #expect(!leeHad.contains(lee.item.id) && lee.isGold == lee.item.id.hasPrefix("gold-"))
        #expect(try store.statistics(for: gold).claimsHeld == ["lee": 1])
        let kimHad = try had("kim")
        #expect(kimHad.isSuperset(of: ["rev-001", "rev-002", "rev-003", "rev-004", "gold-001"]))
        var kimItems: [String] = []
        for _ in 0..<3 {
            let claim = try #require(try store.claimNextItem(in: gold, for: "kim"))
            #expect(claim.isGold == claim.item.id.hasPrefix("gold-"))
            kimItems.append(claim.item.id)
            _ = try store.submit(Submission(project: gold, item: claim.item.id, annotator: "kim", payload: ["labels": ["긍정"]]))
        }
        #expect(Set(kimItems).count == 3 && kimHad.isDisjoint(with: kimItems))
        let ordinary = kimItems.filter { !$0.hasPrefix("gold-") }
        #expect(ordinary == Array(["rev-005", "rev-006", "rev-007"].prefix(ordinary.count)), "ordinary items still come in queue order")
    }

    @Test func claimQueriesAreIndexSeeksWithoutSorting() throws {
        let store = try SQLiteStore(path: temporaryPath("plan.sqlite"))
        let project = try store.createProject(labelProject(overlap: 2, goldRate: 0.1))
        try importItems(store, project, count: 50, gold: ["i7": ["labels": ["긍정"]]])
        let plans: [(String, StatementArguments)] = [
            (SQLiteStore.nextOpenItemSQL, [project.id, "kim"]),
            (SQLiteStore.nextGoldItemSQL, [project.id, 0, "kim"]),
            ("SELECT item_id, annotator_id FROM assignment INDEXED BY assignment_claims_by_expiry WHERE state = 'claimed' AND expires_at <= ?", [0]),
        ]
        let queue = try DatabaseQueue(path: store.path)
        for (sql, arguments) in plans {
            let plan = try queue.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.contains("USING") }, "\(plan)")
            #expect(plan.contains { $0.contains("USING INDEX") || $0.contains("USING COVERING INDEX") || $0.contains("PRIMARY KEY") }, "\(plan)")
        }
    }

    @Test func aStoredValueThatDoesNotParseNamesItsRow() throws {
        let store = try SQLiteStore(path: temporaryPath("corrupt.sqlite"))
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 2)
        _ = try store.claimNextItem(in: project, for: "kim")
        let annotation = try store.submit(Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]]))
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { try $0.execute(sql: "UPDATE annotation SET payload = '{\"labels\": [' WHERE id = ?", arguments: [annotation.id]) }
        let message = "the store is damaged: annotation row \(annotation.id), column payload, holds JSON that does not parse"
        #expect { try store.currentAnnotations(of: "i1", in: project) } throws: { ($0 as? StoreError)?.message == message }
        #expect { try storeDump(store, project: "reviews") } throws: { ($0 as? StoreError)?.message == message }
        try queue.write { try $0.execute(sql: "UPDATE item SET fields = 'nul' WHERE key = 'i2'") }
        #expect { try store.item("i2", in: project) } throws: { ($0 as? StoreError)?.message.contains("item row") == true }
    }

    @Test func aMistypedPathForAReadOnlyCommandIsAnError() throws {
        let path = temporaryPath("absent.sqlite")
        #expect { try SQLiteStore(existingAt: path) } throws: { ($0 as? StoreError)?.code == .notFound }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func annotatorsInOtherProcessesWaitForALongImportInsteadOfFailing() throws {
        let path = temporaryPath("busy.sqlite")
        let store = try SQLiteStore(path: path)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 3)
        // Another connection (as another process would) holds the write lock for 2 s, longer than any
        // fixed short timeout; the claim waits for it and succeeds.
        let other = try DatabaseQueue(path: path)
        let locked = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                Thread.sleep(forTimeInterval: 2)
                try db.execute(sql: "COMMIT")
            }
        }
        holder.start()
        locked.wait()
        let started = Date()
        let claim = try store.claimNextItem(in: project, for: "kim")
        #expect(claim?.item.id == "i1")
        #expect(Date().timeIntervalSince(started) > 1.5)
    }
}
