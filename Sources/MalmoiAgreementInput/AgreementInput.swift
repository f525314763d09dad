#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MalmoiAgreement
import MalmoiCore
import MalmoiText

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

    /// Canonical composition (NFC) of a label or name, applied where input is read (the scorer's
    /// ``ReliabilityDataBuilder/normalization``); ASCII text is returned as is.
    public static let nfc: @Sendable (String) -> String = labels(.nfc)

    /// The shared input-normalization step (`agree --normalize nfc|nfkc|none`) applied to labels and
    /// names where input is read; ASCII text is returned as is.
    public static func labels(_ step: InputNormalization) -> @Sendable (String) -> String {
        { text in text.utf8.allSatisfy({ $0 < 0x80 }) ? text : step.normalizedText(text) }
    }

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
    ///   - onRecord: called with the count of annotations read so far, after each (for a progress bar).
    public static func readJSONL(paths: [String?], level: AgreementLevel?,
                                 normalization: @escaping @Sendable (String) -> String = nfc,
                                 onRecord: ((Int) -> Void)? = nil) throws -> [Task] {
        var builders: [String?: ReliabilityDataBuilder] = [:]
        var count = 0
        // Reserve for the expected size (about 45 bytes a line, a few annotations an item) so the
        // item table does not regrow and rehash a million names while reading.
        let bytes = paths.reduce(0) { $0 + ($1.map(fileSize) ?? 0) }
        var firstTaskLine: (hasTask: Bool, location: SourceLocation)?
        for path in paths {
            try forEachRecord(inJSONL: path) { record, location in
                if let first = firstTaskLine {
                    if first.hasTask != (record.task != nil) {
                        let message = first.hasTask
                            ? "missing field \"task\" (line \(first.location.line ?? 0) of \(first.location.path) has one)"
                            : "unexpected field \"task\" (line \(first.location.line ?? 0) of \(first.location.path) has none)"
                        throw AgreementError(.invalidInput, message, at: location.field("task"))
                    }
                } else {
                    firstTaskLine = (record.task != nil, location)
                    if record.task == nil, bytes > 1 << 20 {
                        builders[nil, default: ReliabilityDataBuilder(level: level, normalization: normalization)]
                            .reserveCapacity(items: bytes / 90, annotations: bytes / 45)
                    }
                }
                try builders[record.task, default: ReliabilityDataBuilder(level: level, normalization: normalization)]
                    .add(item: normalization(record.item), annotator: normalization(record.annotator),
                         label: normalizedStrings(record.label, normalization), location: location)
                count += 1
                onRecord?(count)
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
    public static func readCSV(paths: [String?], level: AgreementLevel?,
                               normalization: @escaping @Sendable (String) -> String = nfc) throws -> [Task] {
        var builder = ReliabilityDataBuilder(level: level, normalization: normalization)
        for path in paths {
            let displayPath = path ?? "<stdin>"
            var bytes: [UInt8] = []
            try ByteLineReader(path: path).forEachBlock(skipByteOrderMark: false) { block, _ in bytes.append(contentsOf: block) }
            let rows = try CSVTable.parse(bytes: bytes, path: displayPath)
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
            case nil: numeric = !cells.isEmpty && cells.allSatisfy { Double(trimmed($0)) != nil }
            }
            for row in rows.dropFirst() {
                if row.fields.allSatisfy(\.isEmpty) { continue }
                guard row.fields.count == header.fields.count else {
                    throw AgreementError(.invalidInput, "\(row.fields.count) fields, but the header has \(header.fields.count)",
                                         at: SourceLocation(path: displayPath, line: row.line))
                }
                let item = row.fields[0]
                for (column, cell) in row.fields.enumerated().dropFirst() where !cell.isEmpty {
                    let location = SourceLocation(path: displayPath, line: row.line, column: column + 1,
                                                  field: annotators[column - 1])
                    let label: JSONValue
                    if level == .set {
                        label = .array(cell.split(separator: ";").map { .string(trimmed(String($0))) })
                    } else if numeric {
                        guard let value = Double(trimmed(cell)), value.isFinite else {
                            throw AgreementError(.wrongLabelType, "expected a number, found \"\(cell)\"", at: location)
                        }
                        label = .number(value)
                    } else {
                        label = .string(cell)
                    }
                    do {
                        try builder.add(item: normalization(item), annotator: normalization(annotators[column - 1]),
                                        label: normalizedStrings(label, normalization), location: location)
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

    /// The text without leading and trailing spaces and tabs.
    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The size of a file in bytes, 0 when it cannot be read (standard input: 0).
    private static func fileSize(_ path: String) -> Int {
        guard path != "-" else { return 0 }
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// `value` with `normalization` applied to every string in it (labels, set elements, span labels), so
    /// that labels equal after the step are one category, not only one name.
    static func normalizedStrings(_ value: JSONValue, _ normalization: (String) -> String) -> JSONValue {
        switch value {
        case .string(let text): .string(normalization(text))
        case .array(let elements): .array(elements.map { normalizedStrings($0, normalization) })
        case .object(let object): .object(JSONObject(object.map { ($0.0, normalizedStrings($0.1, normalization)) }))
        default: value
        }
    }
}
