import Foundation
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

    /// Opens the remote store for `--server`, with the token from `--token`, `$MALMOI_TOKEN` or `malmoi login`.
    static func open(server: String, token: String?) throws -> RemoteStore {
        guard let token = token ?? ProcessInfo.processInfo.environment["MALMOI_TOKEN"] ?? Self.token(for: server) else {
            throw RemoteError(code: "usage", message: "--server \(server) needs a token: --token, $MALMOI_TOKEN, or `malmoi login \(server)`")
        }
        return try RemoteStore(server: server, token: token)
    }
}
