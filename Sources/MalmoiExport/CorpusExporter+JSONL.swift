import MalmoiCore
import MalmoiStore

extension CorpusExporter {
    /// Writes the corpus as JSON Lines: a `header` record, one `item` record per item, a `summary` record.
    /// - Returns: what was written.
    /// - Throws: store errors, or ``InputError`` from the writer when the output cannot be written.
    @discardableResult
    public func writeJSONL(to writer: ByteWriter) throws -> ExportSummary {
        var summary = ExportSummary()
        writer.writeJSONLine(.object(JSONObject([
            ("schema_version", .int(Self.schemaVersion)), ("record", "header"), ("generator", "malmoi"),
            ("selection", .string(selection)), ("normalization", .string(normalization)), ("offset_unit", "codepoint"),
            ("project", project.jsonValue),
        ])))
        var line = JSONLineBuilder()
        try forEachItem { exportItem in
            let agreement = itemAgreement(exportItem)
            summary.add(agreement)
            summary.items += 1
            summary.annotations += exportItem.annotations.count
            line.reset()
            Self.appendItemRecord(exportItem, agreement: agreement, to: &line)
            line.bytes.withUnsafeBytes { writer.write(bytes: $0) }
            writer.write(byte: 0x0A)
        }
        writer.writeJSONLine(.object(JSONObject([
            ("schema_version", .int(Self.schemaVersion)), ("record", "summary"), ("items", .int(summary.items)),
            ("annotations", .int(summary.annotations)),
            ("agreement", .object(JSONObject([
                ("metric", "percent_agreement"), ("value", summary.percentAgreement.map(JSONValue.number) ?? .null),
                ("units", .int(summary.pairableItems)), ("pairs", .int(summary.pairs)),
                ("agreeing_pairs", .int(summary.agreeingPairs)),
            ]))),
        ])))
        try writer.flush()
        return summary
    }

    /// Appends the JSONL record of one item (field names mirror the XML vocabulary).
    static func appendItemRecord(_ exportItem: ExportItem, agreement: ItemAgreement, to line: inout JSONLineBuilder) {
        let item = exportItem.item
        line.open()
        line.key("schema_version"); line.int(schemaVersion)
        line.key("record"); line.raw("\"item\"")
        line.key("id"); line.string(item.id)
        line.key("text"); line.string(item.text)
        line.key("source"); line.optionalString(item.source)
        if item.fields.count > 0 { line.key("fields"); line.value(.object(item.fields)) }
        if let pre = item.preAnnotation { line.key("pre_annotation"); line.value(pre) }
        if let gold = exportItem.gold { line.key("gold"); line.value(gold) }
        line.key("annotations")
        line.openArray()
        for export in exportItem.annotations {
            let annotation = export.annotation
            line.open()
            line.key("annotator"); line.string(annotation.annotator)
            line.key("status"); line.string(export.status)
            line.key("payload"); line.raw(export.payloadText)
            if !annotation.warnings.isEmpty { line.key("warnings"); line.value(.array(annotation.warnings.map(\.jsonValue))) }
            line.key("submitted_at"); line.string(annotation.submittedAt)
            line.key("seconds"); line.number(annotation.seconds)
            if let score = export.goldScore { line.key("gold_score"); line.number(score) }
            if let outcome = annotation.draftOutcome { line.key("draft_outcome"); line.string(outcome.rawValue) }
            line.key("reviews")
            line.openArray()
            for entry in export.reviews {
                line.open()
                line.key("reviewer"); line.string(entry.review.reviewer)
                line.key("verdict"); line.string(entry.review.verdict.rawValue)
                line.key("reasons")
                line.openArray()
                for reason in entry.review.reasons { line.string(reason) }
                line.closeArray()
                if let comment = entry.review.comment { line.key("comment"); line.string(comment) }
                line.key("at"); line.string(entry.review.at)
                line.key("points"); line.int(entry.points)
                line.close()
            }
            line.closeArray()
            line.close()
        }
        line.closeArray()
        line.key("agreement")
        line.open()
        line.key("annotators"); line.int(agreement.annotators)
        line.key("pairs"); line.int(agreement.pairs)
        line.key("agreeing_pairs"); line.int(agreement.agreeingPairs)
        line.close()
        line.close()
    }
}
