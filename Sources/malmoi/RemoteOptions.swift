import Foundation
import MalmoiCore
#if canImport(Glibc)
import Glibc
#endif
import MalmoiRemote
import MalmoiStore

/// Where `--server` finds its token when `--token` and `$MALMOI_TOKEN` are not given: the file `malmoi login` writes.
enum RemoteCredentials {
    /// `$XDG_CONFIG_HOME/malmoi/credentials`, else `~/.config/malmoi/credentials`.
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/malmoi/credentials"
    }

    /// `$MALMOI_SERVER` when set and not empty.
    static var environmentServer: String? {
        ProcessInfo.processInfo.environment["MALMOI_SERVER"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The saved server and token, if any (`SERVER TAB TOKEN` lines; the last line for a server wins).
    static func token(for server: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").reversed().lazy.compactMap { line -> String? in
            let parts = line.split(separator: "\t")
            return parts.count == 2 && Self.same(String(parts[0]), server) ? String(parts[1]) : nil
        }.first
    }

    static func same(_ a: String, _ b: String) -> Bool {
        func trimmed(_ s: String) -> String { s.hasSuffix("/") ? String(s.dropLast()) : s }
        return trimmed(a) == trimmed(b)
    }

    /// Saves `server`'s token in the credentials file at `path`, replacing any earlier token for it: written through
    /// ``AtomicFile`` (a whole new file or the old one) with mode 0600 whatever the old file's mode, and never through
    /// a symbolic link or onto anything but a regular file (`O_NOFOLLOW` semantics: such a path is refused).
    static func save(server: String, token: String, to path: String) throws {
        var status = stat()
        if lstat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
            throw RemoteCredentialsError(message: "\(path) is not a regular file (a symbolic link?); remove it and log in again")
        }
        var lines: [String] = []
        if status.st_size > 0 {
            let descriptor = Glibc.open(path, O_RDONLY | O_NOFOLLOW)
            guard descriptor >= 0 else { throw RemoteCredentialsError(message: "cannot read \(path)") }
            defer { close(descriptor) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(descriptor, &chunk, chunk.count)
                guard count >= 0 else { throw RemoteCredentialsError(message: "cannot read \(path)") }
                if count == 0 { break }
                bytes.append(contentsOf: chunk[..<count])
            }
            lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        lines.removeAll { same(String($0.split(separator: "\t").first ?? ""), server) }
        lines.append(server + "\t" + token)
        let data = Array((lines.joined(separator: "\n") + "\n").utf8)
        try AtomicFile.write(to: path) { descriptor in
            guard fchmod(descriptor, 0o600) == 0 else { throw RemoteCredentialsError(message: "cannot set the mode of \(path)") }
            let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == data.count else { throw RemoteCredentialsError(message: "cannot write \(path)") }
        }
    }

    /// Opens the remote store for `--server`, with the token from `--token`, `$MALMOI_TOKEN` or `malmoi login`.
    /// Plain `http://` to another machine is refused unless `insecureHTTP` (`--insecure-http`, or
    /// `MALMOI_INSECURE_HTTP=1`).
    static func open(server: String, token: String?, insecureHTTP: Bool = false) throws -> RemoteStore {
        let insecure = insecureHTTP || ProcessInfo.processInfo.environment["MALMOI_INSECURE_HTTP"] == "1"
        // Checked before a saved token is looked up, so that no token is ever sent in clear by mistake.
        _ = try RemoteStore(server: server, token: "", retryDelays: [], allowInsecureHTTP: insecure)
        guard let token = token ?? ProcessInfo.processInfo.environment["MALMOI_TOKEN"] ?? Self.token(for: server) else {
            throw RemoteError(code: "usage", message: "--server \(server) needs a token: --token, $MALMOI_TOKEN, or `malmoi login \(server)`")
        }
        return try RemoteStore(server: server, token: token, allowInsecureHTTP: insecure)
    }
}
