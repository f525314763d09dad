import Foundation
import MalmoiStore
import PostgresNIO

/// Arguments of one statement, `$1`, `$2`, … in order; nil binds SQL NULL.
typealias SQLArguments = [(any PostgresThrowingDynamicTypeEncodable)?]

/// A fixed number of PostgreSQL connections on a dedicated event loop group, used from ordinary
/// (non-event-loop) threads that block on the results: the synchronous ``AnnotationStore`` protocol
/// over postgres-nio's futures. A thread takes a connection, runs its transaction, and gives it back;
/// when all are in use it waits. Tasks take connections from the same pool without blocking
/// (``withAsyncSession(_:)``), for the team server's calls.
final class PostgresConnectionPool: @unchecked Sendable {
    let location: PostgresLocation
    let limit: Int
    private let group: MultiThreadedEventLoopGroup
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0
    private var closed = false
    /// Set once the connections are being closed and the group stopped (so that happens once).
    private var stopped = false

    /// Connects once (so an unreachable server fails here, with its address and message).
    init(_ location: PostgresLocation, connections limit: Int) throws {
        self.location = location
        self.limit = max(1, limit)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        if location.sslMode != "disable" {
            do {
                let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                configuration.tls = location.sslMode == "require" || location.sslMode == "verify-full" || location.sslMode == "verify-ca"
                    ? .require(context) : .prefer(context)
            } catch {
                throw StoreError(.database, "cannot set up TLS for \(location)", cause: "\(error)")
            }
        }
        configuration.options.connectTimeout = .seconds(10)
        self.configuration = configuration
        var logger = Logger(label: "malmoi.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let first = try connect()
        condition.lock()
        idle.append(first)
        open = 1
        condition.unlock()
    }

    private func connect() throws -> PostgresConnection {
        let id = condition.withLock { () -> Int in
            nextID += 1
            return nextID
        }
        do {
            return try PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).wait()
        } catch {
            throw StoreError(.database, "cannot reach the PostgreSQL store at \(location.host):\(location.port) (database \"\(location.database)\", user \"\(location.user)\"): \(Self.describe(error))")
        }
    }

    /// ``connect()`` for a task: the connection is made on the pool's event loop and awaited, not waited for.
    private func connectWithoutBlocking() async throws -> PostgresConnection {
        let id = condition.withLock { () -> Int in
            nextID += 1
            return nextID
        }
        do {
            return try await PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).get()
        } catch {
            throw StoreError(.database, "cannot reach the PostgreSQL store at \(location.host):\(location.port) (database \"\(location.database)\", user \"\(location.user)\"): \(Self.describe(error))")
        }
    }

    /// The server's message for a failed statement or connection, else the error itself.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                let detail = error.serverInfo?[.detail].map { "; \($0)" } ?? ""
                return message + detail + state
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    /// The SQLSTATE of a server error, if it is one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// How many connections are open now (at most ``limit``).
    var openCount: Int { condition.withLock { open } }

    /// Runs `body` with a connection of its own, opening one when fewer than `limit` are open.
    func withConnection<T>(_ body: (Session) throws -> T) throws -> T {
        let asked = DispatchTime.now().uptimeNanoseconds
        let connection = try checkOut()
        ConnectionWait.record(DispatchTime.now().uptimeNanoseconds - asked)
        var broken = false
        defer { checkIn(connection, broken: broken) }
        do {
            return try body(Session(connection: connection, logger: logger))
        } catch {
            broken = connection.isClosed
            throw error
        }
    }

    /// Runs `body` with a connection of its own without blocking a thread: the asynchronous twin of
    /// ``withConnection(_:)`` for callers in Swift concurrency (the team server's hot path). Waiters of
    /// both kinds share one first-come-first-served queue.
    func withAsyncSession<T>(_ body: (AsyncSession) async throws -> T) async throws -> T {
        let connection = try await checkOutWithoutBlocking()
        var broken = false
        defer { checkIn(connection, broken: broken) }
        do {
            return try await body(AsyncSession(connection: connection, logger: logger))
        } catch {
            broken = connection.isClosed
            throw error
        }
    }

    /// Someone waiting for a connection: woken in arrival order, with a connection handed to them, or
    /// with none when they may open one (a broken one was dropped) or the pool closed. A thread waits on
    /// the semaphore; a task waits on the continuation.
    private final class Waiter {
        let semaphore = DispatchSemaphore(value: 0)
        var connection: PostgresConnection?
        let continuation: CheckedContinuation<Result<Turn, any Error>, Never>?

        init(continuation: CheckedContinuation<Result<Turn, any Error>, Never>? = nil) {
            self.continuation = continuation
        }
    }

    /// What a task asking for a connection may do now.
    private enum Turn {
        case use(PostgresConnection)
        case open
        case wait(PostgresConnection?)
    }

    /// ``checkOut()`` for a task: the same rules (newcomers do not overtake anyone queued, a connection is opened
    /// while fewer than the limit are open), but a task that must wait suspends instead of blocking its thread.
    private func checkOutWithoutBlocking() async throws -> PostgresConnection {
        var queued = false
        while true {
            let turn = try await withCheckedContinuation { (continuation: CheckedContinuation<Result<Turn, any Error>, Never>) in
                condition.lock()
                defer { condition.unlock() }
                if closed {
                    continuation.resume(returning: .failure(StoreError(.database, "the PostgreSQL store \(location) was closed")))
                    return
                }
                if queued || firstWaiter == waiters.count {
                    if let connection = idle.popLast() { return continuation.resume(returning: .success(.use(connection))) }
                    if open < limit {
                        open += 1
                        return continuation.resume(returning: .success(.open))
                    }
                }
                // Queued: `wakeFirst` resumes the continuation, with a connection or with none.
                waiters.append(Waiter(continuation: continuation))
            }.get()
            switch turn {
            case .use(let connection):
                return connection
            case .wait(let connection):
                if let connection { return connection }
                queued = true
            case .open:
                do {
                    return try await connectWithoutBlocking()
                } catch {
                    condition.withLock {
                        open -= 1
                        wakeFirst(with: nil)
                    }
                    throw error
                }
            }
        }
    }

    /// Threads waiting for a connection, first come first served, so that under load no caller
    /// waits much longer than the others (the tail latency of a queue, not of luck).
    private var waiters: [Waiter] = []
    private var firstWaiter = 0

    private func checkOut() throws -> PostgresConnection {
        condition.lock()
        var queued = false
        while true {
            if closed {
                condition.unlock()
                throw StoreError(.database, "the PostgreSQL store \(location) was closed")
            }
            // Newcomers do not overtake threads already waiting.
            if queued || firstWaiter == waiters.count {
                if let connection = idle.popLast() {
                    condition.unlock()
                    return connection
                }
                if open < limit {
                    open += 1
                    condition.unlock()
                    do {
                        return try connect()
                    } catch {
                        condition.lock()
                        open -= 1
                        wakeFirst(with: nil)
                        condition.unlock()
                        throw error
                    }
                }
            }
            let waiter = Waiter()
            waiters.append(waiter)
            condition.unlock()
            waiter.semaphore.wait()
            if let connection = waiter.connection { return connection }
            condition.lock()
            queued = true
        }
    }

    /// Wakes the longest-waiting thread, handing it `connection` (nil: it retries). Call with the lock held.
    /// - Returns: whether a thread was waiting.
    @discardableResult
    private func wakeFirst(with connection: PostgresConnection?) -> Bool {
        guard firstWaiter < waiters.count else { return false }
        let waiter = waiters[firstWaiter]
        firstWaiter += 1
        if firstWaiter > 1024 && firstWaiter * 2 > waiters.count {
            waiters.removeFirst(firstWaiter)
            firstWaiter = 0
        }
        if let continuation = waiter.continuation {
            continuation.resume(returning: .success(.wait(connection)))
        } else {
            waiter.connection = connection
            waiter.semaphore.signal()
        }
        return true
    }

    private func checkIn(_ connection: PostgresConnection, broken: Bool) {
        condition.lock()
        if broken || closed {
            open -= 1
            wakeFirst(with: nil)
            condition.unlock()
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
        } else {
            if !wakeFirst(with: connection) { idle.append(connection) }
            condition.unlock()
        }
    }

    /// Closes every connection and stops the event loop group. On an event loop thread (a store released by a
    /// server's request task), where NIO forbids waiting, the closing runs on another thread.
    func shutdown() {
        if MultiThreadedEventLoopGroup.currentEventLoop != nil {
            condition.withLock { closed = true }
            DispatchQueue.global().async { self.closeAndStop() }
        } else {
            closeAndStop()
        }
    }

    private func closeAndStop() {
        let connections = condition.withLock { () -> [PostgresConnection]? in
            guard !stopped else { return nil }
            stopped = true
            closed = true
            while wakeFirst(with: nil) {}
            defer { idle = [] }
            return idle
        }
        guard let connections else { return }
        for connection in connections {
            let closing: EventLoopFuture<Void> = connection.close()
            try? closing.wait()
        }
        try? group.syncShutdownGracefully()
    }
}

/// One checked-out connection for a task: runs statements and awaits their results (no thread blocks).
struct AsyncSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement and returns its first row, if any.
    func row(_ sql: String, _ arguments: SQLArguments = []) async throws -> PostgresRandomAccessRow? {
        try await connection.query(try Session.query(sql, arguments), logger: logger).get().rows.first?.makeRandomAccess()
    }
}

/// One checked-out connection: runs statements and waits for their results.
struct Session {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement and returns its rows.
    @discardableResult
    func rows(_ sql: String, _ arguments: SQLArguments = []) throws -> [PostgresRandomAccessRow] {
        try result(sql, arguments).rows.map { $0.makeRandomAccess() }
    }

    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments = []) throws -> Int {
        try result(sql, arguments).metadata.rows ?? 0
    }

    /// Runs a statement and returns its first row, if any.
    func row(_ sql: String, _ arguments: SQLArguments = []) throws -> PostgresRandomAccessRow? {
        try rows(sql, arguments).first
    }

    /// Runs a statement, giving each row to `body` as it arrives (no buffering of the whole result).
    func forEachRow(_ sql: String, _ arguments: SQLArguments = [], _ body: @escaping @Sendable (PostgresRow) throws -> Void) throws {
        _ = try connection.query(try Self.query(sql, arguments), logger: logger, body).wait()
    }

    private func result(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        try connection.query(try Self.query(sql, arguments), logger: logger).wait()
    }

    /// - Throws: ``StoreError`` `.invalidValue` for a text argument with a NUL character, which PostgreSQL refuses in
    ///   any text: items' text is escaped before it gets here (``StoredText``), so a NUL left (in a key, a name, a
    ///   comment) is someone's bad input, not a failure of the store.
    static func query(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQuery {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            if let text = argument as? String, text.utf8.contains(0) {
                throw StoreError(.invalidValue, "text with the NUL character (U+0000) cannot be stored in or looked up from PostgreSQL")
            }
            if let argument { try binds.append(argument) } else { binds.appendNull() }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// Streams `data` (rows in `COPY`'s text format) into `table` with `COPY … FROM STDIN`. postgres-nio's
    /// `copyFrom` is async; it runs as a task completing a promise on the connection's event loop, and
    /// this (ordinary, non-event-loop) thread blocks on the promise, as for every other statement. The
    /// task runs on ``CopyExecutor`` (threads of its own), never on Swift's cooperative pool: a caller
    /// blocking a cooperative thread (a synchronous store call made from async code) must not starve it.
    func copy(into table: String, columns: [String], _ data: ByteBuffer) throws {
        let connection = connection, logger = logger
        let promise = connection.eventLoop.makePromise(of: Void.self)
        Task(executorPreference: CopyExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    // In pieces of at most 1 MiB, so one CopyData message never holds a whole batch.
                    var rest = data
                    while let piece = rest.readSlice(length: min(rest.readableBytes, 1 << 20)), piece.readableBytes > 0 {
                        try await writer.write(piece)
                    }
                }
                promise.succeed(())
            } catch {
                promise.fail(error)
            }
        }
        try promise.futureResult.wait()
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ isolation: String = "READ COMMITTED", _ body: () throws -> T) throws -> T {
        try execute("BEGIN ISOLATION LEVEL \(isolation)")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }
}

extension PostgresRandomAccessRow {
    /// The value of a column, decoded.
    func get<T: PostgresDecodable>(_ column: String, _ type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}

/// The time the calling thread's latest ``PostgresConnectionPool/withConnection(_:)`` waited for a
/// connection, kept per thread (a pthread key holding the nanoseconds), so that a caller can split the
/// time of a store call into waiting for the pool and being served.
enum ConnectionWait {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static func record(_ nanoseconds: UInt64) {
        // Stored as the pointer's bit pattern (0 reads back as nil, which means 0).
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: UInt(nanoseconds)))
    }

    /// Nanoseconds of the calling thread's latest wait (0 before its first call).
    static var latest: UInt64 {
        UInt64(UInt(bitPattern: pthread_getspecific(key)))
    }
}

/// Runs the tasks that bridge postgres-nio's async `COPY` on a dispatch queue of its own rather than
/// Swift's cooperative pool, which callers blocked in synchronous store calls may be occupying.
final class CopyExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = CopyExecutor()
    private let queue = DispatchQueue(label: "malmoi.postgres.copy", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
