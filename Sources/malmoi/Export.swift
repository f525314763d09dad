import ArgumentParser
import MalmoiCore
import MalmoiStore
import MalmoiTerminal
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export a project's corpus as JSONL, XML, KorQuAD JSON or CoNLL-U.",
            discussion: """
                Streams accepted annotations (or, with --all, every current annotation with its review status) \
                with their items, reviews, points and agreement. jsonl: a header line, one line per item, a \
                summary line; `malmoi import` reads it back losslessly. xml: the urn:malmoi:corpus:1 vocabulary, \
                valid against Guidelines/malmoi-corpus.rng. agreement: the long-format records \
                {"task","item","annotator","label"} that `malmoi agree` reads. korquad (qa projects): KorQuAD \
                JSON with the annotators' questions and validation answers added. conllu (morph projects): one \
                CoNLL-U sentence per exported analysis, sent_id ITEM/ANNOTATOR. Writes stdout, or --output \
                atomically (a temporary file renamed into place; a FIFO or device is written directly; the \
                store itself is refused).

                Example:
                  malmoi export --project reviews --format xml --output reviews.xml
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Option(help: .outputFormat(CorpusExport.Format.self)) var format: CorpusExport.Format = .jsonl
        @Flag(help: "Export every current annotation with its review status, not only accepted ones.") var all = false
        @Option(help: "Write to this file instead of stdout.") var output: String?

        func run() throws {
            let opened = try store.openExisting()
            let target = try opened.project(named: project)
            let export = CorpusExport(store: opened, project: target, module: try TaskKinds.module(for: target), includeAll: all)
            let progress = ProgressBar(label: "export", total: TerminalInfo(fileDescriptor: 2).isTerminal ? try opened.statistics(for: target).items : nil,
                                       unit: "items")
            defer { progress.finish() }
            try export.write(format, to: output, refusing: AtomicFile.storeFiles(store.path), onItem: progress.advance(to:))
        }
    }
}

extension CorpusExport.Format: ExpressibleByArgument {}
