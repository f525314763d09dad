import MalmoiCore
import MalmoiStore

/// A PostgreSQL server and database, from `postgresql://user[:password]@host[:port]/db[?sslmode=…]`.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// Host name or address.
    public var host: String
    /// TCP port (5432 unless given).
    public var port: Int
    /// User name.
    public var user: String
    /// Password, if any.
    public var password: String?
    /// Database name (the user name unless given, as libpq does).
    public var database: String
    /// `disable`, `prefer` (default), `require`, `verify-ca` or `verify-full`.
    public var sslMode: String

    /// Parses a `postgresql://` or `postgres://` URL.
    /// - Throws: ``StoreError`` `.invalidValue` naming the part that is wrong.
    public init(url: String) throws {
        let schemes = ["postgresql://", "postgres://"]
        guard let scheme = schemes.first(where: { url.hasPrefix($0) }) else {
            throw StoreError(.invalidValue, "a PostgreSQL store is a URL starting with postgresql:// or postgres://, not \"\(url)\"")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var host = String(rest)
        var port = 5432
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let number = Int(after.dropFirst()), (1...65535).contains(number) else {
                    throw StoreError(.invalidValue, "the port in \(url) is not a number from 1 to 65535")
                }
                port = number
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let number = Int(host[host.index(after: colon)...]), (1...65535).contains(number) else {
                throw StoreError(.invalidValue, "the port in \(url) is not a number from 1 to 65535")
            }
            port = number
            host = String(host[..<colon])
        }
        var user = "postgres"
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon], url)
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], url)
            } else {
                user = try Self.decode(userInfo, url)
            }
        }
        guard !host.isEmpty else { throw StoreError(.invalidValue, "the URL \(url) names no host") }
        self.host = try Self.decode(Substring(host), url)
        self.port = port
        self.user = user
        self.password = password
        database = path.isEmpty ? user : try Self.decode(Substring(path), url)
        sslMode = "prefer"
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = String(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1], url) : ""
            switch key {
            case "sslmode":
                guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(value) else {
                    throw StoreError(.invalidValue, "sslmode must be disable, prefer, require, verify-ca or verify-full, not \"\(value)\"")
                }
                sslMode = value == "allow" ? "prefer" : value
            case "user": user = value; self.user = value
            case "password": self.password = value
            case "host": self.host = value
            case "port":
                guard let number = Int(value) else { throw StoreError(.invalidValue, "the port in \(url) is not a number") }
                self.port = number
            case "application_name", "connect_timeout": break
            default:
                throw StoreError(.invalidValue, "unknown parameter \"\(key)\" in \(url) (known: sslmode, user, password, host, port)")
            }
        }
    }

    /// Creates a location from its parts.
    public init(host: String, port: Int, user: String, password: String? = nil, database: String, sslMode: String = "disable") {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
    }

    /// The URL without the password.
    public var description: String { "postgresql://\(user)@\(host):\(port)/\(database)" }

    private static func decode(_ text: Substring, _ url: String) throws -> String {
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                guard first != utf8.endIndex, utf8.index(after: first) != utf8.endIndex,
                      let value = UInt8(String(decoding: utf8[first...utf8.index(after: first)], as: UTF8.self), radix: 16) else {
                    throw StoreError(.invalidValue, "a bad %-escape in \(url)")
                }
                bytes.append(value)
                index = utf8.index(first, offsetBy: 2)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Where a store lives: a SQLite file (the embedded default) or a PostgreSQL database.
///
/// ```swift
/// let store = try StoreLocation(parsing: "postgresql://malmoi@db.internal/labels").open(mustExist: true)
/// ```
public enum StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// A `postgresql://` or `postgres://` URL, else a SQLite file path.
    /// - Throws: ``StoreError`` `.invalidValue` for a malformed URL.
    public init(parsing text: String) throws {
        if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            self = .postgres(try PostgresLocation(url: text))
        } else {
            guard !text.isEmpty else { throw StoreError(.invalidValue, "--store is empty") }
            self = .sqlite(path: text)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }

    /// Opens the store, creating and migrating its schema when needed.
    /// - Parameters:
    ///   - mustExist: for commands that only read (stats, export): a SQLite path naming no file is an
    ///     error instead of a new empty store.
    ///   - connections: most PostgreSQL connections the store opens at once.
    /// - Throws: ``StoreError`` `.notFound` for a missing SQLite file, `.database` when the store cannot
    ///   be reached (for PostgreSQL: host, port and the server's message).
    ///   - synchronous: for SQLite, how each commit reaches the disk (`--sync`); PostgreSQL keeps the server's setting.
    public func open(mustExist: Bool = false, connections: Int = 4, synchronous: SQLiteStore.Synchronous = .normal) throws -> any AnnotationStore {
        switch self {
        case .sqlite(let path):
            return mustExist ? try SQLiteStore(existingAt: path, synchronous: synchronous) : try SQLiteStore(path: path, synchronous: synchronous)
        case .postgres(let location):
            return try PostgresStore(location, connections: connections)
        }
    }
}
