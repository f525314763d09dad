#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines a person entered at a prompt, oldest first, kept in a file between runs.
///
/// ```swift
/// var history = LineHistory(path: LineHistory.defaultPath(named: "annotate-reviews"))
/// history.add("2 | 환불을 요구함")
/// ```
/// The file holds one entry per line, is created with mode 0600 (answers can be private), and only the
/// newest ``limit`` entries are read back. A history without a path lives in memory only.
public struct LineHistory: Sendable {
    /// The entries, oldest first.
    public private(set) var entries: [String] = []
    /// Where entries are appended, if anywhere.
    public let path: String?
    /// The most entries kept in memory.
    public let limit: Int

    /// Reads the history file at `path` (a missing file is an empty history).
    public init(path: String?, limit: Int = 1000) {
        self.path = path
        self.limit = limit
        guard let path, let file = fopen(path, "r") else { return }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        while getline(&line, &capacity, file) > 0, let line {
            var text = String(cString: line)
            if text.hasSuffix("\n") { text.removeLast() }
            if !text.isEmpty { entries.append(text) }
        }
        free(line)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    /// Adds an entry (not a blank one, nor a repeat of the newest) and appends it to the file.
    public mutating func add(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), !line.contains("\n"), entries.last != line else { return }
        entries.append(line)
        if entries.count > limit { entries.removeFirst() }
        guard let path else { return }
        LineHistory.makeParentDirectories(of: path)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { return }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// `${XDG_STATE_HOME:-~/.local/state}/malmoi/history/NAME` (`/` in the name becomes `_`); nil without a home.
    public static func defaultPath(named name: String, environment: [String: String] = TerminalInfo.processEnvironment()) -> String? {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        return base + "/malmoi/history/" + String(name.map { $0 == "/" ? "_" : $0 })
    }

    private static func makeParentDirectories(of path: String) {
        var prefix = ""
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for (index, part) in parts.enumerated() {
            prefix += (index == 0 ? "" : "/") + part
            if !prefix.isEmpty { mkdir(prefix, 0o700) }
        }
    }
}
