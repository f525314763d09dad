import ArgumentParser
import MalmoiCore
import MalmoiModel
import MalmoiStore
import MalmoiTerminal
import MalmoiText
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi import`.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import items into a project.",
            discussion: """
                Reads JSONL (one object per line; the item lines of a Malmoi JSONL export are read back too) or plain text (one item per line, numbered by line). Text goes through --normalize (NFC by default) unless the \
                project is verbatim. The whole import is one transaction: a bad line (reported as FILE:LINE) \
                imports nothing, unless --skip-bad, which skips and counts bad lines and commits in batches. \
                Prints a summary to stderr.

                Lines of a Malmoi JSONL export that carry annotations and reviews are refused (exit 2, \
                FILE:LINE) unless --restore: restoring work is an admin's choice. --restore checks each \
                annotation as typed work is checked (the task's validation, names, ISO 8601 times, finite \
                seconds), refuses a review by the annotator, recomputes warnings, gold scores and points \
                from the project's rules (never taken from the file) and reports each recomputed value as \
                FILE:LINE: field: why.

                Example:
                  malmoi import --project reviews Corpora/label/reviews.jsonl
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project to import into.") var project: String
        @Argument(help: "The input file; omitted or '-' reads standard input.") var file: String?
        @Option(help: "Input format: jsonl or text (default: text for .txt files, else jsonl).") var format: ItemReader.Format?
        @Option(help: "JSONL field holding the text.") var textField: String = "text"
        @Option(help: "JSONL field holding the item id.") var idField: String = "id"
        @Option(help: "JSONL field holding a gold answer (makes the item a gold item).") var goldField: String = "gold"
        @Option(help: "JSONL field holding a machine draft.") var preAnnotationField: String = "pre_annotation"
        @Flag(help: "Replace items whose id already exists instead of refusing.") var upsert = false
        @Flag(help: "Skip and count bad lines instead of importing nothing.") var skipBad = false
        @Flag(help: "Restore the annotations and reviews of Malmoi export lines (checked; points recomputed).") var restore = false
        @Option(help: "Records per batch.") var batchSize: Int = 10_000
        @OptionGroup var normalization: InputNormalizationOptions

        func validate() throws {
            if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        }

        func run() throws {
            let opened = try store.open()
            let target = try opened.project(named: project)
            let reader = try ItemImport.reader(path: file, format: format, textField: textField, idField: idField, goldField: goldField,
                                               preAnnotationField: preAnnotationField, project: target, normalization: normalization.normalize)
            let progress = ProgressBar(label: "import", unit: "items")
            let outcome = try ItemImport(reader: reader, options: ImportOptions(upsert: upsert, skipBad: skipBad, batchSize: batchSize), restoresWork: restore)
                .run(into: target, of: opened, module: try TaskKinds.module(for: target), draft: { try ItemDrafter.filler(for: target, module: try TaskKinds.module(for: target)) },
                     onRecord: progress.advance(to:))
            progress.finish()
            for line in outcome.report(project: project) { writeError(line) }
        }
    }
}

extension ItemReader.Format: ExpressibleByArgument {}
