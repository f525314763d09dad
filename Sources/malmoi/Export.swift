import ArgumentParser
import MalmoiCore
import MalmoiExport
import MalmoiStore
import MalmoiTerminal
import MalmoiWorkflow

extension Malmoi {
    /// `malmoi export`.
    struct Export: ParsableCommand {
        /// The formats `export` writes: the generic ones and those a task kind adds.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case jsonl, xml, agreement, korquad, conllu
        }

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
        @Option(help: "Output format: jsonl, xml, agreement, korquad (qa) or conllu (morph).") var format: Format = .jsonl
        @Flag(help: "Export every current annotation with its review status, not only accepted ones.") var all = false
        @Option(help: "Write to this file instead of stdout.") var output: String?

        func run() throws {
            let opened = try store.openExisting()
            let target = try opened.project(named: project)
            let module = try TaskKinds.module(for: target)
            var exporter = CorpusExporter(store: opened, project: target, module: module, includeAll: all)
            let progress = ProgressBar(label: "export", total: TerminalInfo(fileDescriptor: 2).isTerminal ? try opened.statistics(for: target).items : nil,
                                       unit: "items")
            exporter.onItem = progress.advance(to:)
            defer { progress.finish() }
            if format == .xml {
                if let output {
                    try AtomicFile.write(to: output, refusing: AtomicFile.storeFiles(store.path)) {
                        try exporter.writeXML(toFileDescriptor: $0)
                    }
                } else {
                    try exporter.writeXML(toFileDescriptor: 1)
                }
                return
            }
            try AtomicFile.write(to: output, refusing: AtomicFile.storeFiles(store.path)) { writer in
                switch format {
                case .jsonl, .xml:
                    try exporter.writeJSONL(to: writer)
                case .agreement:
                    for record in try ProjectAgreement.records(store: opened, project: target, module: module) {
                        writer.writeJSONLine(record.jsonValue)
                    }
                case .korquad, .conllu:
                    try exporter.writeTaskFormat(format.rawValue, to: writer)
                }
            }
        }
    }
}
