#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file through a temporary sibling renamed into place, so a crash or a failure halfway never
/// leaves half a file and an old file stays as it was.
///
/// ```swift
/// try AtomicFile.write(to: "corpus.xml") { fd in try exporter.writeXML(toFileDescriptor: fd) }
/// try AtomicFile.write(to: output, refusing: inputs) { writer in writer.write("…") }   // nil: stdout
/// ```
/// Every command that writes a file writes it through this type.
public enum AtomicFile {
    /// Creates `path.tmp-PID`, passes its descriptor to `body`, syncs, and renames it to `path`. On any
    /// error the temporary file is removed and `path` is left as it was.
    /// - Throws: ``FileError`` when the file cannot be created, synced or renamed, or what `body` throws.
    @discardableResult
    public static func write<T>(to path: String, _ body: (Int32) throws -> T) throws -> T {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FileError(call: "open", path: temporary) }
        var isOpen = true
        do {
            let result = try body(fd)
            guard fsync(fd) == 0 else { throw FileError(call: "fsync", path: temporary) }
            close(fd)
            isOpen = false
            guard rename(temporary, path) == 0 else { throw FileError(call: "rename", path: path) }
            return result
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
    }

    /// Runs `body` with a buffered writer to `path` (standard output when nil), written atomically, and
    /// flushes it; refuses a path that is also one of the inputs (writing it would destroy the input
    /// before it is read). `-` among the inputs stands for standard input.
    /// - Throws: ``InputError`` `.invalidValue` when the output is an input, ``FileError``, or what
    ///   `body` throws.
    public static func write(to path: String?, refusing inputs: [String], _ body: (ByteWriter) throws -> Void) throws {
        guard let path else {
            let writer = ByteWriter()
            try body(writer)
            try writer.flush()
            return
        }
        let target = canonicalPath(path)
        for input in inputs where input != "-" && canonicalPath(input) == target {
            throw InputError(.invalidValue, "--output \(path) is also an input; write to another file and rename it afterwards")
        }
        try write(to: path) { fd in
            let writer = ByteWriter(fileDescriptor: fd)
            try body(writer)
            try writer.flush()
        }
    }

    /// The absolute path with links resolved; for a file that does not exist yet, its resolved folder
    /// followed by its name.
    static func canonicalPath(_ path: String) -> String {
        if let resolved = realPath(path) { return resolved }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let resolved = realPath(folder.isEmpty ? "/" : folder) else { return path }
        return (resolved == "/" ? "" : resolved) + "/" + name
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// A file could not be created, synced, renamed or read: a runtime failure (exit 1) naming the failing
/// call, the file and the system's reason.
public struct FileError: LocatedError, Hashable {
    /// What failed, e.g. `open failed for out.xml.tmp-41: Permission denied`.
    public var message: String

    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }

    /// Creates an error for a failed system call, with `errno`'s text.
    public init(call: String, path: String) {
        self.message = "\(call) failed for \(path): \(String(cString: strerror(errno)))"
    }

    /// No line: the error names a file.
    public var location: SourceLocation? { nil }
    /// A failure of the machine, not of the input.
    public var isBadInput: Bool { false }
}
