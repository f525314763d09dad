import MalmoiCore
import MalmoiStore

/// The annotator's loop of `malmoi annotate`: shows the next item, reads the answer (or a `:command`),
/// saves it at once, and ends with a summary line on standard error. It takes any ``AnnotationStore``, so
/// a local or a remote store drives the same loop.
public struct AnnotationLoop {
    /// Read one JSON answer per line (`--answers-jsonl`).
    public var answersJSONL = false
    /// Stop after this many saved answers.
    public var limit: Int?
    /// Never colour.
    public var noColour = false
    /// Piped input: a rejected answer is followed by a new try at the same item instead of stopping.
    public var retry = false

    /// A loop with the default settings.
    public init() {}

    /// Runs the loop on standard input until the input ends, `:quit`, the limit, or nothing is left.
    /// - Throws: ``InputError`` (exit 2) when a piped run stopped at, or saved nothing but, rejected lines;
    ///   store errors as they come.
    public func run(store: any AnnotationStore, project: Project, module: any TaskModule, annotator: String) throws {
        let session = try AnnotationSession(store: store, project: project, module: module, annotator: annotator)
        let terminal = WorkflowTerminal(noColour: noColour, history: "annotate-\(project.name)")
        var shownItem: String?
        var retyped: String?
        defer { try? session.finish() }
        loop: while limit.map({ session.savedCount < $0 }) ?? true {
            guard let claim = try session.next() else {
                terminal.say("\(annotator): nothing left to annotate in \(project.name)")
                if !terminal.isInteractive {
                    let unused = terminal.countUnusedLines()
                    if unused > 0 { WorkflowTerminal.warn("\(unused) input line(s) after line \(terminal.lineNumber) were not used") }
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
            let blankAccepts = !answersJSONL && session.editing == nil && DraftAnswer.hasDraft(claim.item, module: module)
            guard var line = terminal.readAnswer(prompt: session.editing == nil ? "> " : "edit> ", draft: draft,
                                                 blankAccepts: blankAccepts) else { break }
            if module.takesMultilineAnswers, !answersJSONL, !line.hasPrefix(":"), !DraftAnswer.isAccept(line) {
                line = terminal.readContinuation(of: line)
            }
            let event: AnnotationEvent
            // At the limit the loop stops after this answer: no next item is claimed with it.
            session.claimsNext = limit.map { session.savedCount + 1 < $0 } ?? true
            do {
                event = try session.respond(to: DraftAnswer.input(line, json: answersJSONL,
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
        WorkflowTerminal.writeError("\(annotator): saved \(session.savedCount), skipped \(session.skippedCount), edited \(session.editedCount); "
                                    + "done \(progress.done), remaining \(progress.remaining), points \(progress.points)")
        if !retry, let error = terminal.stoppedError(command: "annotate") { throw error }
        if retry, let first = terminal.rejectedLines.first, session.savedCount == 0, session.editedCount == 0 {
            throw InputError(.invalidValue, "no answer was saved: all \(terminal.rejectedLines.count) answer line(s) were rejected",
                             at: SourceLocation(path: "<stdin>", line: first))
        }
    }
}
