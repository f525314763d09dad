// A small HTTP/1.1 keep-alive client on SwiftNIO for the load generator: a fixed pool of connections per
// server, each carrying one request at a time, shared by every virtual annotator (async tasks). It does
// what the benchmark needs and no more: POST (or GET) with a bearer token and a JSON body, the status and
// the body back; no TLS, no redirects, no pipelining.
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A response: status code and body.
struct HTTPReply: Sendable {
    let status: Int
    let body: ByteBuffer
}

/// What went wrong with an exchange on the wire (not an HTTP status: those are replies).
struct HTTPClientError: Error, CustomStringConvertible {
    let description: String
}

/// The handler at the end of one connection's pipeline: sends a request and completes the exchange's
/// promise with the response once its end arrives. Lives on the connection's event loop.
final class ExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private var context: ChannelHandlerContext?
    private var pending: EventLoopPromise<HTTPReply>?
    private var status = 0
    private var body = ByteBuffer()

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Writes one request (call on the event loop); `promise` gets the response.
    func send(_ head: HTTPRequestHead, _ requestBody: ByteBuffer?, _ promise: EventLoopPromise<HTTPReply>) {
        guard let context, context.channel.isActive, pending == nil else {
            promise.fail(HTTPClientError(description: "the connection is closed or busy"))
            return
        }
        pending = promise
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let requestBody, requestBody.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(requestBody))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            body.clear()
        case .body(var part):
            body.writeBuffer(&part)
        case .end:
            let promise = pending
            pending = nil
            promise?.succeed(HTTPReply(status: status, body: body))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(HTTPClientError(description: "the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        let promise = pending
        pending = nil
        promise?.fail(error)
    }
}

/// One keep-alive connection to a server.
final class HTTPConnection: Sendable {
    let channel: any Channel
    private let handler: NIOLoopBound<ExchangeHandler>

    private init(channel: any Channel, handler: NIOLoopBound<ExchangeHandler>) {
        self.channel = channel
        self.handler = handler
    }

    /// Connects to `host:port` on one of `group`'s event loops.
    static func connect(host: String, port: Int, group: any EventLoopGroup) async throws -> HTTPConnection {
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(ExchangeHandler())
                }
            }
            .connect(host: host, port: port).get()
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: ExchangeHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return HTTPConnection(channel: channel, handler: handler)
    }

    /// Sends one request and waits for its response.
    func exchange(_ head: HTTPRequestHead, body: ByteBuffer?) async throws -> HTTPReply {
        let promise = channel.eventLoop.makePromise(of: HTTPReply.self)
        let handler = handler
        channel.eventLoop.execute { handler.value.send(head, body, promise) }
        return try await promise.futureResult.get()
    }
}

/// At most `limit` keep-alive connections to one server, opened as needed and shared: a caller takes an
/// idle one, opens one while fewer than `limit` are open, or waits in line (first come, first served; a
/// returned connection goes straight to the longest-waiting caller, nobody else is woken).
final class HTTPConnectionPool: @unchecked Sendable {
    let host: String
    let port: Int
    let limit: Int
    private let group: any EventLoopGroup
    private let lock = NSLock()
    private var idle: [HTTPConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<HTTPConnection?, Never>] = []
    private var firstWaiter = 0
    /// How many connections were opened in all (reconnections included).
    private(set) var opened = 0

    /// A pool for `url` (`http://host:port`).
    init(url: String, limit: Int, group: any EventLoopGroup) throws {
        guard let parsed = URL(string: url), parsed.scheme == "http", let host = parsed.host else {
            throw HTTPClientError(description: "\(url): only http://HOST:PORT is supported")
        }
        self.host = host
        port = parsed.port ?? 80
        self.limit = max(1, limit)
        self.group = group
    }

    private enum Turn { case take(HTTPConnection), connect, wait }

    /// Sends `method path` with a bearer `token` and a JSON `body`, on a pooled connection.
    func send(_ method: HTTPMethod, _ path: String, token: String, body: ByteBuffer?) async throws -> HTTPReply {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "\(host):\(port)")
        headers.add(name: "Authorization", value: "Bearer \(token)")
        headers.add(name: "Content-Length", value: "\(body?.readableBytes ?? 0)")
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: path, headers: headers)
        let connection = try await checkOut()
        do {
            let reply = try await connection.exchange(head, body: body)
            checkIn(connection, broken: !connection.channel.isActive)
            return reply
        } catch {
            checkIn(connection, broken: true)
            throw error
        }
    }

    private func checkOut() async throws -> HTTPConnection {
        while true {
            let turn = lock.withLock { () -> Turn in
                while let connection = idle.popLast() {
                    if connection.channel.isActive { return .take(connection) }
                    open -= 1
                }
                if open < limit {
                    open += 1
                    opened += 1
                    return .connect
                }
                return .wait
            }
            switch turn {
            case .take(let connection):
                return connection
            case .connect:
                do {
                    return try await HTTPConnection.connect(host: host, port: port, group: group)
                } catch {
                    lock.withLock { open -= 1 }
                    wakeFirst(with: nil)
                    throw error
                }
            case .wait:
                let handed: HTTPConnection? = await withCheckedContinuation { continuation in
                    // Between deciding to wait and queueing, a connection may have come back: look again.
                    // Or a connection broke and there is room to open one (resume with nil: go round).
                    let queued = lock.withLock { () -> Bool in
                        if !idle.isEmpty || open < limit { return false }
                        waiters.append(continuation)
                        return true
                    }
                    if !queued { continuation.resume(returning: nil) }
                }
                if let handed { return handed }
                // Handed nothing: a connection broke, so there is room to open one; go round again.
            }
        }
    }

    /// Gives the longest-waiting caller `connection` (nil: room to open one); without a waiter, an idle
    /// connection goes back on the shelf.
    private func wakeFirst(with connection: HTTPConnection?) {
        let waiter = lock.withLock { () -> CheckedContinuation<HTTPConnection?, Never>? in
            guard firstWaiter < waiters.count else {
                if let connection { idle.append(connection) }
                return nil
            }
            let waiter = waiters[firstWaiter]
            firstWaiter += 1
            if firstWaiter > 1024 && firstWaiter * 2 > waiters.count {
                waiters.removeFirst(firstWaiter)
                firstWaiter = 0
            }
            return waiter
        }
        waiter?.resume(returning: connection)
    }

    private func checkIn(_ connection: HTTPConnection, broken: Bool) {
        if broken {
            lock.withLock { open -= 1 }
            connection.channel.close(promise: nil)
            wakeFirst(with: nil)
        } else {
            wakeFirst(with: connection)
        }
    }

    /// Closes the idle connections.
    func close() {
        let connections = lock.withLock { () -> [HTTPConnection] in
            defer { idle = [] }
            return idle
        }
        for connection in connections { connection.channel.close(promise: nil) }
    }
}
