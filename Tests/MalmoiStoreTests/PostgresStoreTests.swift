import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore
import Testing

/// What only the PostgreSQL store promises, and moving whole stores between the two kinds.
@Suite struct PostgresStoreTests {
    @Test func anUnreachableServerIsNamedWithItsMessage() throws {
        let port = try PostgresCluster.freePort()
        let location = PostgresLocation(host: "127.0.0.1", port: port, user: "malmoi", database: "labels")
        #expect {
            try PostgresStore(location)
        } throws: { error in
            let text = "\(error)"
            return (error as? StoreError)?.code == .database && text.contains("127.0.0.1:\(port)") && text.contains("refused")
        }
    }

    @Test func urlsAreParsed() throws {
        let location = try PostgresLocation(url: "postgresql://kim:p%40ss@db.example:6543/라벨?sslmode=disable")
        #expect(location == PostgresLocation(host: "db.example", port: 6543, user: "kim", password: "p@ss", database: "라벨", sslMode: "disable"))
        #expect(try PostgresLocation(url: "postgres://kim@[::1]/labels").host == "::1")
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgresql://kim@host:99999/db") }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgresql://kim@host/db?sslmode=sometimes") }
        #expect(try StoreLocation(parsing: "work/malmoi.sqlite") == .sqlite(path: "work/malmoi.sqlite"))
    }

    @Test func migrationsAreVersionedAndTheLedgerIsAppendOnlyInTheDatabase() throws {
        let location = try PostgresCluster.requireLocation()
        let store = try PostgresStore(location)
        #expect(try store.appliedMigrations() == ["v1-workflow", "v2-people"])
        #expect(try PostgresStore(location).appliedMigrations() == ["v1-workflow", "v2-people"])
        let project = try store.createProject(labelProject())
        try importItems(store, project, count: 1)
        _ = try store.claimNextItem(in: project, for: "kim")
        let annotation = try store.submit(Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]]))
        _ = try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "park", verdict: .accepted))
        for statement in ["UPDATE ledger SET points = 1000", "DELETE FROM ledger", "TRUNCATE ledger CASCADE"] {
            #expect(throws: PostgresCluster.ClusterUnavailable.self, "\(statement)") { try psql(location, statement) }
        }
        #expect(try store.ledger(in: project, annotator: nil).map(\.points) == [10])
    }

    @Test func aWholeStoreMovesToPostgreSQLAndBackWithNothingChanged() throws {
        let sqlite = try SQLiteStore(path: try V1Fixture.copy())
        let postgres = try PostgresStore(try PostgresCluster.requireLocation())
        let there = try StoreCopy(from: sqlite, to: postgres).run()
        #expect(there.projects == 2 && there.items == 42)
        let back = try SQLiteStore(path: temporaryPath("back.sqlite"))
        _ = try StoreCopy(from: postgres, to: back).run()
        for name in ["reviews", "gold-check"] {
            let original = try storeDump(sqlite, project: name)
            #expect(try storeDump(postgres, project: name) == original)
            #expect(try storeDump(back, project: name) == original)
            #expect(try postgres.project(named: name).jsonValue == sqlite.project(named: name).jsonValue)
            let before = try sqlite.statistics(for: sqlite.project(named: name))
            let after = try postgres.statistics(for: postgres.project(named: name))
            #expect(after.annotators.map(\.points) == before.annotators.map(\.points))
            #expect(after.accepted == before.accepted && after.completeItems == before.completeItems)
        }
        #expect(try postgres.annotator("kim")?.qualifications == ["native"])
        #expect(throws: StoreError.self) { try StoreCopy(from: sqlite, to: postgres).run() }
    }
}

/// Runs one statement through psql, throwing when it fails.
func psql(_ location: PostgresLocation, _ statement: String) throws {
    guard case .success(let cluster) = PostgresCluster.shared else { return }
    try PostgresCluster.run("\(cluster.binaries)/psql", ["-h", location.host, "-p", "\(location.port)", "-U", location.user,
                                                        "-d", location.database, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement])
}
