import ArgumentParser
import MalmoiCore
import MalmoiExport
import MalmoiStore

extension Malmoi {
    /// `malmoi export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a project's corpus as JSONL or XML.",
            discussion: """
                Streams accepted annotations (or, with --all, every current annotation with its review status)
                with their items, reviews, points and agreement. jsonl: a header line, one line per item, a
                summary line; `malmoi import` reads it back losslessly. xml: the urn:malmoi:corpus:1 vocabulary,
                valid against Guidelines/malmoi-corpus.rng. agreement: the long-format records
                {"task","item","annotator","label"} that `malmoi agree` reads. Writes stdout, or --output
                atomically (a temporary file renamed into place).

                Example:
                  malmoi export --project reviews --format xml --output reviews.xml
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Option(help: "Output format: jsonl, xml or agreement.") var format: String = "jsonl"
        @Flag(help: "Export every current annotation with its review status, not only accepted ones.") var all = false
        @Option(help: "Write to this file instead of stdout.") var output: String?

        func validate() throws {
            guard ["jsonl", "xml", "agreement"].contains(format) else {
                throw ValidationError("--format must be jsonl, xml or agreement, not '\(format)'")
            }
        }

        func run() throws {
            let opened = try store.open()
            let target = try opened.project(named: project)
            let module = try TaskKinds.module(for: target)
            let exporter = CorpusExporter(store: opened, project: target, module: module, includeAll: all)
            let write: (Int32) throws -> Void = { fd in
                switch format {
                case "xml":
                    try exporter.writeXML(toFileDescriptor: fd)
                case "agreement":
                    let writer = ByteWriter(fileDescriptor: fd)
                    for record in try AgreeProject.records(store: opened, project: target, module: module) {
                        writer.writeJSONLine(AgreeProject.json(record))
                    }
                    try writer.flush()
                default:
                    try exporter.writeJSONL(to: ByteWriter(fileDescriptor: fd))
                }
            }
            if let output {
                try AtomicFile.write(to: output, write)
            } else {
                try write(1)
            }
        }
    }
}
