import Foundation
import MalmoiCore
import MalmoiStore
import PostgresNIO

/// The PostgreSQL implementation of ``AnnotationStore``, for teams on many machines.
///
/// ```swift
/// let store = try PostgresStore(try PostgresLocation(url: "postgresql://malmoi@127.0.0.1:5432/labels"))
/// let project = try store.project(named: "reviews")
/// ```
/// Every method is one transaction on a connection of a small pool (postgres-nio on its own event loop
/// thread; callers block on results, so call it from ordinary threads, never from an event loop).
/// Claims lock the chosen item row with `FOR UPDATE SKIP LOCKED`, so concurrent annotators take
/// different items without queueing behind each other; reviews lock their annotation row, so a verdict
/// and its ledger entries happen once. The ledger is append-only by trigger. Imports insert many rows
/// per statement; exports read through server-side cursors in fixed-size batches.
public final class PostgresStore: AnnotationStore, @unchecked Sendable {
    /// Where the store lives.
    public let location: PostgresLocation
    let pool: PostgresConnectionPool
    let clock: @Sendable () -> Double

    /// Connects, and creates or migrates the schema when needed.
    /// - Parameters:
    ///   - connections: the most connections open at once (threads beyond that wait for one).
    ///   - clock: the time source in seconds since 1970; tests pass a fixed clock.
    /// - Throws: ``StoreError`` `.database` naming host, port and the server's message when it cannot connect.
    public init(_ location: PostgresLocation, connections: Int = 4, clock: @escaping @Sendable () -> Double = Timestamp.now) throws {
        self.location = location
        self.clock = clock
        pool = try PostgresConnectionPool(location, connections: connections)
        do {
            try migrate()
        } catch {
            pool.shutdown()
            throw error
        }
    }

    deinit { pool.shutdown() }

    /// How many connections the store holds open now (it opens them as concurrent calls need them,
    /// up to the `connections` it was created with).
    public var openConnections: Int { pool.openCount }

    /// Seconds that the calling thread's most recent call on any `PostgresStore` waited for a free
    /// connection of the pool before its statement was sent (0 when one was idle); the rest of the
    /// call's time is the service time. Kept per thread, so concurrent callers each see their own.
    public static var lastConnectionWait: Double { Double(ConnectionWait.latest) / 1e9 }

    /// The names of the migrations applied, in order.
    public func appliedMigrations() throws -> [String] {
        try run { session in
            try session.rows("SELECT name FROM malmoi_migration ORDER BY seq").map { try $0.get("name", String.self) }
        }
    }

    private func migrate() throws {
        try run { session in
            try session.transaction {
                try session.execute("SELECT pg_advisory_xact_lock(7366290)")
                try session.execute("CREATE TABLE IF NOT EXISTS malmoi_migration (seq INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
                let applied = Set(try session.rows("SELECT name FROM malmoi_migration").map { try $0.get("name", String.self) })
                for (index, migration) in Self.migrations.enumerated() where !applied.contains(migration.name) {
                    // One statement at a time (the extended protocol takes no batches).
                    for statement in Self.statements(of: migration.sql) {
                        try session.execute(statement)
                    }
                    try session.execute("INSERT INTO malmoi_migration (seq, name) VALUES ($1, $2)", [index + 1, migration.name])
                }
            }
        }
    }

    /// The statements of a migration: split where a line ends in a semicolon, except inside a
    /// `$$`-quoted function body.
    static func statements(of sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody, line.hasSuffix(";") {
                statements.append(String(current.dropLast(2)))
                current = ""
            }
        }
        statements.append(current)
        return statements.filter { !$0.allSatisfy(\.isWhitespace) }
    }

    // MARK: Plumbing

    /// Runs `body` on a connection, turning driver errors into store errors with the server's message.
    func run<T>(_ body: (Session) throws -> T) throws -> T {
        do {
            return try pool.withConnection(body)
        } catch {
            throw StoreRules.storeFailure(error, "a statement on \(location) failed", describe: PostgresConnectionPool.describe)
        }
    }

    /// Runs `body` in a transaction.
    func write<T>(_ body: (Session) throws -> T) throws -> T {
        try run { session in try session.transaction { try body(session) } }
    }

    var nowText: String { Timestamp.iso8601(clock()) }

    static func json(_ text: String, _ table: String, _ id: some CustomStringConvertible, _ column: String) throws -> JSONValue {
        try StoredJSON.parse(text, table: table, id: id, column: column)
    }

    // MARK: Projects

    public func createProject(_ project: Project) throws -> Project {
        var created = try StoreRules.newProject(project, createdAt: nowText)
        return try write { session in
            guard let row = try session.row("""
                INSERT INTO project (name, kind, task_config, guideline, points_per_accept, overlap, required_qualification,
                    reason_codes, gold_rate, near_duplicate_threshold, verbatim, created_at, claim_timeout_seconds)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (name) DO NOTHING RETURNING id
                """, [project.name, project.kind.rawValue, JSONValue.object(project.taskConfig).serialized(), project.guideline,
                      project.pointsPerAccept, project.overlap, project.requiredQualification,
                      JSONValue.array(project.reasonCodes.map { .string($0) }).serialized(), project.goldRate,
                      project.nearDuplicateThreshold, project.isVerbatim, created.createdAt, SQLiteStore.defaultClaimTimeout]) else {
                throw StoreError(.duplicate, "project \"\(project.name)\" already exists")
            }
            created.id = try row.get("id")
            return created
        }
    }

    public func project(named name: String) throws -> Project {
        let found = try run { session in
            try session.row("SELECT * FROM project WHERE name = $1", [name]).map(Self.decodeProject)
        }
        guard let found else {
            throw StoreError(.notFound, "no project named \"\(name)\"; create it with `malmoi project create \(name) --kind label --labels …`")
        }
        return found
    }

    public func projects() throws -> [Project] {
        try run { session in try session.rows("SELECT * FROM project ORDER BY name").map(Self.decodeProject) }
    }

    static func decodeProject(_ row: PostgresRandomAccessRow) throws -> Project {
        let id: Int64 = try row.get("id")
        let config = try json(try row.get("task_config"), "project", id, "task_config").objectValue ?? JSONObject()
        let reasons = (try json(try row.get("reason_codes"), "project", id, "reason_codes").arrayValue ?? []).compactMap(\.stringValue)
        return Project(
            id: id, name: try row.get("name"), kind: TaskKind(try row.get("kind", String.self)), taskConfig: config,
            guideline: try row.get("guideline"), pointsPerAccept: try row.get("points_per_accept"), overlap: try row.get("overlap"),
            requiredQualification: try row.get("required_qualification"), reasonCodes: reasons, goldRate: try row.get("gold_rate"),
            nearDuplicateThreshold: try row.get("near_duplicate_threshold"), isVerbatim: try row.get("verbatim"),
            createdAt: try row.get("created_at"))
    }

    // MARK: Annotators

    public func registerAnnotator(_ id: String, qualifications: [String]) throws -> Annotator {
        guard !id.isEmpty else { throw StoreError(.invalidValue, "an annotator id must not be empty") }
        return try write { session in
            try session.execute("INSERT INTO annotator (id, qualifications, created_at) VALUES ($1, '[]', $2) ON CONFLICT (id) DO NOTHING",
                                [id, nowText])
            let existing = try Self.fetchAnnotator(session, id, lock: true)
            var merged = existing?.qualifications ?? []
            for qualification in qualifications where !merged.contains(qualification) { merged.append(qualification) }
            try session.execute("UPDATE annotator SET qualifications = $1 WHERE id = $2",
                                [JSONValue.array(merged.map { .string($0) }).serialized(), id])
            return Annotator(id: id, qualifications: merged)
        }
    }

    public func annotator(_ id: String) throws -> Annotator? {
        try run { session in try Self.fetchAnnotator(session, id, lock: false) }
    }

    public func annotators() throws -> [Annotator] {
        try run { session in
            try session.rows("SELECT id, qualifications FROM annotator ORDER BY id COLLATE \"C\"").map { row in
                let id: String = try row.get("id")
                let list = (try Self.json(try row.get("qualifications"), "annotator", id, "qualifications").arrayValue ?? [])
                    .compactMap(\.stringValue)
                return Annotator(id: id, qualifications: list)
            }
        }
    }

    static func fetchAnnotator(_ session: Session, _ id: String, lock: Bool) throws -> Annotator? {
        guard let row = try session.row("SELECT qualifications FROM annotator WHERE id = $1" + (lock ? " FOR UPDATE" : ""), [id]) else {
            return nil
        }
        let list = (try json(try row.get("qualifications"), "annotator", id, "qualifications").arrayValue ?? []).compactMap(\.stringValue)
        return Annotator(id: id, qualifications: list)
    }

    func ensureAnnotator(_ session: Session, _ id: String) throws {
        guard !id.isEmpty else { throw StoreError(.invalidValue, "an annotator id must not be empty") }
        try session.execute("INSERT INTO annotator (id, qualifications, created_at) VALUES ($1, '[]', $2) ON CONFLICT (id) DO NOTHING",
                            [id, nowText])
    }

    // MARK: Items

    public func item(_ id: String, in project: Project) throws -> Item? {
        try run { session in
            try session.row("SELECT * FROM item WHERE project_id = $1 AND key = $2", [project.id, id]).map(Self.decodeItem)
        }
    }

    public func goldAnswer(for item: String, in project: Project) throws -> JSONValue? {
        try run { session in
            guard let row = try session.row("""
                SELECT g.item_id, g.answer FROM gold g JOIN item i ON i.id = g.item_id WHERE i.project_id = $1 AND i.key = $2
                """, [project.id, item]) else { return nil }
            return try Self.json(try row.get("answer"), "gold", try row.get("item_id", Int64.self), "answer")
        }
    }

    static func decodeItem(_ row: PostgresRandomAccessRow) throws -> Item {
        let id: Int64 = try row.get("id")
        let fields = try row.get("fields", String?.self).map { try json($0, "item", id, "fields") }
        let pre = try row.get("pre_annotation", String?.self).map { try json($0, "item", id, "pre_annotation") }
        return Item(id: try row.get("key"), text: StoredText.decode(try row.get("text", String.self)), fields: fields?.objectValue ?? JSONObject(),
                    source: try row.get("source"), preAnnotation: pre)
    }

    static func decodeAnnotation(_ row: PostgresRandomAccessRow) throws -> Annotation {
        let id: Int64 = try row.get("id")
        let warnings = (try json(try row.get("warnings"), "annotation", id, "warnings").arrayValue ?? []).compactMap(Finding.init(json:))
        return Annotation(id: id, item: try row.get("item_key"), annotator: try row.get("annotator_id"),
                          payload: try json(try row.get("payload"), "annotation", id, "payload"), warnings: warnings,
                          submittedAt: try row.get("submitted_at"), seconds: try row.get("seconds"), supersedes: try row.get("supersedes"),
                          draftOutcome: try row.get("draft_outcome", String?.self).flatMap(DraftOutcome.init(rawValue:)))
    }

    static func encodeWarnings(_ warnings: [Finding]) -> String {
        JSONValue.array(warnings.map(\.jsonValue)).serialized()
    }

    /// Columns selected for ``decodeAnnotation(_:)``, with the annotation table aliased `a` and item `i`.
    static let annotationColumns = "a.id, i.key AS item_key, a.annotator_id, a.payload, a.warnings, a.submitted_at, a.seconds, a.supersedes, a.gold_score, a.draft_outcome"
}

extension Session {
    /// Runs one or more statements with the simple query protocol (no arguments).
    func simple(_ sql: String) throws {
        _ = try connection.simpleQuery(sql).wait()
    }
}
