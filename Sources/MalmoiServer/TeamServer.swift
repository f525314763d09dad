import Foundation
import Synchronization
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
/// makes each call one transaction. Store calls block, so they run on a thread pool, never on the event loops;
/// the calls of every answer (sign-in, claim, the item read, submit) are awaited instead where the store offers
/// them without blocking (``AwaitingServerCalls``, PostgreSQL).
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
    /// Peer addresses of reverse proxies whose `X-Forwarded-For` is believed (empty: the header is ignored).
    public let trustedProxies: Set<String>
    let pool: NIOThreadPool
    /// The store's calls that need no thread of the pool (``AwaitingServerCalls``), when it offers them: the claim,
    /// the item read and the submit of every answer are awaited on the request's task.
    let awaiting: (any AwaitingServerCalls)?
    /// The same for the sign-in of every request.
    let awaitingPeople: (any AwaitingServerCalls)?
    /// Whether a submission's sign-in may read the answered item in the same round trip: the store of annotations
    /// and the store of people are one object that offers it.
    let signInReadsItems: Bool
    let throttle: SignInThrottle
    /// The store's pseudonym salt, read once (it never changes).
    let saltCache = Mutex<String?>(nil)
    /// Projects by name, read once per server: a project's row never changes after it is created (its claim
    /// timeout, which may, is not part of ``Project`` and is read from the store each time) and projects are never
    /// deleted, so every server over one store sees the same project. A name that is not found is not remembered.
    let projectCache = Mutex<[String: Project]>([:])
    /// Task modules by project id, made once per project (a module depends only on its project's kind and
    /// configuration, which never change).
    let moduleCache = Mutex<[Int64: any TaskModule]>([:])
    /// The most projects (and modules) remembered; beyond it the caches start again empty.
    static let cacheCapacity = 4096

    /// Creates a server.
    /// - Parameters:
    ///   - store: the annotation store.
    ///   - people: the people store (usually the same object).
    ///   - modules: the task module of a project.
    ///   - threads: threads that run blocking store calls.
    ///   - maximumBodyBytes: the largest request body, in bytes (413 beyond).
    ///   - trustedProxies: peer addresses of reverse proxies whose `X-Forwarded-For` names the client (for the
    ///     sign-in throttle); without any, every client behind a proxy shares the proxy's address.
    ///   - throttle: the sign-in throttle.
    public init(store: any AnnotationStore, people: any PeopleStore, modules: @escaping @Sendable (Project) throws -> any TaskModule,
                threads: Int = 16, maximumBodyBytes: Int = 1 << 20, trustedProxies: Set<String> = [],
                throttle: SignInThrottle = SignInThrottle()) {
        self.trustedProxies = trustedProxies
        self.store = store
        self.people = people
        self.modules = modules
        self.maximumBodyBytes = maximumBodyBytes
        self.awaiting = store as? any AwaitingServerCalls
        self.awaitingPeople = people as? any AwaitingServerCalls
        self.signInReadsItems = awaiting != nil && (store as AnyObject) === (people as AnyObject)
        self.pool = NIOThreadPool(numberOfThreads: threads)
        self.throttle = throttle
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

    /// The project with this name (see ``projectCache``): from the store the first time, then from memory.
    func project(named name: String) async throws -> Project {
        if let cached = projectCache.withLock({ $0[name] }) { return cached }
        let found = try await blocking { try self.store.project(named: name) }
        projectCache.withLock { cache in
            if cache.count >= Self.cacheCapacity { cache.removeAll() }
            cache[name] = found
        }
        return found
    }

    /// The task module of a project (see ``moduleCache``): made the first time, then from memory.
    func module(for project: Project) throws -> any TaskModule {
        if let cached = moduleCache.withLock({ $0[project.id] }) { return cached }
        let made = try modules(project)
        moduleCache.withLock { cache in
            if cache.count >= Self.cacheCapacity { cache.removeAll() }
            cache[project.id] = made
        }
        return made
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
        var response = json(Wire.error(code: error.code, message: error.message), status: error.status)
        if let seconds = error.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
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
