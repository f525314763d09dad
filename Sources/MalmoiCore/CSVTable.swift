/// The CSV reader of Malmoi (RFC 4180): rows of fields with the line each row starts on.
///
/// ```swift
/// let rows = try CSVTable.parse("item,kim,lee\n1,\"긍정, 강함\",부정\n", path: "wide.csv")
/// rows[1].fields   // ["1", "긍정, 강함", "부정"]
/// ```
/// Quoted fields may hold commas, doubled quotes and line breaks; `\r` outside quotes is dropped; a
/// UTF-8 byte order mark at the start is skipped.
public enum CSVTable {
    /// One row: its fields and the 1-based line it starts on.
    public struct Row: Hashable, Sendable {
        /// The fields, unquoted.
        public var fields: [String]
        /// The line the row starts on.
        public var line: Int
    }

    /// The rows of CSV bytes, which must be valid UTF-8.
    /// - Parameters:
    ///   - bytes: the CSV as read from the file.
    ///   - path: the file named in errors.
    ///   - lenientQuotes: as in ``parse(_:path:lenientQuotes:)``.
    /// - Throws: ``InputError`` `.invalidUTF8` naming the line, column and byte offset of the first byte
    ///   that is not UTF-8 (never read as U+FFFD, which would make different cells compare equal), or
    ///   what ``parse(_:path:lenientQuotes:)`` throws.
    public static func parse(bytes: [UInt8], path: String, lenientQuotes: Bool = false) throws -> [Row] {
        if let bad = bytes.withUnsafeBufferPointer({ firstInvalidUTF8($0) }) {
            let lineStart = bytes[..<bad].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let line = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw InputError(.invalidUTF8, "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte offset \(bad)); convert the file to UTF-8",
                             at: SourceLocation(path: path, line: line, column: bad - lineStart + 1))
        }
        return try parse(String(decoding: bytes, as: UTF8.self), path: path, lenientQuotes: lenientQuotes)
    }

    /// The rows of a CSV text.
    /// - Parameters:
    ///   - text: the CSV.
    ///   - path: the file named in errors.
    ///   - lenientQuotes: read a quote inside an unquoted field as a character (as MeCab reads its CSV
    ///     dictionaries) instead of refusing it.
    /// - Throws: ``InputError`` `.invalidValue` naming the line (and column) of a quote inside an
    ///   unquoted field (unless `lenientQuotes`) or a quoted field that is not closed.
    public static func parse(_ text: String, path: String, lenientQuotes: Bool = false) throws -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var quoted = false
        var wasQuoted = false
        let bytes = Array(text.utf8)
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: ","):
                    endField()
                case UInt8(ascii: "\"") where lenientQuotes && (!field.isEmpty || wasQuoted):
                    field.append(byte)
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !wasQuoted else {
                        throw InputError(.invalidValue, "a quote inside an unquoted field",
                                             at: SourceLocation(path: path, line: line, column: fields.count + 1))
                    }
                    quoted = true
                    wasQuoted = true
                case 0x0D:
                    break
                case 0x0A:
                    endField()
                    rows.append(Row(fields: fields, line: rowLine))
                    fields.removeAll()
                    line += 1
                    rowLine = line
                default:
                    field.append(byte)
                }
            }
            index += 1
        }
        if quoted {
            throw InputError(.invalidValue, "a quoted field is not closed", at: SourceLocation(path: path, line: rowLine))
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            rows.append(Row(fields: fields, line: rowLine))
        }
        return rows
    }
}
