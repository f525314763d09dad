/// Reads texts one per input line: the line itself, or a string field of a JSON object on the line.
/// What `malmoi abuse` and `malmoi summary draft` read.
///
/// ```swift
/// let reader = TextRecordReader(format: .auto, field: "text")
/// try reader.forEachRecord(in: ["messages.jsonl"]) { text, location, object in … }
/// ```
/// Every line must be valid UTF-8; a blank line is an empty text in text format and is passed over in
/// JSON format.
public struct TextRecordReader: Sendable {
    /// How a line holds its text.
    public enum Format: String, Sendable, CaseIterable {
        /// The whole line is the text.
        case text
        /// The line is a JSON object holding the text in ``TextRecordReader/field``.
        case jsonl
        /// JSON when the line starts with `{`, else text.
        case auto
    }

    /// How lines hold their text.
    public var format: Format
    /// The JSON field holding the text.
    public var field: String

    /// Creates a reader.
    public init(format: Format, field: String = "text") {
        self.format = format
        self.field = field
    }

    /// The text of one line and its JSON object (nil for a text line); nil for a blank JSON line.
    /// - Throws: ``InputError`` naming the line (and field) of invalid UTF-8, bad JSON, a missing field
    ///   or a field that is not a string.
    public func record(_ bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int) throws -> (text: String, object: JSONObject?)? {
        let location = SourceLocation(path: path, line: line)
        if let bad = firstInvalidUTF8(bytes) {
            throw InputError(.invalidUTF8, "invalid UTF-8 at byte \(bad + 1)", at: location)
        }
        guard format == .jsonl || (format == .auto && bytes.first == UInt8(ascii: "{")) else {
            return (String(decoding: bytes, as: UTF8.self), nil)
        }
        if bytes.isEmpty { return nil }
        let object = try JSONLReader.parseObject(bytes, path: path, line: line)
        guard let value = object[field] else {
            throw InputError(.missingField, "missing field; choose it with --field", at: location.field(field))
        }
        guard let text = value.stringValue else {
            throw InputError(.wrongType, "must be a string, found \(value.typeName)", at: location.field(field))
        }
        return (text, object)
    }

    /// Calls `body` with each text, where it was read and its JSON object, file by file (`-` is
    /// standard input; no files means standard input).
    /// - Throws: what ``record(_:path:line:)``, the reader or `body` throw.
    public func forEachRecord(in paths: [String], _ body: (String, SourceLocation, JSONObject?) throws -> Void) throws {
        for path in paths.isEmpty ? ["-"] : paths {
            let reader = try ByteLineReader(path: path)
            try reader.forEachLine { bytes, line in
                if let (text, object) = try record(bytes, path: reader.displayPath, line: line) {
                    try body(text, SourceLocation(path: reader.displayPath, line: line), object)
                }
            }
        }
    }
}
