import ArgumentParser
import Foundation
import MalmoiCore
import MalmoiExport
import MalmoiMorph
import MalmoiQA
import MalmoiStore

extension Malmoi {
    /// `malmoi export`.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a project's corpus as JSONL, XML, KorQuAD JSON or CoNLL-U.",
            discussion: """
                Streams accepted annotations (or, with --all, every current annotation with its review status) \
                with their items, reviews, points and agreement. jsonl: a header line, one line per item, a \
                summary line; `malmoi import` reads it back losslessly. xml: the urn:malmoi:corpus:1 vocabulary, \
                valid against Guidelines/malmoi-corpus.rng. agreement: the long-format records \
                {"task","item","annotator","label"} that `malmoi agree` reads. korquad (qa projects): KorQuAD \
                JSON with the annotators' questions and validation answers added. conllu (morph projects): one \
                CoNLL-U sentence per exported analysis, sent_id ITEM/ANNOTATOR. Writes stdout, or --output \
                atomically (a temporary file renamed into place).

                Example:
                  malmoi export --project reviews --format xml --output reviews.xml
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The project.") var project: String
        @Option(help: "Output format: jsonl, xml, agreement, korquad (qa) or conllu (morph).") var format: String = "jsonl"
        @Flag(help: "Export every current annotation with its review status, not only accepted ones.") var all = false
        @Option(help: "Write to this file instead of stdout.") var output: String?

        func validate() throws {
            guard ["jsonl", "xml", "agreement", "korquad", "conllu"].contains(format) else {
                throw ValidationError("--format must be jsonl, xml, agreement, korquad or conllu, not '\(format)'")
            }
        }

        func run() throws {
            let opened = try store.openExisting()
            let target = try opened.project(named: project)
            let module = try TaskKinds.module(for: target)
            let exporter = CorpusExporter(store: opened, project: target, module: module, includeAll: all)
            let write: (Int32) throws -> Void = { fd in
                switch format {
                case "xml":
                    try exporter.writeXML(toFileDescriptor: fd)
                case "korquad":
                    guard module is QATask else {
                        throw ValidationError("--format korquad needs a qa project; \(project) is \(target.kind.rawValue)")
                    }
                    try Self.writeKorQuAD(exporter, acceptedOnly: !all, to: ByteWriter(fileDescriptor: fd))
                case "conllu":
                    guard let morph = module as? MorphCorrectionTask else {
                        throw ValidationError("--format conllu needs a morph project; \(project) is \(target.kind.rawValue)")
                    }
                    let writer = ByteWriter(fileDescriptor: fd)
                    try opened.forEachExportItem(in: target, includeAll: all) { exported in
                        for annotation in exported.annotations {
                            let analysis = try morph.analysis(of: annotation.annotation.payload, for: exported.item)
                            let id = "\(exported.item.id)/\(annotation.annotation.annotator)"
                            writer.write(CoNLLUSentence(id: id, text: exported.item.text, analysis: analysis).rendered)
                        }
                    }
                    try writer.flush()
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

        /// KorQuAD JSON of a qa project: its JSONL export (through a temporary file, so memory holds the
        /// dataset once) converted by ``KorQuADConverter``.
        static func writeKorQuAD(_ exporter: CorpusExporter, acceptedOnly: Bool, to writer: ByteWriter) throws {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-korquad-\(UUID().uuidString).jsonl").path
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            do {
                let jsonl = try ByteWriter(creatingFileAt: temporary)
                _ = try exporter.writeJSONL(to: jsonl)
                try jsonl.flush()
            }
            var records: [(object: JSONObject, location: SourceLocation?)] = []
            try JSONLReader(path: temporary).forEachRecord { record in
                if record.object["record"]?.stringValue.map({ $0 != "item" }) ?? false { return }
                records.append((record.object, record.location))
            }
            writer.writeJSONLine(try KorQuADConverter.dataset(from: records, acceptedOnly: acceptedOnly).jsonValue)
            try writer.flush()
        }
    }
}
