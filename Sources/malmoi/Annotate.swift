import ArgumentParser
import MalmoiCore
import MalmoiStore
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi annotate`.
    struct Annotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annotate",
            abstract: "Annotate a project's items on standard input.",
            discussion: """
                Shows the next item the annotator has not done that still needs annotations, reads the answer, \
                validates it and saves it at once. At the prompt: :skip :undo :guide :help :quit (also typed with \
                the Korean layout on, e.g. :나ㅑㅔ). On a terminal it prompts in colour; piped, it reads one answer \
                per line (or one JSON object per line with --answers-jsonl) and prints only messages to stderr; \
                an answer that is not saved names its <stdin>:LINE and stops the run with status 2 (--retry reads \
                the next line as a new try instead). Where an item has a machine draft (a summary, morph or \
                abuse suggestion, a model's pre-label), an empty line or ok takes it, piped as at a terminal, and \
                the annotation records whether the draft was kept, changed or replaced. Resumes where the \
                annotator left off.

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
            var loop = AnnotationLoop()
            (loop.answersJSONL, loop.limit, loop.noColour, loop.retry) = (answersJsonl, limit, noColor, retry)
            try loop.run(store: opened, project: target, module: try TaskKinds.module(for: target), annotator: annotator)
        }
    }
}
