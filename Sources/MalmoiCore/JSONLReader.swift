/// Reads JSON Lines (one JSON object per line) with errors that name the file, line and column.
///
/// ```swift
/// let reader = JSONLReader(path: "items.jsonl")
/// try reader.forEachRecord { record in
///     let text = try record.string("text")   // throws: items.jsonl:4: field "text": missing required field
/// }
/// ```
/// Blank lines are skipped; a UTF-8 byte order mark and CRLF line ends are accepted. A line that is
/// not a JSON object, or that holds invalid UTF-8, is an ``InputError``; with `skipBad`, such lines
/// (and records whose `body` throws an ``InputError``) are counted in ``Statistics/skippedLines`` and
/// the first few are kept in ``Statistics/skippedErrors`` instead.
public struct JSONLReader {
    /// What a pass over the input saw.
    public struct Statistics: Sendable {
        /// Records passed to the body.
        public var records = 0
        /// Lines skipped as bad (only with `skipBad`).
        public var skippedLines = 0
        /// The first (up to 20) errors of skipped lines.
        public var skippedErrors: [InputError] = []
    }

    /// The path, or nil for standard input.
    public let path: String?
    /// Whether bad lines are skipped and counted rather than stopping the read.
    public let skipBad: Bool

    /// Creates a reader of a file, or of standard input when `path` is nil or `-`.
    public init(path: String?, skipBad: Bool = false) {
        self.path = path
        self.skipBad = skipBad
    }

    /// Calls `body` with each record in order.
    /// - Returns: counts of records and skipped lines.
    /// - Throws: ``InputError`` for the first bad line (unless `skipBad`), or whatever `body` throws.
    @discardableResult
    public func forEachRecord(_ body: (JSONRecord) throws -> Void) throws -> Statistics {
        let reader = try ByteLineReader(path: path)
        let displayPath = reader.displayPath
        var statistics = Statistics()
        try reader.forEachLine { bytes, line in
            if Self.isBlank(bytes) { return }
            do {
                let object = try Self.parseObject(bytes, path: displayPath, line: line)
                try body(JSONRecord(object: object, location: SourceLocation(path: displayPath, line: line)))
                statistics.records += 1
            } catch let error as InputError where skipBad {
                statistics.skippedLines += 1
                if statistics.skippedErrors.count < 20 { statistics.skippedErrors.append(error) }
            }
        }
        return statistics
    }

    /// Parses one line as a JSON object, turning syntax errors into located ``InputError``s.
    public static func parseObject(_ bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int) throws -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            let location = SourceLocation(path: path, line: line, column: error.offset + 1)
            throw InputError(error.isInvalidUTF8 ? .invalidUTF8 : .invalidJSON, error.message, at: location)
        }
        guard case .object(let object) = value else {
            throw InputError(.invalidJSON, "expected a JSON object, found \(value.typeName)",
                             at: SourceLocation(path: path, line: line, column: 1))
        }
        return object
    }

    static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte != 0x20 && byte != 0x09 { return false }
        return true
    }
}
