import MalmoiCore
import MalmoiExport
import MalmoiStore

/// `malmoi export`: one project's corpus written in one format, to a file (atomically) or standard output.
///
/// ```swift
/// var export = CorpusExport(store: store, project: project, module: try TaskKinds.module(for: project), includeAll: false)
/// try export.write(.xml, to: "reviews.xml", refusing: AtomicFile.storeFiles("malmoi.sqlite"))
/// ```
public struct CorpusExport {
    /// The formats `export` writes: the generic ones and those a task kind adds.
    public enum Format: String, CaseIterable, Sendable {
        /// A header line, one line per item, a summary line; `malmoi import` reads it back.
        case jsonl
        /// The `urn:malmoi:corpus:1` vocabulary.
        case xml
        /// The long-format agreement records `malmoi agree` reads.
        case agreement
        /// KorQuAD JSON (qa projects).
        case korquad
        /// CoNLL-U (morph projects).
        case conllu
    }

    /// The exporter of the project's items.
    public var exporter: CorpusExporter

    /// Exports `project` of `store` through its task module; `includeAll` exports every current
    /// annotation with its review status instead of only accepted ones.
    public init(store: any AnnotationStore, project: Project, module: any TaskModule, includeAll: Bool) {
        exporter = CorpusExporter(store: store, project: project, module: module, includeAll: includeAll)
    }

    /// Writes the corpus in `format` to `output` (standard output when nil), atomically: a temporary
    /// file renamed into place (see ``AtomicFile``).
    /// - Parameters:
    ///   - format: the format.
    ///   - output: the output path, or nil for standard output.
    ///   - inputs: files the output must not replace (the store's files).
    ///   - onItem: called with the count of items written so far, after each item.
    /// - Throws: ``InputError`` when the output is one of `inputs`, ``TaskError`` when the project's kind
    ///   has no such format, or what the store and the exporter throw.
    public func write(_ format: Format, to output: String?, refusing inputs: [String], onItem: ((Int) -> Void)? = nil) throws {
        var exporter = exporter
        exporter.onItem = onItem
        if format == .xml {
            if let output {
                try AtomicFile.write(to: output, refusing: inputs) { _ = try exporter.writeXML(toFileDescriptor: $0) }
            } else {
                _ = try exporter.writeXML(toFileDescriptor: 1)
            }
            return
        }
        try AtomicFile.write(to: output, refusing: inputs) { writer in
            switch format {
            case .jsonl, .xml:
                _ = try exporter.writeJSONL(to: writer)
            case .agreement:
                for record in try ProjectAgreement.records(store: exporter.store, project: exporter.project, module: exporter.module) {
                    writer.writeJSONLine(record.jsonValue)
                }
            case .korquad, .conllu:
                try exporter.writeTaskFormat(format.rawValue, to: writer)
            }
        }
    }
}
