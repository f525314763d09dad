import Foundation

/// Progress on standard error for long jobs, shown only when standard error is a terminal.
final class ProgressReporter {
    private let label: String
    private let isEnabled = isatty(STDERR_FILENO) != 0
    private let start = Date()
    private var lastUpdate = Date.distantPast
    private var shown = false

    init(label: String) {
        self.label = label
    }

    /// Reports bytes processed so far (at most a few times a second).
    func update(bytes: Int, items: Int? = nil) {
        guard isEnabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastUpdate) >= 0.25 else { return }
        lastUpdate = now
        let seconds = max(now.timeIntervalSince(start), 0.001)
        let megabytes = Double(bytes) / 1_048_576
        var line = String(format: "\r%@: %.1f MB, %.1f MB/s", label, megabytes, megabytes / seconds)
        if let items { line += " \(items) items" }
        FileHandle.standardError.write(Data(line.utf8))
        shown = true
    }

    /// Ends the progress line.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// Messages for people, on standard error.
enum Console {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("malmoi: warning: \(message)\n".utf8))
    }
}
