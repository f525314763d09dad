/// How a command that prints a report writes it: `table` for people (it may change between versions),
/// `json` as one compact JSON object on one line.
///
/// ```swift
/// try ReportFormat.json.write(json: statistics.jsonValue(project: "reviews"), table: statistics.table(project: project))
/// ```
public enum ReportFormat: String, CaseIterable, Sendable {
    /// For people; may change.
    case table
    /// One JSON object (per line).
    case json

    /// Writes the report in this format to standard output (buffered, then flushed); only the chosen
    /// form is computed.
    /// - Parameters:
    ///   - json: the report as a JSON value, written as one line.
    ///   - table: the report as text for people, written as it is.
    /// - Throws: ``FileError`` when standard output cannot be written.
    public func write(json: @autoclosure () throws -> JSONValue, table: @autoclosure () throws -> String) throws {
        let writer = ByteWriter()
        try write(json: try json(), table: try table(), to: writer)
        try writer.flush()
    }

    /// Writes the report in this format to `writer` (not flushed); only the chosen form is computed.
    /// - Throws: what `json` or `table` throws.
    public func write(json: @autoclosure () throws -> JSONValue, table: @autoclosure () throws -> String, to writer: ByteWriter) rethrows {
        switch self {
        case .json: writer.writeJSONLine(try json())
        case .table: writer.write(try table())
        }
    }
}

/// How a command that transforms messages writes them: `text`, one line per message, or `json`, one
/// JSON object per line.
public enum MessageFormat: String, CaseIterable, Sendable {
    /// One line per message.
    case text
    /// One JSON object per line.
    case json

    /// Writes one result in this format to standard output (buffered, then flushed); only the chosen
    /// form is computed.
    /// - Parameters:
    ///   - json: the result as a JSON value, written as one line.
    ///   - text: the result as text, written as it is.
    /// - Throws: ``FileError`` when standard output cannot be written.
    public func write(json: @autoclosure () throws -> JSONValue, text: @autoclosure () throws -> String) throws {
        let writer = ByteWriter()
        try write(json: try json(), text: try text(), to: writer)
        try writer.flush()
    }

    /// Writes one result in this format to `writer` (not flushed); only the chosen form is computed.
    /// - Throws: what `json` or `text` throws.
    public func write(json: @autoclosure () throws -> JSONValue, text: @autoclosure () throws -> String, to writer: ByteWriter) rethrows {
        try (self == .json ? ReportFormat.json : .table).write(json: try json(), table: try text(), to: writer)
    }
}
