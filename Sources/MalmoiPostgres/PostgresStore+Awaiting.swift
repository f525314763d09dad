import MalmoiCore
import MalmoiStore
import NIOPosix
import PostgresNIO

/// The team server's per-answer calls without a blocked thread: the same statements as the synchronous calls,
/// on a connection of the same pool, awaited on the caller's task.
extension PostgresStore: AwaitingServerCalls {
    public func awaitPerson(tokenSelector selector: String) async throws -> (person: Person, secretHash: [UInt8])? {
        try Self.decodeSignIn(try await awaitRow(Self.signInSQL, [selector]))
    }

    public func awaitPerson(tokenSelector selector: String, reading key: String, in project: Project) async throws
        -> (person: Person, secretHash: [UInt8], item: @Sendable () throws -> (item: Item, gold: JSONValue?)?)? {
        guard let row = try await awaitRow(Self.signInAndItemSQL, [selector, project.id, key]),
              let (person, secretHash) = try Self.decodeSignIn(row) else { return nil }
        return (person, secretHash, {
            // No item: the outer join left the item's columns null.
            try row.get("key", String?.self) == nil ? nil : try Self.decodeItemAndGold(row)
        })
    }

    /// A person and their token's hash (``signInSQL``) beside the item with a key in a project and its gold answer
    /// (``itemAndGoldSQL``). The two tables' columns have no name in common.
    static let signInAndItemSQL = """
        SELECT person.*, person_token.secret_hash AS secret_hash, i.*, g.answer AS gold_answer FROM person_token
        JOIN person ON person.name = person_token.person
        LEFT JOIN item i ON i.project_id = $2 AND i.key = $3
        LEFT JOIN gold g ON g.item_id = i.id
        WHERE person_token.selector = $1
        """

    public func awaitClaim(in project: Project, for annotator: String) async throws -> Claim? {
        guard !annotator.isEmpty else { throw StoreError(.invalidValue, "an annotator id must not be empty") }
        return try Self.decodeClaim(try await awaitRow(Self.claimSQL, Self.claimArguments(project, annotator, clock())))
    }

    public func awaitItemAndGold(_ id: String, in project: Project) async throws -> (item: Item, gold: JSONValue?)? {
        try Self.decodeItemAndGold(try await awaitRow(Self.itemAndGoldSQL, [project.id, id]))
    }

    /// A first answer is saved by the one statement here. Anything else the statement reports (a retry of a stored
    /// submission, an unknown item, an answer already given, a lapsed claim) refused or changed nothing, so the
    /// synchronous ``submit(_:)`` answers it, on NIO's shared thread pool: it runs the same statement and, on the
    /// same outcome, the reads that explain it.
    public func awaitSubmit(_ submission: Submission) async throws -> Annotation {
        guard !submission.annotator.isEmpty else { throw StoreError(.invalidValue, "an annotator id must not be empty") }
        let now = clock()
        let at = Timestamp.iso8601(now)
        let first: (id: Int64, replayed: Bool)?
        do {
            let row = try await pool.withAsyncSession { session in
                try await session.row(Self.submitSQL, Self.submitArguments(submission, now, at))
            }
            first = (try row?.get("saved_id") ?? 0, try row?.get("replayed") ?? false)
        } catch where Self.explainedStates.contains(PostgresConnectionPool.sqlState(error) ?? "") {
            first = nil
        } catch {
            throw StoreRules.storeFailure(error, "a statement on \(location) failed", describe: PostgresConnectionPool.describe)
        }
        if let first, !first.replayed { return Self.saved(submission, id: first.id, at: at) }
        return try await NIOThreadPool.singleton.runIfActive { try self.submit(submission) }
    }

    /// The SQLSTATEs of `malmoi_submit`'s refusals that ``submit(_:)`` turns into explained errors or a stored answer.
    static let explainedStates: Set<String> = ["MLM01", "MLM02", "MLM03", "23505"]

    /// Runs one statement on a pooled connection and returns its first row, turning driver errors into store errors.
    private func awaitRow(_ sql: String, _ arguments: SQLArguments) async throws -> PostgresRandomAccessRow? {
        do {
            return try await pool.withAsyncSession { session in try await session.row(sql, arguments) }
        } catch {
            throw StoreRules.storeFailure(error, "a statement on \(location) failed", describe: PostgresConnectionPool.describe)
        }
    }
}
