import Foundation
import MalmoiCore
import MalmoiStore
import MalmoiTerminal
import MalmoiText

/// Reads answers and prints prompts for the interactive loops: prompts and colours on a terminal, nothing
/// but messages on standard error when piped.
public final class WorkflowTerminal {
    /// Whether standard input and output are both terminals.
    public let isInteractive: Bool
    /// Whether to colour output.
    public let useColour: Bool
    /// The number of the last line read from standard input (1-based; 0 before the first).
    public private(set) var lineNumber = 0
    /// Answers not saved (piped mode), for the closing message and exit status.
    public var rejectedLines: [Int] = []

    /// The line editor at a terminal (history per `history` name); nil when piped.
    private let editor: LineEditor?

    /// Looks at standard input and output.
    /// - Parameters:
    ///   - noColour: never colour, even at a terminal.
    ///   - history: the name of the prompt's history file (per command and project), or nil for none.
    public init(noColour: Bool, history: String? = nil) {
        isInteractive = isatty(0) == 1 && isatty(1) == 1
        useColour = isInteractive && !noColour && TerminalInfo.coloursAllowed(by: ProcessInfo.processInfo.environment)
        editor = isInteractive ? LineEditor(history: LineHistory(path: history.flatMap { LineHistory.defaultPath(named: $0) })) : nil
    }

    /// Shows text to a person at a terminal (stdout), nothing when piped. A line wider than the terminal is
    /// wrapped between words; one that fits is shown as it is, so aligned columns stay aligned.
    public func show(_ text: String) {
        guard isInteractive else { return }
        let width = TerminalInfo(fileDescriptor: 1).columns
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            line.contains("\u{1B}") || DisplayWidth.columns(of: line) <= width ? [String(line)] : TextWrapper.wrap(String(line), width: width)
        }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// A message: on the terminal when interactive, else on stderr.
    public func say(_ text: String) {
        if isInteractive { show(text) } else { Self.writeError(text) }
    }

    /// Reports an answer that was not saved. At a terminal the annotator simply types again; piped, the
    /// message names the input line, and unless `retry` is set the caller stops reading (returns true),
    /// so that no later line is paired with the wrong item.
    public func reject(_ message: String, item: String, verb: String, retry: Bool) -> Bool {
        guard !isInteractive else {
            say(paint(ProjectLimits.escapedForTerminal("\(item): \(verb): \(message)"), "31"))
            return false
        }
        rejectedLines.append(lineNumber)
        Self.writeError(ProjectLimits.escapedForTerminal("<stdin>:\(lineNumber): \(item): \(verb): \(message)"))
        return !retry
    }

    /// The error that ends a piped run stopped by a rejected answer (exit status 2).
    public func stoppedError(command: String) -> InputError? {
        guard !isInteractive, let line = rejectedLines.last else { return nil }
        return InputError(.invalidValue,
                          "stopped at this line: later lines were not read, so none could be paired with the wrong item; "
                          + "everything before it is saved. Fix the line and run the same \(command) command again (it resumes), "
                          + "or pass --retry to have the next line answer the same item again, as at a terminal",
                          at: SourceLocation(path: "<stdin>", line: line))
    }

    /// `text` in the SGR colour `code` when colouring, else as it is.
    public func paint(_ text: String, _ code: String) -> String {
        useColour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Prompts (when interactive) and reads one line; nil at end of input. Blank lines are skipped, or
    /// returned as "" when `blankAccepts` (Enter takes the item's draft).
    public func readAnswer(prompt: String, draft: String? = nil, blankAccepts: Bool = false) -> String? {
        while true {
            let read: String?
            if let editor {
                read = editor.readLine(prompt: paint(prompt, "1;36"), initial: draft ?? "")
            } else {
                if isInteractive { FileHandle.standardOutput.write(Data(paint(prompt, "1;36").utf8)) }
                read = readLine(strippingNewline: true)
            }
            guard let line = read else { return nil }
            lineNumber += 1
            if Self.isBlank(line) {
                if blankAccepts { return "" }
                continue
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
    }

    /// Reads the rest of a multi-line answer: lines up to and including one holding only `.`, or up to
    /// the end of input. Blank lines inside the answer are kept.
    public func readContinuation(of first: String) -> String {
        var lines = [first]
        if first.trimmingCharacters(in: .whitespaces) == "." { return first }
        while true {
            if isInteractive { FileHandle.standardOutput.write(Data(paint("… ", "1;36").utf8)) }
            guard var line = readLine(strippingNewline: true) else { break }
            lineNumber += 1
            if line.hasSuffix("\r") { line.removeLast() }
            lines.append(line)
            if line.trimmingCharacters(in: .whitespaces) == "." { break }
        }
        return lines.joined(separator: "\n")
    }

    /// Counts the non-blank lines left on standard input (piped runs that ended before their input did).
    public func countUnusedLines() -> Int {
        var unused = 0
        while let line = readLine(strippingNewline: true) {
            if !Self.isBlank(line) { unused += 1 }
        }
        return unused
    }

    /// Turns a line into an input: a JSON value with `--answers-jsonl`, else the line.
    public static func input(_ line: String, json: Bool) throws -> AnnotatorInput {
        guard json else { return .line(line) }
        do {
            return .json(try JSONValue.parse(line))
        } catch {
            throw InputError(.invalidJSON, "answer is not JSON: \(error.message)")
        }
    }

    /// Whether a line holds only spaces, tabs and a carriage return.
    static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }

    /// Writes a line to standard error.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `malmoi: warning: …` to standard error.
    static func warn(_ message: String) {
        writeError("malmoi: warning: \(message)")
    }
}
