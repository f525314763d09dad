import Foundation

/// Messages for people, on standard error.
enum Console {
    /// Writes `malmoi: warning: MESSAGE` to standard error.
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("malmoi: warning: \(message)\n".utf8))
    }
}

/// Writes a line to standard error.
func writeError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
