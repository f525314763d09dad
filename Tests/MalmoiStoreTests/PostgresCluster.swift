import Foundation
import MalmoiPostgres
import MalmoiStore
import Testing

/// A throw-away PostgreSQL cluster for the tests: `initdb` as the `postgres` user into a temporary
/// folder, listening on 127.0.0.1 only, on a free port, `fsync=off`; started once per test process at
/// first use and stopped when the process exits (also after failures). Each test gets a database of
/// its own. Without PostgreSQL's binaries the PostgreSQL tests are skipped with the reason; with
/// `CI=true` in the environment they fail instead.
final class PostgresCluster: @unchecked Sendable {
    /// The cluster, or why there is none.
    static let shared: Result<PostgresCluster, ClusterUnavailable> = {
        do { return .success(try PostgresCluster()) } catch let error as ClusterUnavailable { return .failure(error) } catch {
            return .failure(ClusterUnavailable(reason: "\(error)"))
        }
    }()

    /// Why no cluster could be started.
    struct ClusterUnavailable: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    let port: Int
    let directory: String
    let binaries: String
    private let lock = NSLock()
    private var databases = 0

    private init() throws {
        let roots = ["/usr/lib/postgresql"]
        var found: String?
        for root in roots {
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: root))?.sorted { $0.compare($1, options: .numeric) == .orderedDescending } ?? []
            for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
                found = "\(root)/\(version)/bin"
                break
            }
        }
        guard let found else {
            throw ClusterUnavailable(reason: "initdb not found under /usr/lib/postgresql (install the Debian package `postgresql`)")
        }
        binaries = found
        guard getuid() == 0 else { throw ClusterUnavailable(reason: "starting a cluster as the postgres user needs root (runuser)") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-pg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.run("/bin/chown", ["-R", "postgres:postgres", directory])
        port = try Self.freePort()
        try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", "\(found)/initdb", "-D", "\(directory)/data", "-U", "postgres",
                                           "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        PostgresCluster.registerStop(binaries: found, data: "\(directory)/data")
        try Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", "\(found)/pg_ctl", "-D", "\(directory)/data", "-w", "-t", "60",
                                           "-l", "\(directory)/server.log", "-o",
                                           "-c listen_addresses=127.0.0.1 -p \(port) -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c unix_socket_directories='\(directory)' -c max_connections=300",
                                           "start"])
    }

    /// A fresh, empty database on the cluster.
    func makeDatabase() throws -> PostgresLocation {
        let name = lock.withLock { () -> String in
            databases += 1
            return "malmoi_test_\(databases)"
        }
        try Self.run("\(binaries)/psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", "postgres", "-q",
                                          "-c", "CREATE DATABASE \(name)"])
        return PostgresLocation(host: "127.0.0.1", port: port, user: "postgres", database: name)
    }

    /// The location of a database, for tests that or open a second store on it.
    static func requireLocation() throws -> PostgresLocation {
        switch shared {
        case .success(let cluster): return try cluster.makeDatabase()
        case .failure(let error):
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("PostgreSQL is required in CI: \(error.reason)")
                throw error
            }
            FileHandle.standardError.write(Data("skipped: PostgreSQL tests: \(error.reason)\n".utf8))
            try Test.cancel("skipped: \(error.reason)")
        }
    }

    private nonisolated(unsafe) static var stopArguments: (String, String)?

    private static func registerStop(binaries: String, data: String) {
        stopArguments = (binaries, data)
        atexit {
            guard let (binaries, data) = PostgresCluster.stopArguments else { return }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "postgres", "--", "\(binaries)/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try? process.run()
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: data).deletingLastPathComponent().path)
        }
    }

    /// Runs a program, failing with its output when it fails. `posix_spawn` and `waitpid` rather than
    /// `Process`: the server that `pg_ctl start` leaves running inherits descriptors, and
    /// `Process.waitUntilExit` would wait for them.
    static func run(_ program: String, _ arguments: [String]) throws {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-pg-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { throw ClusterUnavailable(reason: "cannot start \(program): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            throw ClusterUnavailable(reason: "\(program) \(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
    }

    /// A TCP port nothing listens on now (the kernel picks it).
    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw ClusterUnavailable(reason: "socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) }
        }
        guard bound == 0 else { throw ClusterUnavailable(reason: "bind() failed") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
