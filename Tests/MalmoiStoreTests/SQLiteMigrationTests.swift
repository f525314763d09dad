import Foundation
import GRDB
import MalmoiCore
import MalmoiExport
@testable import MalmoiStore
import Testing

/// The store file written by the first released schema (v1), made with that release's `malmoi`: the
/// demo's `reviews` project (20 items, 3 annotators, reviews, points, a rejected credit) and a
/// `gold-check` project (gold items at rate 0.25, a required qualification, an edit, a skip, and an
/// open claim of `choi` left by a killed session). Beside it, that release's JSONL exports (`--all`).
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

/// Exports a project as JSONL (every item, every current annotation) and returns the text.
func exportJSONL(_ store: any AnnotationStore, project name: String) throws -> String {
    let project = try store.project(named: name)
    let path = temporaryPath("export.jsonl")
    let writer = try ByteWriter(creatingFileAt: path)
    try CorpusExporter(store: store, project: project, module: try LabelTask(configuration: project.taskConfig), includeAll: true)
        .writeJSONL(to: writer)
    try writer.flush()
    return try String(contentsOfFile: path, encoding: .utf8)
}

/// The SQLite schema's migration and the shape of its claim queries.
@Suite struct SQLiteMigrationTests {
    @Test func aStoreWrittenByVersion1IsMigratedWithNothingLost() throws {
        let path = try V1Fixture.copy()
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations() == ["v1-workflow", "v2-open-slots"])
        for name in ["reviews", "gold-check"] {
            #expect(try exportJSONL(store, project: name) == V1Fixture.export(name), "export of \(name) after migration")
        }
        let reviews = try store.project(named: "reviews")
        let statistics = try store.statistics(for: reviews)
        #expect(statistics.items == 20 && statistics.completeItems == 20 && statistics.accepted == 38 && statistics.rejected == 2)
        #expect(try store.ledger(in: reviews, annotator: nil).reduce(0) { $0 + $1.points } == 380)
        #expect(try store.claimTimeout(of: reviews) == 1800)
        // The migrated bookkeeping: at gold rate 0.25 every 4th claim is gold. kim did rev-001…004 and
        // gold-001, so her 8th is gold-002; lee did 3 (and skipped rev-003), so his 4th is gold-001.
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
        let lee = try #require(try store.claimNextItem(in: gold, for: "lee"))
        #expect(lee.item.id == "gold-001" && lee.isGold)
        #expect(try store.statistics(for: gold).claimsHeld == ["lee": 1])
        var kimItems: [String] = []
        for _ in 0..<3 {
            let claim = try #require(try store.claimNextItem(in: gold, for: "kim"))
            kimItems.append(claim.item.id + (claim.isGold ? "*" : ""))
            _ = try store.submit(Submission(project: gold, item: claim.item.id, annotator: "kim", payload: ["labels": ["긍정"]]))
        }
        #expect(kimItems == ["rev-005", "rev-006", "gold-002*"])
        #expect(try store.claimNextItem(in: gold, for: "kim")?.item.id == "rev-007")
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
        #expect { try exportJSONL(store, project: "reviews") } throws: { ($0 as? StoreError)?.message == message }
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
