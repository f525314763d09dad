import ArgumentParser
import Foundation
import MalmoiPostgres
import MalmoiStore

/// The `--store` option shared by the workflow subcommands.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"), help: """
        The store: a SQLite file (created if missing) or postgresql://user[:password]@host[:port]/db[?sslmode=…] \
        (default: $MALMOI_STORE, else malmoi.sqlite).
        """)
    var path: String = ProcessInfo.processInfo.environment["MALMOI_STORE"] ?? "malmoi.sqlite"

    @Option(name: .customLong("sync"), help: """
        SQLite durability: normal (default; every acknowledged write survives a killed process) or full \
        (each write is synced to disk before it is acknowledged, so it also survives power loss; slower).
        """)
    var synchronous: SQLiteStore.Synchronous = .normal

    @Option(help: "A team server (malmoi serve) to work on instead of --store (default: $MALMOI_SERVER).") var server: String?
    @Option(help: "The token for --server (default: $MALMOI_TOKEN, else the one `malmoi login` saved).") var token: String?
    @Flag(help: "Allow --server over plain http:// to another machine (the token travels in clear).") var insecureHttp = false

    /// Opens the store, creating a SQLite file when there is none unless `mustExist` (commands that only
    /// read it: a mistyped path is an error), or the team server with --server.
    func open(mustExist: Bool = false) throws -> any AnnotationStore {
        if let server = server ?? RemoteCredentials.environmentServer { return try RemoteCredentials.open(server: server, token: token, insecureHTTP: insecureHttp) }
        return try StoreLocation(parsing: path).open(mustExist: mustExist, synchronous: synchronous)
    }

    /// Opens a store that must exist already.
    func openExisting() throws -> any AnnotationStore { try open(mustExist: true) }
}

extension SQLiteStore.Synchronous: ExpressibleByArgument {}
