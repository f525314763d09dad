import ArgumentParser
import MalmoiCore
import MalmoiStore
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi review`.
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
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
            let opened = try store.open()
            let target = try opened.project(named: project)
            let module = try TaskKinds.module(for: target)
            var loop = ReviewLoop()
            loop.annotator = try self.annotator.map { try checkedName($0, "--annotator") }
            (loop.revisit, loop.answersJSONL, loop.noColour, loop.retry) = (revisit, answersJsonl, noColor, retry)
            if list {
                let output = ByteWriter()
                try loop.list(store: opened, project: target, module: module, reviewer: reviewer, to: output)
                try output.flush()
            } else {
                try loop.run(store: opened, project: target, module: module, reviewer: reviewer)
            }
        }
    }
}
