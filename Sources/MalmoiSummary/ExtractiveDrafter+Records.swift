import MalmoiCore
import MalmoiText

extension ExtractiveDrafter {
    /// Drafts every document of `path` (`-` is standard input) and writes one JSON object per document to
    /// `writer` (`malmoi summary draft`): a JSONL document keeps its `"id"` (else its line number), a text
    /// line is a document and an empty one is skipped. Offsets are into the document as read.
    /// - Parameter normalization: the step applied before drafting (offsets are mapped back).
    /// - Throws: the reader's located errors.
    public func draftDocuments(in path: String, records: TextRecordReader, normalization: InputNormalization, to writer: ByteWriter) throws {
        func emit(id: JSONValue, text original: String) {
            let (text, map) = normalization.normalized(original)
            writer.writeJSONLine(draft(text).jsonValue(id: id, original: original, map: map))
        }
        try records.forEachRecord(in: [path]) { text, location, object in
            if let object {
                emit(id: object["id"] ?? .int(location.line ?? 0), text: text)
            } else if !text.isEmpty {
                emit(id: .int(location.line ?? 0), text: text)
            }
        }
    }
}
