import Foundation

/// Messages for people, on standard error.
enum Console {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("malmoi: warning: \(message)\n".utf8))
    }
}
