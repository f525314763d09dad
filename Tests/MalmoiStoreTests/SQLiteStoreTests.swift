import GRDB
import MalmoiCore
import MalmoiStore
import Testing

/// What only the SQLite implementation promises: its file format and pragmas.
@Suite struct SQLiteStoreTests {
    @Test func storeUsesWALForeignKeysAndVersionedMigrations() throws {
        let path = temporaryPath("wal.sqlite")
        let store = try SQLiteStore(path: path)
        #expect(try store.journalMode() == "wal")
        #expect(try store.foreignKeysEnabled())
        #expect(try store.appliedMigrations() == ["v1-workflow", "v2-open-slots", "v3-draft-outcome", "v4-people", "v5-claims-and-retries",
                                                  "v6-gold-draw"])
        // Reopening applies nothing twice.
        #expect(try SQLiteStore(path: path).appliedMigrations() == ["v1-workflow", "v2-open-slots", "v3-draft-outcome", "v4-people", "v5-claims-and-retries",
                                                  "v6-gold-draw"])
    }

    @Test func ledgerRowsCannotBeEditedOrDeleted() throws {
        let path = temporaryPath("ledger.sqlite")
        let store = try SQLiteStore(path: path)
        let project = try store.createProject(labelProject())
        try importItems(store, project, count: 1)
        _ = try store.claimNextItem(in: project, for: "kim")
        let annotation = try store.submit(Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]]))
        _ = try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "park", verdict: .accepted))
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE ledger SET points = 1000") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM ledger") } }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT sum(points) FROM ledger") } == 10)
    }

    @Test func foreignKeysRejectOrphanAnnotations() throws {
        let path = temporaryPath("fk.sqlite")
        _ = try SQLiteStore(path: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        #expect(throws: DatabaseError.self) {
            try queue.write {
                try $0.execute(sql: "INSERT INTO annotation (item_id, annotator_id, payload, submitted_at, seconds) VALUES (999, 'x', '{}', '', 0)")
            }
        }
    }
}
