import MalmoiCore
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The SQLite implementation of ``AnnotationStore``: one file, WAL mode, foreign keys on, versioned
/// migrations, safe for several processes at once.
///
/// ```swift
/// let store = try SQLiteStore(path: "malmoi.sqlite")   // created and migrated if needed
/// let projects = try store.projects()
/// ```
/// Each method runs in one transaction; writes take SQLite's write lock at the start (`BEGIN IMMEDIATE`),
/// so two `malmoi annotate` processes claim items one after the other and never over-assign. Writers
/// queue for it on a side file's kernel lock, `<store>-writer.lock` (``WriterLock``), which hands it
/// from one process to the next without polling. A busy database (another process importing, say) is
/// waited for, with a message at a terminal; `database is locked` reaches a user only when SQLite's own
/// lock stays taken for 10 minutes. `synchronous = NORMAL` in WAL mode keeps every committed
/// transaction across a killed process (only an OS crash or power loss can drop the last ones).
public final class SQLiteStore: AnnotationStore {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    let clock: @Sendable () -> Double
    /// Orders this store's writers with every other process's (see ``WriterLock``).
    let writerLock: WriterLock

    /// How hard SQLite pushes each commit to the disk (`--sync`).
    public enum Synchronous: String, Sendable, CaseIterable {
        /// `synchronous = NORMAL` (the default): a committed transaction survives a killed process; an
        /// OS crash or power loss may drop the last commits (never corrupting the file).
        case normal
        /// `synchronous = FULL`: every commit is synced to the disk before it returns, so it survives
        /// power loss too, at the cost of one fsync per write.
        case full
    }

    /// Opens (creating and migrating when needed) the store at `path`.
    /// - Parameter clock: the time source in seconds since 1970; tests pass a fixed clock.
    /// - Throws: ``StoreError`` `.database` when the file cannot be opened or migrated.
    public convenience init(path: String, clock: @escaping @Sendable () -> Double = Timestamp.now) throws {
        try self.init(path: path, clock: clock, synchronous: .normal)
    }

    /// Opens (creating and migrating when needed) the store at `path` with a durability setting.
    /// - Parameters:
    ///   - clock: the time source in seconds since 1970; tests pass a fixed clock.
    ///   - synchronous: how each commit reaches the disk.
    /// - Throws: ``StoreError`` `.database` when the file cannot be opened or migrated.
    public init(path: String, clock: @escaping @Sendable () -> Double = Timestamp.now, synchronous: Synchronous) throws {
        self.path = path
        self.clock = clock
        writerLock = WriterLock(storePath: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .callback(BusyWait.handler)
        let pragma = synchronous == .full ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(pragma)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.makeMigrator().migrate(pool)
        } catch {
            throw StoreError.database(error, "cannot open the store \(path)")
        }
    }

    /// Opens an existing store for a command that only reads or adds to what is there (`stats`,
    /// `export`, `annotate`): a path that names no file is an error, not a new empty store.
    /// - Throws: ``StoreError`` `.notFound` when there is no file at `path`.
    public convenience init(existingAt path: String, clock: @escaping @Sendable () -> Double = Timestamp.now) throws {
        try self.init(existingAt: path, clock: clock, synchronous: .normal)
    }

    /// Opens an existing store (see ``init(existingAt:clock:)``) with a durability setting.
    public convenience init(existingAt path: String, clock: @escaping @Sendable () -> Double = Timestamp.now,
                            synchronous: Synchronous) throws {
        guard access(path, F_OK) == 0 else {
            throw StoreError(.notFound, "no store at \(path); check the --store path (a new store is made by `malmoi project create`)")
        }
        try self.init(path: path, clock: clock, synchronous: synchronous)
    }

    /// The SQLite `synchronous` setting in effect (1 is NORMAL, 2 is FULL).
    public func synchronousSetting() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 0 }
    }

    /// The names of the migrations applied to this file, in order (the schema version history).
    public func appliedMigrations() throws -> [String] {
        try read { db in try Self.makeMigrator().appliedMigrations(db) }
    }

    /// The SQLite journal mode in effect (`wal`).
    public func journalMode() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Whether foreign keys are enforced on this connection.
    public func foreignKeysEnabled() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false }
    }

    // MARK: Transactions

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                try writerLock.withLock {
                    var result: T?
                    try db.inTransaction(.immediate) {
                        result = try body(db)
                        return .commit
                    }
                    return result!
                }
            }
        } catch {
            if error is any MalmoiReportableError { throw error }
            throw StoreError.database(error, "a database write failed")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            if error is any MalmoiReportableError { throw error }
            throw StoreError.database(error, "a database read failed")
        }
    }

    var nowText: String { Timestamp.iso8601(clock()) }

    // MARK: Projects

    public func createProject(_ project: Project) throws -> Project {
        var created = try StoreRules.newProject(project, createdAt: nowText)
        return try write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM project WHERE name = ?", arguments: [project.name]) != nil {
                throw StoreError(.duplicate, "project \"\(project.name)\" already exists")
            }
            try db.execute(sql: """
                INSERT INTO project (name, kind, task_config, guideline, points_per_accept, overlap,
                    required_qualification, reason_codes, gold_rate, near_duplicate_threshold, verbatim, created_at,
                    claim_timeout_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    project.name, project.kind.rawValue, JSONValue.object(project.taskConfig).serialized(),
                    project.guideline, project.pointsPerAccept, project.overlap, project.requiredQualification,
                    JSONValue.array(project.reasonCodes.map { .string($0) }).serialized(), project.goldRate,
                    project.nearDuplicateThreshold, project.isVerbatim, created.createdAt, Self.defaultClaimTimeout,
                ])
            created.id = db.lastInsertedRowID
            return created
        }
    }

    public func project(named name: String) throws -> Project {
        let found = try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM project WHERE name = ?", arguments: [name]).map { try Self.decodeProject($0) }
        }
        guard let found else {
            throw StoreError(.notFound, "no project named \"\(name)\"; create it with `malmoi project create \(name) --kind label --labels …`")
        }
        return found
    }

    public func projects() throws -> [Project] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM project ORDER BY name").map { try Self.decodeProject($0) } }
    }

    static func decodeProject(_ row: Row) throws -> Project {
        let id: Int64 = row["id"]
        let config = try storedJSON(row["task_config"], table: "project", id: id, column: "task_config").objectValue ?? JSONObject()
        let reasons = (try storedJSON(row["reason_codes"], table: "project", id: id, column: "reason_codes").arrayValue ?? [])
            .compactMap(\.stringValue)
        return Project(
            id: id, name: row["name"], kind: TaskKind(row["kind"] as String), taskConfig: config,
            guideline: row["guideline"], pointsPerAccept: row["points_per_accept"], overlap: row["overlap"],
            requiredQualification: row["required_qualification"], reasonCodes: reasons, goldRate: row["gold_rate"],
            nearDuplicateThreshold: row["near_duplicate_threshold"], isVerbatim: row["verbatim"],
            createdAt: row["created_at"])
    }

    // MARK: Annotators

    public func registerAnnotator(_ id: String, qualifications: [String]) throws -> Annotator {
        guard !id.isEmpty else { throw StoreError(.invalidValue, "an annotator id must not be empty") }
        return try write { db in
            let existing = try Self.fetchAnnotator(db, id)
            var merged = existing?.qualifications ?? []
            for qualification in qualifications where !merged.contains(qualification) { merged.append(qualification) }
            let encoded = JSONValue.array(merged.map { .string($0) }).serialized()
            if existing == nil {
                try db.execute(sql: "INSERT INTO annotator (id, qualifications, created_at) VALUES (?, ?, ?)",
                               arguments: [id, encoded, nowText])
            } else {
                try db.execute(sql: "UPDATE annotator SET qualifications = ? WHERE id = ?", arguments: [encoded, id])
            }
            return Annotator(id: id, qualifications: merged)
        }
    }

    public func annotator(_ id: String) throws -> Annotator? {
        try read { db in try Self.fetchAnnotator(db, id) }
    }

    public func annotators() throws -> [Annotator] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, qualifications FROM annotator ORDER BY id").map { row in
                let id: String = row["id"]
                let list = (try Self.storedJSON(row["qualifications"], table: "annotator", id: id, column: "qualifications").arrayValue ?? [])
                    .compactMap(\.stringValue)
                return Annotator(id: id, qualifications: list)
            }
        }
    }

    static func fetchAnnotator(_ db: Database, _ id: String) throws -> Annotator? {
        guard let row = try Row.fetchOne(db, sql: "SELECT qualifications FROM annotator WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let list = (try storedJSON(row["qualifications"], table: "annotator", id: id, column: "qualifications").arrayValue ?? [])
            .compactMap(\.stringValue)
        return Annotator(id: id, qualifications: list)
    }

    func ensureAnnotator(_ db: Database, _ id: String) throws {
        guard !id.isEmpty else { throw StoreError(.invalidValue, "an annotator id must not be empty") }
        try db.execute(sql: "INSERT OR IGNORE INTO annotator (id, qualifications, created_at) VALUES (?, '[]', ?)",
                       arguments: [id, nowText])
    }

    // MARK: Items

    public func item(_ id: String, in project: Project) throws -> Item? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM item WHERE project_id = ? AND key = ?", arguments: [project.id, id])
                .map { try Self.decodeItem($0) }
        }
    }

    public func goldAnswer(for item: String, in project: Project) throws -> JSONValue? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT g.item_id, g.answer FROM gold g JOIN item i ON i.id = g.item_id WHERE i.project_id = ? AND i.key = ?
                """, arguments: [project.id, item]) else { return nil }
            return try Self.storedJSON(row["answer"], table: "gold", id: row["item_id"] as Int64, column: "answer")
        }
    }

    static func decodeItem(_ row: Row) throws -> Item {
        let id: Int64 = row["id"]
        let fields = try (row["fields"] as String?).map { try storedJSON($0, table: "item", id: id, column: "fields") }
        let pre = try (row["pre_annotation"] as String?).map { try storedJSON($0, table: "item", id: id, column: "pre_annotation") }
        return Item(id: row["key"], text: StoredText.decode(row["text"] as String), fields: fields?.objectValue ?? JSONObject(),
                    source: row["source"], preAnnotation: pre)
    }

    func itemRowID(_ db: Database, _ key: String, _ project: Project) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM item WHERE project_id = ? AND key = ?",
                                          arguments: [project.id, key]) else {
            throw StoreError(.notFound, "no item \"\(key)\" in project \"\(project.name)\"")
        }
        return id
    }

    static func decodeAnnotation(_ row: Row) throws -> Annotation {
        let id: Int64 = row["id"]
        let warnings = (try storedJSON(row["warnings"], table: "annotation", id: id, column: "warnings").arrayValue ?? [])
            .compactMap(Finding.init(json:))
        return Annotation(id: id, item: row["item_key"], annotator: row["annotator_id"],
                          payload: try storedJSON(row["payload"], table: "annotation", id: id, column: "payload"), warnings: warnings,
                          submittedAt: row["submitted_at"], seconds: row["seconds"], supersedes: row["supersedes"],
                          draftOutcome: (row["draft_outcome"] as String?).flatMap(DraftOutcome.init(rawValue:)))
    }

    static func encodeWarnings(_ warnings: [Finding]) -> String {
        JSONValue.array(warnings.map(\.jsonValue)).serialized()
    }

    /// Columns selected for ``decodeAnnotation(_:)``, with the annotation table aliased `a` and item `i`.
    static let annotationColumns = "a.id, i.key AS item_key, a.annotator_id, a.payload, a.warnings, a.submitted_at, a.seconds, a.supersedes, a.gold_score, a.draft_outcome"

    /// Parses a JSON value stored in a row (see ``StoredJSON``).
    static func storedJSON(_ text: String, table: String, id: some CustomStringConvertible, column: String) throws -> JSONValue {
        try StoredJSON.parse(text, table: table, id: id, column: column)
    }

    /// The claim timeout of new projects: 30 minutes.
    public static let defaultClaimTimeout: Double = 1800
}
