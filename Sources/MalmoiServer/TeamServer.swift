import Foundation
import Hummingbird
import Logging
import MalmoiCore
import MalmoiRemote
import MalmoiStore
import NIOCore
import NIOPosix

/// The team server behind `malmoi serve`: a JSON API under `/api/v1` over one store (`docs/openapi.yaml`).
///
/// ```swift
/// let server = TeamServer(store: store, people: store, modules: { try TaskKinds.module(for: $0) })
/// try await server.run(host: "127.0.0.1", port: 8080)    // until SIGTERM or SIGINT, finishing requests in flight
/// ```
/// The server keeps no state of its own beyond a throttle of failed sign-ins, so several `serve` processes over
/// one PostgreSQL database act as one service: claims, points and reviews stay exactly-once because the store
/// makes each call one transaction. Store calls block, so they run on a thread pool, never on the event loops.
/// Identity always comes from the token, never from the request; the task kind's validation and gold scoring run
/// here, not on the client.
public final class TeamServer: Sendable {
    /// The store of projects, items and annotations.
    public let store: any AnnotationStore
    /// The store of people and tokens.
    public let people: any PeopleStore
    /// The task module of a project (validation and gold scoring).
    public let modules: @Sendable (Project) throws -> any TaskModule
    /// The largest request body accepted, in bytes.
    public let maximumBodyBytes: Int
    let pool: NIOThreadPool
    let throttle: SignInThrottle

    /// Creates a server.
    /// - Parameters:
    ///   - store: the annotation store.
    ///   - people: the people store (usually the same object).
    ///   - modules: the task module of a project.
    ///   - threads: threads that run blocking store calls.
    ///   - maximumBodyBytes: the largest request body, in bytes (413 beyond).
    public init(store: any AnnotationStore, people: any PeopleStore, modules: @escaping @Sendable (Project) throws -> any TaskModule,
                threads: Int = 16, maximumBodyBytes: Int = 1 << 20) {
        self.store = store
        self.people = people
        self.modules = modules
        self.maximumBodyBytes = maximumBodyBytes
        self.pool = NIOThreadPool(numberOfThreads: threads)
        self.throttle = SignInThrottle()
        pool.start()
    }

    deinit { pool.shutdownGracefully { _ in } }

    /// The Hummingbird application serving the API on `host:port` (port 0 picks a free one, given to `onRunning`).
    public func makeApplication(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let router = Router(context: ServerContext.self)
        router.add(middleware: JSONErrorMiddleware())
        addRoutes(to: router)
        var logger = Logger(label: "malmoi-serve")
        logger.logLevel = .warning
        return Application(router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "malmoi"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// Every route as `METHOD /path/{param}` (OpenAPI's spelling), sorted; a test checks it against `docs/openapi.yaml`.
    public func routeList() -> [String] {
        let router = Router(context: ServerContext.self)
        addRoutes(to: router)
        return router.routes.map { route in
            let path = "\(route.path)".split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(route.method.rawValue) /" + path.joined(separator: "/")
        }.sorted()
    }

    /// Serves until SIGTERM or SIGINT, then stops taking connections and finishes requests in flight.
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await makeApplication(host: host, port: port, onRunning: onRunning).runService()
    }

    /// Runs a blocking store call on the thread pool.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(body)
    }
}

/// The request context: Hummingbird's core storage plus the peer's address (for the sign-in throttle).
public struct ServerContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connected peer.
    public let remoteAddress: SocketAddress?

    /// Creates a context for a request on a channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read with the server's own limit (``TeamServer/maximumBodyBytes``).
    public var maxUploadSize: Int { 64 << 20 }
}

/// Turns every error (a handler's, the router's 404, an oversized body) into the JSON error body.
struct JSONErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            let code: String = switch error.status {
            case .notFound: "not_found"
            case .contentTooLarge: "too_large"
            case .methodNotAllowed: "method_not_allowed"
            case .unauthorized: "unauthorized"
            default: "bad_request"
            }
            let message = (error as? HTTPError)?.body ?? (error.status == .contentTooLarge
                ? "the request body is larger than the server accepts" : error.status.reasonPhrase)
            return Self.response(APIError(error.status, code, message))
        } catch {
            return Self.response(APIError.from(error))
        }
    }

    static func response(_ error: APIError) -> Response {
        json(Wire.error(code: error.code, message: error.message), status: error.status)
    }
}

/// A JSON response.
func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    var bytes: [UInt8] = []
    value.appendSerialized(to: &bytes)
    bytes.append(0x0A)
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
}

/// Slows down repeated failed sign-ins from one address: after 5 failures in 10 minutes each further attempt
/// waits twice as long as the one before (up to 8 s) before it is answered.
final class SignInThrottle: Sendable {
    private let lock = Lock()
    nonisolated(unsafe) private var failures: [String: (count: Int, since: Double)] = [:]

    /// Seconds the next attempt from `address` waits.
    func delay(for address: String) -> Double {
        lock.withLock {
            guard let entry = failures[address], Timestamp.now() - entry.since < 600, entry.count >= 5 else { return 0 }
            return min(8, 0.05 * pow(2, Double(entry.count - 5)))
        }
    }

    /// Counts a failure.
    func fail(_ address: String) {
        lock.withLock {
            let now = Timestamp.now()
            if failures.count > 100_000 { failures.removeAll() }
            if let entry = failures[address], now - entry.since < 600 {
                failures[address] = (entry.count + 1, entry.since)
            } else {
                failures[address] = (1, now)
            }
        }
    }

    /// Forgets an address's failures after a good sign-in.
    func succeed(_ address: String) { lock.withLock { _ = failures.removeValue(forKey: address) } }
}
