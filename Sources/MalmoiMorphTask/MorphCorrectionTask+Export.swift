import MalmoiMorph
import MalmoiCore

extension MorphCorrectionTask {
    /// `conllu`: one CoNLL-U sentence per exported analysis.
    public var exportFormats: [String] { ["conllu"] }

    /// Writes `conllu`: one CoNLL-U sentence per exported annotation, `sent_id` ITEM/ANNOTATOR, the
    /// analysis aligned with the item's text (a bare confirmation becomes the draft).
    /// - Throws: ``TaskError`` for another format or a payload that is not an analysis of its item.
    public func writeExport(format: String, forEachItem: ((TaskExportItem) throws -> Void) throws -> Void, to writer: ByteWriter) throws {
        guard format == "conllu" else {
            throw TaskError(.invalidConfiguration, "morph projects have no export format '\(format)'")
        }
        try forEachItem { exported in
            for annotation in exported.annotations {
                let analysis = try analysis(of: annotation.annotation.payload, for: exported.item)
                let id = "\(exported.item.id)/\(annotation.annotation.annotator)"
                writer.write(CoNLLUSentence(id: id, text: exported.item.text, analysis: analysis).rendered)
            }
        }
    }
}
