#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MalmoiCore

/// Writes a file through a temporary sibling renamed into place, so a crash never leaves half a file.
///
/// ```swift
/// try AtomicFile.write(to: "corpus.xml") { fd in try exporter.writeXML(toFileDescriptor: fd) }
/// ```
public enum AtomicFile {
    /// Creates `path.tmp-PID`, passes its descriptor to `body`, syncs, and renames it to `path`. On any
    /// error the temporary file is removed and `path` is left as it was.
    @discardableResult
    public static func write<T>(to path: String, _ body: (Int32) throws -> T) throws -> T {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw ExportError("open failed for \(temporary): \(String(cString: strerror(errno)))")
        }
        var isOpen = true
        do {
            let result = try body(fd)
            guard fsync(fd) == 0 else { throw ExportError("fsync failed for \(temporary): \(String(cString: strerror(errno)))") }
            close(fd)
            isOpen = false
            guard rename(temporary, path) == 0 else {
                throw ExportError("rename failed for \(path): \(String(cString: strerror(errno)))")
            }
            return result
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
    }
}
