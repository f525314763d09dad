import MalmoiCore
import MalmoiStore
import MalmoiText

/// The reviewer's loop of `malmoi review` (검수): walks the submissions grouped by annotator, shows each
/// with its warnings, duplicates and the other annotators' answers, and records verdicts. It takes any
/// ``AnnotationStore``, so a local or a remote store drives the same loop.
public struct ReviewLoop {
    /// Review only this annotator's work.
    public var annotator: String?
    /// Include annotations already reviewed.
    public var revisit = false
    /// Read one JSON verdict per line.
    public var answersJSONL = false
    /// Never colour.
    public var noColour = false
    /// Piped input: a verdict that is not recorded is followed by a new try instead of stopping.
    public var retry = false

    /// A loop with the default settings.
    public init() {}

    /// Opens the review session of `reviewer` on `project`.
    func session(store: any AnnotationStore, project: Project, module: any TaskModule, reviewer: String) throws -> ReviewSession {
        try ReviewSession(store: store, project: project, module: module, reviewer: reviewer,
                          annotator: annotator, filter: revisit ? .all : .pending)
    }

    /// Writes the review queue as JSON lines (see ``json(_:module:)``) and records nothing.
    public func list(store: any AnnotationStore, project: Project, module: any TaskModule, reviewer: String, to output: ByteWriter) throws {
        let session = try session(store: store, project: project, module: module, reviewer: reviewer)
        while let unit = try session.next() {
            output.writeJSONLine(Self.json(unit, module: module))
            _ = try session.respond(to: .line(":skip"))
        }
    }

    /// Runs the loop on standard input until the input ends, `:quit` or the queue is empty, and ends with a
    /// summary line on standard error.
    /// - Throws: ``InputError`` (exit 2) when a piped run stopped at a rejected line; store errors as they come.
    public func run(store: any AnnotationStore, project: Project, module: any TaskModule, reviewer: String) throws {
        let session = try session(store: store, project: project, module: module, reviewer: reviewer)
        let terminal = WorkflowTerminal(noColour: noColour, history: "review-\(project.name)")
        var credited = 0
        var lastAnnotator: String?
        loop: while let unit = try session.next() {
            if terminal.isInteractive {
                if lastAnnotator != unit.annotation.annotator {
                    terminal.show(terminal.paint("══ \(ProjectLimits.escapedForTerminal(unit.annotation.annotator))", "1"))
                }
                terminal.show(Self.screen(unit, module: module, terminal: terminal))
            }
            lastAnnotator = unit.annotation.annotator
            guard let line = terminal.readAnswer(prompt: "verdict> ") else { break }
            let event: ReviewEvent
            do {
                event = try session.respond(to: WorkflowTerminal.input(line, json: answersJSONL))
            } catch let error as InputError {
                if terminal.reject(error.message, item: unit.annotation.item, verb: "not recorded", retry: retry) { break loop }
                continue
            }
            switch event {
            case .recorded(let outcome):
                for entry in outcome.ledgerEntries {
                    credited += entry.points
                    terminal.say(ProjectLimits.escapedForTerminal("\(unit.annotation.item): \(entry.annotator) \(entry.points > 0 ? "+" : "")\(entry.points) points"))
                }
            case .invalid(let message):
                if terminal.reject(message, item: unit.annotation.item, verb: "not recorded", retry: retry) { break loop }
            case .skipped:
                continue
            case .guide(let text), .help(let text):
                terminal.say(text)
            case .quit:
                break loop
            }
        }
        WorkflowTerminal.writeError("\(reviewer): recorded \(session.recordedCount) verdicts; ledger change \(credited) points")
        if !retry, let error = terminal.stoppedError(command: "review") { throw error }
    }

    /// What a reviewer sees of one unit: the item, the answer, warnings, duplicates, the other annotators'
    /// answers (`=` agrees, `≠` differs; names and answers in columns aligned by display width) and earlier verdicts. Ids and texts are escaped for the terminal.
    public static func screen(_ unit: ReviewUnit, module: any TaskModule, terminal: WorkflowTerminal) -> String {
        let shown = ProjectLimits.escapedForTerminal   // ids and texts never reach the terminal raw
        var lines = ["── \(shown(unit.annotation.item))  (\(unit.positionInAnnotator.index)/\(unit.positionInAnnotator.count) of \(shown(unit.annotation.annotator)))",
                     shown(unit.item.text),
                     terminal.paint("answer: " + shown(module.summary(of: unit.annotation.payload)), "1")]
        for warning in unit.annotation.warnings { lines.append(terminal.paint("warning [\(warning.code)] \(shown(warning.message))", "33")) }
        for duplicate in unit.duplicates {
            let kind = duplicate.match.isExact ? "duplicate of" : "near-duplicate (\(Int((duplicate.match.similarity * 100).rounded()))%) of"
            lines.append(terminal.paint("\(kind) this annotator's answer to \(shown(duplicate.item))", "35"))
        }
        // The other annotators' answers as a table aligned by display width (Hangul names are two columns a letter).
        var others = TextTable(columns: [.left("annotator"), .left("answer")], showsHeadings: false)
        for other in unit.others {
            let mark = unit.agreesWith[other.annotator] == true ? "=" : "≠"
            others.append(["\(mark) \(shown(other.annotator)):", shown(module.summary(of: other.payload))])
        }
        if !unit.others.isEmpty { lines.append(String(others.rendered().dropLast())) }
        for review in unit.previousReviews {
            lines.append(shown("earlier: \(review.verdict.rawValue) by \(review.reviewer) \(review.reasons.joined(separator: ","))"))
        }
        return lines.joined(separator: "\n")
    }

    /// One line of `review --list`: the annotation, its item, answer, payload, warnings, duplicates and the
    /// other annotators' answers.
    public static func json(_ unit: ReviewUnit, module: any TaskModule) -> JSONValue {
        .object(JSONObject([
            ("annotation", .int(Int(unit.annotation.id))), ("annotator", .string(unit.annotation.annotator)),
            ("item", .string(unit.item.id)), ("text", .string(unit.item.text)),
            ("answer", .string(module.summary(of: unit.annotation.payload))), ("payload", unit.annotation.payload),
            ("warnings", .array(unit.annotation.warnings.map(\.jsonValue))),
            ("duplicates", .array(unit.duplicates.map {
                .object(JSONObject([("item", .string($0.item)), ("similarity", .number(($0.match.similarity * 1000).rounded() / 1000)),
                                    ("exact", .bool($0.match.isExact))]))
            })),
            ("others", .array(unit.others.map {
                .object(JSONObject([("annotator", .string($0.annotator)), ("answer", .string(module.summary(of: $0.payload))),
                                    ("agrees", .bool(unit.agreesWith[$0.annotator] ?? false))]))
            })),
            ("previous_reviews", .int(unit.previousReviews.count)),
        ]))
    }
}
