import Foundation
import MalmoiCore

/// Canonical composition (NFC) of a label or name; ASCII text is returned as is.
func nfcNormalized(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    return text.precomposedStringWithCanonicalMapping
}

/// Reads annotations from files: long-format JSONL (the `malmoi agree` contract) and wide CSV.
///
/// ```swift
/// let tasks = try AgreementInput.readJSONL(paths: ["annotations.jsonl"], level: nil)
/// for (task, data) in tasks { print(task ?? "-", AgreementScorer.score(data).value(.gwetAC1) ?? .nan) }
/// ```
/// JSONL lines are `{"task"?: "...", "item": "...", "annotator": "...", "label": <value>}`; `item` and
/// `annotator` may also be numbers. Errors are ``AgreementError``/``InputError`` values that name the
/// file, line and field. String labels are compared after NFC normalization.
public enum AgreementInput {
    /// One task's reliability data, as read from files.
    public typealias Task = (task: String?, data: ReliabilityData)

    /// Calls `body` with each annotation of a long-format JSONL file (nil or `-` reads stdin) and where
    /// it was read: the same ``AgreementRecord`` values a task module produces.
    /// - Throws: ``InputError`` for a line that is not a JSON object or lacks a field, or whatever
    ///   `body` throws.
    public static func forEachRecord(
        inJSONL path: String?, _ body: (AgreementRecord, SourceLocation) throws -> Void
    ) throws {
        try JSONLReader(path: path).forEachRecord { record in
            let annotation = AgreementRecord(
                task: try record.optionalString("task"), item: try record.identifier("item"),
                annotator: try record.identifier("annotator"), label: try record.value("label"))
            try body(annotation, record.location)
        }
    }

    /// Reads every annotation of long-format JSONL files, with where each was read.
    public static func readRecords(jsonl paths: [String?]) throws -> [(record: AgreementRecord, location: SourceLocation)] {
        var records: [(AgreementRecord, SourceLocation)] = []
        for path in paths { try forEachRecord(inJSONL: path) { records.append(($0, $1)) } }
        return records
    }

    /// Reads long-format JSONL files into reliability data, one entry per task (sorted by task name).
    /// - Parameters:
    ///   - paths: the files; nil or `-` is stdin.
    ///   - level: the level labels must fit, or nil for any type.
    /// - Throws: ``InputError``/``AgreementError`` located at the offending line: invalid JSON, a
    ///   missing field, a label of the wrong type, a line without `task` in a file whose other lines
    ///   have one, two different labels from one annotator for one item, or no annotation at all.
    public static func readJSONL(paths: [String?], level: AgreementLevel?) throws -> [Task] {
        var builders: [String?: ReliabilityDataBuilder] = [:]
        // Reserve for the expected size (about 45 bytes a line, a few annotations an item) so the
        // item table does not regrow and rehash a million names while reading.
        let bytes = paths.reduce(0) { $0 + (($1.flatMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }) ?? 0) }
        var firstTaskLine: (hasTask: Bool, location: SourceLocation)?
        for path in paths {
            try forEachRecord(inJSONL: path) { record, location in
                if let first = firstTaskLine {
                    if first.hasTask != (record.task != nil) {
                        let message = first.hasTask
                            ? "missing field \"task\" (line \(first.location.line) of \(first.location.path) has one)"
                            : "unexpected field \"task\" (line \(first.location.line) of \(first.location.path) has none)"
                        throw AgreementError(.invalidInput, message, at: location.field("task"))
                    }
                } else {
                    firstTaskLine = (record.task != nil, location)
                    if record.task == nil, bytes > 1 << 20 {
                        builders[nil, default: ReliabilityDataBuilder(level: level)]
                            .reserveCapacity(items: bytes / 90, annotations: bytes / 45)
                    }
                }
                try builders[record.task, default: ReliabilityDataBuilder(level: level)]
                    .add(item: record.item, annotator: record.annotator, label: record.label, location: location)
            }
        }
        return try build(builders, source: paths.map { $0 ?? "<stdin>" }.joined(separator: ", "))
    }

    /// Reads wide CSV tables: a header row naming the item column (first) and one column per
    /// annotator, then one row per item; an empty cell is a missing annotation.
    ///
    /// Cells are numbers when the level is ordinal, interval or ratio, or when no level is given and
    /// every non-empty cell reads as a number; otherwise strings. At the set level a cell is a
    /// `;`-separated list. Quoted fields (RFC 4180) may contain commas, quotes and line breaks.
    /// - Throws: ``AgreementError`` naming the file, line and column for malformed rows or cells.
    public static func readCSV(paths: [String?], level: AgreementLevel?) throws -> [Task] {
        var builder = ReliabilityDataBuilder(level: level)
        for path in paths {
            let displayPath = path ?? "<stdin>"
            let text: String
            if let path, path != "-" {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw InputError(.unreadableFile, "cannot read \(path)")
                }
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
            let rows = try CSVTable.parse(text, path: displayPath)
            guard let header = rows.first, header.fields.count >= 2 else {
                throw AgreementError(.invalidInput, "a CSV needs a header row: item column, then one column per annotator",
                                     at: SourceLocation(path: displayPath, line: 1))
            }
            let annotators = Array(header.fields.dropFirst())
            let cells = rows.dropFirst().flatMap { row in row.fields.dropFirst().map { $0 } }.filter { !$0.isEmpty }
            let numeric: Bool
            switch level {
            case .ordinal?, .interval?, .ratio?: numeric = true
            case .nominal?, .set?, .spans?: numeric = false
            case nil: numeric = !cells.isEmpty && cells.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
            }
            for row in rows.dropFirst() {
                if row.fields.allSatisfy(\.isEmpty) { continue }
                guard row.fields.count <= header.fields.count else {
                    throw AgreementError(.invalidInput, "\(row.fields.count) fields, but the header has \(header.fields.count)",
                                         at: SourceLocation(path: displayPath, line: row.line))
                }
                let item = row.fields[0]
                for (column, cell) in row.fields.enumerated().dropFirst() where !cell.isEmpty {
                    let location = SourceLocation(path: displayPath, line: row.line, column: column + 1,
                                                  field: annotators[column - 1])
                    let label: JSONValue
                    if level == .set {
                        label = .array(cell.split(separator: ";").map { .string($0.trimmingCharacters(in: .whitespaces)) })
                    } else if numeric {
                        guard let value = Double(cell.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                            throw AgreementError(.wrongLabelType, "expected a number, found \"\(cell)\"", at: location)
                        }
                        label = .number(value)
                    } else {
                        label = .string(cell)
                    }
                    do {
                        try builder.add(item: item, annotator: annotators[column - 1], label: label, location: location)
                    }
                }
            }
        }
        return [(nil, try builder.build())]
    }

    private static func build(_ builders: [String?: ReliabilityDataBuilder], source: String) throws -> [Task] {
        guard !builders.isEmpty else {
            throw AgreementError(.emptyInput, "nothing to score: \(source) has no annotations")
        }
        let tasks = builders.keys.sorted { ($0 ?? "") < ($1 ?? "") }
        return try tasks.map { task in
            do {
                return (task, try builders[task]!.build())
            } catch var error as AgreementError {
                if let task { error.message = "task \"\(task)\": " + error.message }
                throw error
            }
        }
    }
}

/// A minimal RFC 4180 reader: rows of fields with the line each row starts on.
enum CSVTable {
    struct Row {
        var fields: [String]
        var line: Int
    }

    static func parse(_ text: String, path: String) throws -> [Row] {
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
                case UInt8(ascii: "\""):
                    guard field.isEmpty, !wasQuoted else {
                        throw AgreementError(.invalidInput, "a quote inside an unquoted field",
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
            throw AgreementError(.invalidInput, "a quoted field is not closed", at: SourceLocation(path: path, line: rowLine))
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            rows.append(Row(fields: fields, line: rowLine))
        }
        return rows
    }
}
