import ArgumentParser
import MalmoiCore
import MalmoiStore

extension Malmoi {
    /// `malmoi review`.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review submitted annotations and credit points.",
            discussion: """
                Walks the submissions grouped by annotator, showing the item, the answer, warnings, duplicates \
                and near-duplicates among that annotator's submissions, and how other annotators answered. Type \
                `a [comment]` to accept (credits the project's points) or `r CODE[,CODE] [comment]` to reject; \
                :skip :help :guide :quit as in annotate. Piped, reads one verdict per line (or JSON with \
                --answers-jsonl: {"verdict": "rejected", "reasons": ["wrong-label"], "comment": "…"}). \
                With --list, prints the review queue as JSON lines to stdout and records nothing.

                Example:
                  printf 'a\\nr wrong-label 부정에 가깝습니다\\n' | malmoi review --project reviews --reviewer park
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Option(help: "The reviewer's id.") var reviewer: String
        @Option(help: "Review only this annotator's work.") var annotator: String?
        @Flag(help: "Include annotations already reviewed (to change a verdict; the ledger records a reversal).") var revisit = false
        @Flag(help: "Read one JSON verdict per line.") var answersJsonl = false
        @Flag(help: "Print the queue as JSON lines (stdout) without recording verdicts.") var list = false
        @Flag(help: "No colours.") var noColor = false
        @Flag(help: "Piped input: after a verdict that is not recorded, read the next line as a new verdict on the same annotation instead of stopping.") var retry = false

        func run() throws {
            let reviewer = try checkedName(self.reviewer, "--reviewer")
            let annotator = try self.annotator.map { try checkedName($0, "--annotator") }
            let opened = try store.open()
            let target = try opened.project(named: project)
            let module = try TaskKinds.module(for: target)
            let session = try ReviewSession(store: opened, project: target, module: module, reviewer: reviewer,
                                            annotator: annotator, filter: revisit ? .all : .pending)
            if list {
                let output = ByteWriter()
                while let unit = try session.next() {
                    output.writeJSONLine(Self.json(unit, module: module))
                    _ = try session.respond(to: .line(":skip"))
                }
                try output.flush()
                return
            }
            let terminal = WorkflowTerminal(noColour: noColor, history: "review-\(project)")
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
                    event = try session.respond(to: WorkflowTerminal.input(line, json: answersJsonl))
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
            writeError("\(reviewer): recorded \(session.recordedCount) verdicts; ledger change \(credited) points")
            if !retry, let error = terminal.stoppedError(command: "review") { throw error }
        }

        static func screen(_ unit: ReviewUnit, module: any TaskModule, terminal: WorkflowTerminal) -> String {
            let shown = ProjectLimits.escapedForTerminal   // ids and texts never reach the terminal raw
            var lines = ["── \(shown(unit.annotation.item))  (\(unit.positionInAnnotator.index)/\(unit.positionInAnnotator.count) of \(shown(unit.annotation.annotator)))",
                         shown(unit.item.text),
                         terminal.paint("answer: " + shown(module.summary(of: unit.annotation.payload)), "1")]
            for warning in unit.annotation.warnings { lines.append(terminal.paint("warning [\(warning.code)] \(shown(warning.message))", "33")) }
            for duplicate in unit.duplicates {
                let kind = duplicate.match.isExact ? "duplicate of" : "near-duplicate (\(Int((duplicate.match.similarity * 100).rounded()))%) of"
                lines.append(terminal.paint("\(kind) this annotator's answer to \(shown(duplicate.item))", "35"))
            }
            for other in unit.others {
                let mark = unit.agreesWith[other.annotator] == true ? "=" : "≠"
                lines.append("\(mark) \(shown(other.annotator)): \(shown(module.summary(of: other.payload)))")
            }
            for review in unit.previousReviews {
                lines.append(shown("earlier: \(review.verdict.rawValue) by \(review.reviewer) \(review.reasons.joined(separator: ","))"))
            }
            return lines.joined(separator: "\n")
        }

        static func json(_ unit: ReviewUnit, module: any TaskModule) -> JSONValue {
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
}
