import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiExport

/// Where a command writes: standard output, or a file written through a temporary sibling that is
/// renamed into place only when the command succeeds (a failure halfway leaves the old file as it was).
enum OutputFile {
    /// Runs `body` with a writer to `path` (standard output when nil), refusing a path that is also one
    /// of the command's inputs (writing it would destroy the input before it is read).
    static func write(to path: String?, inputs: [String], _ body: (ByteWriter) throws -> Void) throws {
        guard let path else {
            let writer = ByteWriter()
            try body(writer)
            try writer.flush()
            return
        }
        let target = canonical(path)
        for input in inputs where input != "-" && canonical(input) == target {
            throw ValidationError("--output \(path) is also an input; write to another file and rename it afterwards")
        }
        try AtomicFile.write(to: path) { fd in
            let writer = ByteWriter(fileDescriptor: fd)
            try body(writer)
            try writer.flush()
        }
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
