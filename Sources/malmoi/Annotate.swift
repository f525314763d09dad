import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiStore
import MalmoiTerminal
import MalmoiText

/// Reads answers and prints prompts for the interactive loops: prompts and colours on a terminal, nothing
/// but messages on standard error when piped.
final class WorkflowTerminal {
    /// Whether standard input and output are both terminals.
    let isInteractive: Bool
    /// Whether to colour output.
    let useColour: Bool
    /// The number of the last line read from standard input (1-based; 0 before the first).
    private(set) var lineNumber = 0
    /// Answers not saved (piped mode), for the closing message and exit status.
    var rejectedLines: [Int] = []

    /// The line editor at a terminal (history per `history` name); nil when piped.
    private let editor: LineEditor?

    init(noColour: Bool, history: String? = nil) {
        isInteractive = isatty(0) == 1 && isatty(1) == 1
        useColour = isInteractive && !noColour && TerminalInfo.coloursAllowed(by: ProcessInfo.processInfo.environment)
        editor = isInteractive ? LineEditor(history: LineHistory(path: history.flatMap { LineHistory.defaultPath(named: $0) })) : nil
    }

    /// Shows text to a person at a terminal (stdout), wrapped between words at its width; nothing when piped.
    func show(_ text: String) {
        guard isInteractive else { return }
        let width = TerminalInfo(fileDescriptor: 1).columns
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            line.contains("\u{1B}") ? [String(line)] : TextWrapper.wrap(String(line), width: width)
        }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// A message: on the terminal when interactive, else on stderr.
    func say(_ text: String) {
        if isInteractive { show(text) } else { writeError(text) }
    }

    /// Reports an answer that was not saved. At a terminal the annotator simply types again; piped, the
    /// message names the input line, and unless `retry` is set the caller stops reading (returns true),
    /// so that no later line is paired with the wrong item.
    func reject(_ message: String, item: String, verb: String, retry: Bool) -> Bool {
        guard !isInteractive else {
            say(paint(ProjectLimits.escapedForTerminal("\(item): \(verb): \(message)"), "31"))
            return false
        }
        rejectedLines.append(lineNumber)
        writeError(ProjectLimits.escapedForTerminal("<stdin>:\(lineNumber): \(item): \(verb): \(message)"))
        return !retry
    }

    /// The error that ends a piped run stopped by a rejected answer (exit status 2).
    func stoppedError(command: String) -> InputError? {
        guard !isInteractive, let line = rejectedLines.last else { return nil }
        return InputError(.invalidValue,
                          "stopped at this line: later lines were not read, so none could be paired with the wrong item; "
                          + "everything before it is saved. Fix the line and run the same \(command) command again (it resumes), "
                          + "or pass --retry to have the next line answer the same item again, as at a terminal",
                          at: SourceLocation(path: "<stdin>", line: line))
    }

    func paint(_ text: String, _ code: String) -> String {
        useColour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Prompts (when interactive) and reads one line; nil at end of input. Blank lines are skipped, or
    /// returned as "" when `blankAccepts` (Enter takes the item's draft).
    func readAnswer(prompt: String, draft: String? = nil, blankAccepts: Bool = false) -> String? {
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
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                if blankAccepts { return "" }
                continue
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
    }

    /// Reads the rest of a multi-line answer: lines up to and including one holding only `.`, or up to
    /// the end of input. Blank lines inside the answer are kept.
    func readContinuation(of first: String) -> String {
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

    /// Turns a line into an input: a JSON value with `--answers-jsonl`, else the line.
    static func input(_ line: String, json: Bool) throws -> AnnotatorInput {
        guard json else { return .line(line) }
        do {
            return .json(try JSONValue.parse(line))
        } catch {
            throw InputError(.invalidJSON, "answer is not JSON: \(error.message)")
        }
    }
}

extension Malmoi {
    /// `malmoi annotate`.
    struct Annotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Annotate a project's items on standard input.",
            discussion: """
                Shows the next item the annotator has not done that still needs annotations, reads the answer, \
                validates it and saves it at once. At the prompt: :skip :undo :guide :help :quit (also typed with \
                the Korean layout on, e.g. :나ㅑㅔ). On a terminal it prompts in colour; piped, it reads one answer \
                per line (or one JSON object per line with --answers-jsonl) and prints only messages to stderr; \
                an answer that is not saved names its <stdin>:LINE and stops the run with status 2 (--retry reads \
                the next line as a new try instead). Resumes where the annotator left off.

                Example:
                  printf '1\\n2 | 환불 요구\\n:skip\\n' | malmoi annotate --project reviews --annotator kim
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Option(help: "The annotator's id.") var annotator: String
        @Flag(help: "Read one JSON answer per line: the payload, {\"answer\": …} or {\"command\": \"skip\"}.") var answersJsonl = false
        @Option(help: "Stop after this many saved answers.") var limit: Int?
        @Flag(help: "No colours.") var noColor = false
        @Flag(help: "Piped input: after an answer that is not saved, read the next line as a new answer to the same item (as at a terminal) instead of stopping.") var retry = false

        func run() throws {
            let annotator = try checkedName(self.annotator, "--annotator")
            let opened = try store.open()
            let target = try opened.project(named: project)
            let module = try TaskKinds.module(for: target)
            let session = try AnnotationSession(store: opened, project: target, module: module, annotator: annotator)
            let terminal = WorkflowTerminal(noColour: noColor, history: "annotate-\(project)")
            var shownItem: String?
            var retyped: String?
            defer { try? session.finish() }
            loop: while limit.map({ session.savedCount < $0 }) ?? true {
                guard let claim = try session.next() else {
                    terminal.say("\(annotator): nothing left to annotate in \(project)")
                    if !terminal.isInteractive {
                        var unused = 0
                        while let line = readLine(strippingNewline: true) {
                            if !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { unused += 1 }
                        }
                        if unused > 0 { Console.warn("\(unused) input line(s) after line \(terminal.lineNumber) were not used") }
                    }
                    break
                }
                let isFirstPrompt = shownItem != claim.item.id
                if shownItem != claim.item.id, terminal.isInteractive {
                    let progress = try session.progress()
                    terminal.show(terminal.paint("── \(ProjectLimits.escapedForTerminal(claim.item.id))  [done \(progress.done) · remaining \(progress.remaining) · points \(progress.points)]", "2"))
                    terminal.show(ProjectLimits.escapedForTerminal(session.prompt(for: claim.item)))
                }
                shownItem = claim.item.id
                let draft = retyped ?? (isFirstPrompt && terminal.isInteractive && session.editing == nil
                                        ? AnswerDraft.text(for: claim.item, module: module) : nil)
                retyped = nil
                let blankAccepts = !answersJsonl && session.editing == nil && DraftAnswer.hasDraft(claim.item, module: module)
                guard var line = terminal.readAnswer(prompt: session.editing == nil ? "> " : "edit> ", draft: draft,
                                                     blankAccepts: blankAccepts) else { break }
                if module.takesMultilineAnswers, !answersJsonl, !line.hasPrefix(":"), !DraftAnswer.isAccept(line) {
                    line = terminal.readContinuation(of: line)
                }
                let event: AnnotationEvent
                do {
                    event = try session.respond(to: DraftAnswer.input(line, json: answersJsonl,
                                                                      item: session.editing == nil ? claim.item : nil, module: module))
                } catch let error as InputError {
                    if terminal.reject(error.message, item: claim.item.id, verb: "not saved", retry: retry) { break loop }
                    retyped = terminal.isInteractive && !line.contains("\n") ? line : nil
                    continue
                }
                switch event {
                case .saved(let annotation):
                    for warning in annotation.warnings {
                        terminal.say(terminal.paint("\(annotation.item): warning [\(warning.code)] \(warning.message)", "33"))
                    }
                case .edited(let annotation):
                    terminal.say("\(annotation.item): edited (replaces annotation \(annotation.supersedes ?? 0))")
                    shownItem = nil
                case .invalid(let message):
                    if terminal.reject(message, item: claim.item.id, verb: "not saved", retry: retry) { break loop }
                    retyped = terminal.isInteractive && !line.contains("\n") ? line : nil
                case .skipped(let item):
                    terminal.say("\(item.id): skipped")
                case .editing(let previous, let item):
                    terminal.say("editing your answer to \(item.id): \(module.summary(of: previous.payload))")
                    retyped = terminal.isInteractive ? AnswerDraft.line(module.summary(of: previous.payload)) : nil
                    terminal.show(ProjectLimits.escapedForTerminal(session.prompt(for: item)))
                case .guide(let text), .help(let text):
                    terminal.say(text)
                case .quit:
                    break loop
                }
            }
            try session.finish()
            let progress = try session.progress()
            writeError("\(annotator): saved \(session.savedCount), skipped \(session.skippedCount), edited \(session.editedCount); "
                       + "done \(progress.done), remaining \(progress.remaining), points \(progress.points)")
            if !retry, let error = terminal.stoppedError(command: "annotate") { throw error }
            if retry, let first = terminal.rejectedLines.first, session.savedCount == 0, session.editedCount == 0 {
                throw InputError(.invalidValue, "no answer was saved: all \(terminal.rejectedLines.count) answer line(s) were rejected",
                                 at: SourceLocation(path: "<stdin>", line: first))
            }
        }
    }
}
