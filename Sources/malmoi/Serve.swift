import ArgumentParser
import Foundation
import MalmoiPostgres
import MalmoiServer
import MalmoiStore
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi serve --store S --listen HOST:PORT`.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Run the team server: annotators, reviewers and clients work over HTTP with their own tokens.",
            discussion: """
                Serves the JSON API described in docs/openapi.yaml under /api/v1. People and tokens come from \
                `malmoi user add`. Several serve processes over one PostgreSQL store act as one service. Stops on \
                SIGTERM or SIGINT after finishing the requests in flight. Put a TLS-terminating reverse proxy in front \
                (docs/deploy.md).

                Example:
                  malmoi serve --store postgresql://malmoi@db.internal/labels --listen 127.0.0.1:8080
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "Address and port to listen on, HOST:PORT.") var listen: String = "127.0.0.1:8080"
        @Option(help: "Threads that run store calls (default: as many as --connections; more only switch between each other, docs/deploy.md).")
        var threads: Int?
        @Option(help: "Most PostgreSQL connections this process opens (a few per core of the database machine serve best; docs/deploy.md).")
        var connections: Int = 4
        @Option(help: "Largest request body, in KiB.") var maxBodyKib: Int = 1024
        @Option(name: .customLong("trusted-proxy"),
                help: "Address of a reverse proxy whose X-Forwarded-For names the client for the bad-token throttle (repeatable; off by default: every client behind a proxy shares its address).")
        var trustedProxies: [String] = []

        func validate() throws {
            guard Self.address(listen) != nil else { throw ValidationError("--listen \(listen) is not HOST:PORT") }
            guard threads ?? 1 > 0, connections > 0, maxBodyKib > 0 else {
                throw ValidationError("--threads, --connections and --max-body-kib must be positive")
            }
        }

        static func address(_ text: String) -> (host: String, port: Int)? {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
            let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return host.isEmpty ? nil : (host, port)
        }

        func run() throws {
            guard store.server == nil else { throw ValidationError("serve works on a --store, not on another --server") }
            let opened = try StoreLocation(parsing: store.path).open(connections: connections)
            guard let people = opened as? any PeopleStore else {
                throw ValidationError("this store cannot hold people and tokens yet")
            }
            let (host, port) = Self.address(listen)!
            let server = TeamServer(store: opened, people: people, modules: { try TaskKinds.module(for: $0) },
                                    threads: threads ?? connections, maximumBodyBytes: maxBodyKib * 1024, trustedProxies: Set(trustedProxies))
            let path = store.path
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var failure: (any Error)?
            Task {
                do {
                    try await server.run(host: host, port: port) { bound in
                        writeError("malmoi: serving \(path) on http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/api/v1")
                    }
                } catch { failure = error }
                done.signal()
            }
            done.wait()
            if let failure { throw failure }
            writeError("malmoi: stopped")
        }
    }
}
