import MalmoiCore

extension QATask {
    /// `korquad`: the project as a KorQuAD JSON file.
    public var exportFormats: [String] { ["korquad"] }

    /// `answer_start` of KorQuAD answers, and the spans' `start` and `end`.
    public static var textOffsetFields: [TextOffsetField] { [.start("answer_start")] + TextOffsetField.spans }

    /// Writes `korquad`: KorQuAD JSON (one line) rebuilt from the items made by `malmoi qa import`, with
    /// the annotators' questions (question writing) or validation answers (answer validation) added;
    /// see ``KorQuADConverter``.
    /// - Throws: ``TaskError`` for another format, ``QAError`` naming the item and field of a payload
    ///   that is not a KorQuAD question.
    public func writeExport(format: String, forEachItem: ((TaskExportItem) throws -> Void) throws -> Void, to writer: ByteWriter) throws {
        guard format == "korquad" else {
            throw TaskError(.invalidConfiguration, "qa projects have no export format '\(format)'")
        }
        var builder = KorQuADConverter.Builder()
        try forEachItem { exported in
            let payloads = exported.annotations.enumerated().map { index, annotation in
                (value: annotation.annotation.payload, field: "annotations[\(index)].payload")
            }
            try builder.add(id: exported.item.id, text: exported.item.text, fields: exported.item.fields,
                            annotations: payloads, path: "item \(exported.item.id)")
        }
        writer.writeJSONLine(builder.dataset.jsonValue)
    }
}
