import MalmoiCore
import MalmoiText

/// Reads items to import from JSONL (one object per line) or plain text (one item per line), streaming.
///
/// ```swift
/// let reader = ItemReader(path: "Corpora/label/reviews.jsonl", format: .jsonl)
/// let statistics = try reader.read(skipBad: false) { record in try consume(record) }
/// ```
/// JSONL records take their id from `idField` and text from `textField`; `gold` and `pre_annotation`
/// (names configurable) become the gold answer and the machine draft, and every other key is kept in
/// ``Item/fields``. A line of a Malmoi JSONL export (`"record": "item"`) is read back whole, with its
/// annotations and reviews; its header and summary lines are passed over. Plain-text items are
/// numbered by line. Text is NFC-normalized unless `verbatim`.
public struct ItemReader: Sendable {
    /// The input formats.
    public enum Format: String, Sendable, CaseIterable {
        /// JSON Lines.
        case jsonl
        /// One item per non-blank line; the id is the line number.
        case text
    }

    /// What a read saw.
    public struct Statistics: Hashable, Sendable {
        /// Records passed on.
        public var records = 0
        /// Bad lines skipped (only with `skipBad`).
        public var skipped = 0
        /// The first (up to 20) errors of skipped lines.
        public var skippedErrors: [String] = []

        /// Empty statistics.
        public init() {}
    }

    /// The file, or nil / `-` for standard input.
    public var path: String?
    /// The input format.
    public var format: Format
    /// The JSONL field holding the text.
    public var textField: String
    /// The JSONL field holding the id (a string or a number).
    public var idField: String
    /// The JSONL field holding a gold answer.
    public var goldField: String
    /// The JSONL field holding a pre-annotation.
    public var preAnnotationField: String
    /// Keep text byte for byte instead of NFC-normalizing it.
    public var isVerbatim: Bool
    /// The source recorded on each item (defaults to the path).
    public var source: String?
    /// The keys holding text offsets, declared by the project's task kind (``TaskModule/textOffsetFields``).
    public var textOffsetFields: [TextOffsetField] = TextOffsetField.spans
    /// The normalization step applied to text, strings and offsets (`import --normalize`; `.none` when
    /// ``isVerbatim``).
    public var normalization: InputNormalization = .nfc

    private var step: InputNormalization { isVerbatim ? .none : normalization }

    /// Creates a reader.
    public init(path: String?, format: Format = .jsonl, textField: String = "text", idField: String = "id",
                goldField: String = "gold", preAnnotationField: String = "pre_annotation", isVerbatim: Bool = false,
                source: String? = nil) {
        self.path = path
        self.format = format
        self.textField = textField
        self.idField = idField
        self.goldField = goldField
        self.preAnnotationField = preAnnotationField
        self.isVerbatim = isVerbatim
        self.source = source ?? ((path == nil || path == "-") ? "<stdin>" : path)
    }

    /// Reads every record and passes it to `consume`.
    /// - Parameter skipBad: skip (and count) bad lines and records whose `consume` throws an ``InputError``.
    /// - Throws: ``InputError`` naming `FILE:LINE` (and the field) for the first bad line unless `skipBad`.
    public func read(skipBad: Bool, _ consume: (ImportRecord) throws -> Void) throws -> Statistics {
        switch format {
        case .jsonl:
            let stats = try JSONLReader(path: path, skipBad: skipBad).forEachRecord { record in
                if let item = try makeRecord(record) { try consume(item) }
            }
            var result = Statistics()
            result.records = stats.records
            result.skipped = stats.skippedLines
            result.skippedErrors = stats.skippedErrors.map(\.description)
            return result
        case .text:
            return try readText(skipBad: skipBad, consume)
        }
    }

    private func readText(skipBad: Bool, _ consume: (ImportRecord) throws -> Void) throws -> Statistics {
        var result = Statistics()
        let reader = try ByteLineReader(path: path)
        let displayPath = reader.displayPath
        try reader.forEachLine { bytes, line in
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            let location = SourceLocation(path: displayPath, line: line)
            do {
                if let offset = firstInvalidUTF8(bytes) {
                    throw InputError(.invalidUTF8, "invalid UTF-8 at byte \(offset + 1)",
                                     at: SourceLocation(path: displayPath, line: line, column: offset + 1))
                }
                let text = normalized(String(decoding: bytes, as: UTF8.self))
                try consume(ImportRecord(item: Item(id: String(line), text: text, source: source), location: location))
                result.records += 1
            } catch let error as InputError where skipBad {
                result.skipped += 1
                if result.skippedErrors.count < 20 { result.skippedErrors.append(error.description) }
            }
        }
        return result
    }

    private func normalized(_ text: String) -> String {
        step.normalizedText(text)
    }

    private func makeRecord(_ record: JSONRecord) throws -> ImportRecord? {
        if record.object["schema_version"] != nil, let kind = record.object["record"]?.stringValue {
            guard kind == "item" else { return nil }
            return try exportRecord(record)
        }
        let id = try record.identifier(idField)
        let text = try record.string(textField)
        try Self.checkNotEmpty(id: id, text: text, idField: idField, textField: textField, record)
        var fields = JSONObject()
        var gold: JSONValue?
        var pre: JSONValue?
        for (key, value) in record.object {
            if key == idField || key == textField { continue }
            if key == goldField { if !value.isNull { gold = value }; continue }
            if key == preAnnotationField { if !value.isNull { pre = value }; continue }
            fields[key] = value
        }
        guard step != .none else {
            return ImportRecord(item: Item(id: id, text: text, fields: fields, source: source, preAnnotation: pre),
                                gold: gold, location: record.location)
        }
        // NFC at import: the text, every string in the other fields, and every offset that points into the
        // text (the kind's `textOffsetFields` anywhere in the fields, gold answer and pre-annotation) moved
        // with the text, so spans still cover the same characters.
        let step = self.step
        var stored = text
        var map: OffsetMap?
        if !step.isNormal(text) {
            let normalized = step.normalized(text)
            stored = normalized.text
            map = normalized.map
        }
        let offsetFields = Dictionary(textOffsetFields.map { ($0.key, $0.isEnd) }, uniquingKeysWith: { $0 || $1 })
        let fix = { (value: JSONValue) in Self.normalizedStrings(Self.remappedOffsets(value, map, offsetFields), step) }
        fields = fix(.object(fields)).objectValue ?? fields
        return ImportRecord(item: Item(id: id, text: stored, fields: fields, source: source, preAnnotation: pre.map(fix)),
                            gold: gold.map(fix), location: record.location)
    }

    /// Offsets under the declared keys (key → is an end) anywhere in a value, moved from the text as
    /// given to the text as stored.
    static func remappedOffsets(_ value: JSONValue, _ map: OffsetMap?, _ keys: [String: Bool]) -> JSONValue {
        guard let map else { return value }
        switch value {
        case .array(let elements):
            return .array(elements.map { remappedOffsets($0, map, keys) })
        case .object(let object):
            var result = JSONObject()
            for (key, element) in object {
                if let offset = element.intValue, (0...map.originalLength).contains(offset), let isEnd = keys[key] {
                    result[key] = .int(map.resultOffset(offset, preferEnd: isEnd))
                } else {
                    result[key] = remappedOffsets(element, map, keys)
                }
            }
            return .object(result)
        default:
            return value
        }
    }

    /// Every string value (not key) after the normalization step.
    static func normalizedStrings(_ value: JSONValue, _ step: InputNormalization) -> JSONValue {
        switch value {
        case .string(let string): return step.isNormal(string) ? value : .string(step.normalizedText(string))
        case .array(let elements): return .array(elements.map { normalizedStrings($0, step) })
        case .object(let object):
            var result = JSONObject()
            for (key, element) in object { result[key] = normalizedStrings(element, step) }
            return .object(result)
        default: return value
        }
    }

    /// Refuses an empty id and an empty or white-space-only text (issue 12, item 6): such items can be
    /// neither annotated nor told apart.
    static func checkNotEmpty(id: String, text: String, idField: String, textField: String, _ record: JSONRecord) throws {
        if id.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            throw record.invalid(idField, "the item id is empty; give every item a non-blank id")
        }
        if id.unicodeScalars.contains("\u{0}") {
            throw record.invalid(idField, "the item id contains U+0000; ids are names, give one without it")
        }
        if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            throw record.invalid(textField, "the item text is empty; an item needs text to annotate")
        }
    }

    private func exportRecord(_ record: JSONRecord) throws -> ImportRecord {
        let id = try record.string("id")
        let text = try record.string("text")
        try Self.checkNotEmpty(id: id, text: text, idField: "id", textField: "text", record)
        var fields = JSONObject()
        if let value = record.object["fields"], !value.isNull {
            guard let object = value.objectValue else { throw record.wrongType("fields", expected: "an object", found: value) }
            fields = object
        }
        var pre = record.object["pre_annotation"].flatMap { $0.isNull ? nil : $0 }
        var gold = record.object["gold"].flatMap { $0.isNull ? nil : $0 }
        var annotations: [ImportedAnnotation] = []
        if let value = record.object["annotations"], !value.isNull {
            guard let array = value.arrayValue else { throw record.wrongType("annotations", expected: "an array", found: value) }
            for (index, element) in array.enumerated() {
                annotations.append(try importedAnnotation(element, field: "annotations[\(index)]", record: record))
            }
        }
        // A text not in the project's form (an edited export) is normalized, and the offsets the task kind
        // declares move with it in the fields, the draft, the gold answer and every restored payload, as a
        // plain import moves them.
        var stored = text
        if !step.isNormal(text) {
            let normalized = step.normalized(text)
            stored = normalized.text
            let offsetFields = Dictionary(textOffsetFields.map { ($0.key, $0.isEnd) }, uniquingKeysWith: { $0 || $1 })
            let step = self.step
            let fix = { (value: JSONValue) in Self.normalizedStrings(Self.remappedOffsets(value, normalized.map, offsetFields), step) }
            fields = fix(.object(fields)).objectValue ?? fields
            pre = pre.map(fix)
            gold = gold.map(fix)
            for index in annotations.indices { annotations[index].payload = fix(annotations[index].payload) }
        }
        return ImportRecord(item: Item(id: id, text: stored, fields: fields, source: try record.optionalString("source"),
                                       preAnnotation: pre),
                            gold: gold, annotations: annotations, location: record.location)
    }

    private func importedAnnotation(_ value: JSONValue, field: String, record: JSONRecord) throws -> ImportedAnnotation {
        guard let object = value.objectValue else { throw record.wrongType(field, expected: "an object", found: value) }
        let sub = JSONRecord(object: object, location: record.location)
        func located(_ body: () throws -> ImportedAnnotation) throws -> ImportedAnnotation {
            do { return try body() } catch var error as InputError {
                let inner = error.location?.field ?? ""
                error.location?.field = field + "." + inner
                throw error
            }
        }
        return try located {
            var reviews: [ImportedReview] = []
            if let value = object["reviews"], !value.isNull {
                guard let list = value.arrayValue else { throw sub.wrongType("reviews", expected: "an array", found: value) }
                for (index, element) in list.enumerated() {
                    guard let reviewObject = element.objectValue else {
                        throw sub.wrongType("reviews[\(index)]", expected: "an object", found: element)
                    }
                    let review = JSONRecord(object: reviewObject, location: record.location)
                    do {
                        guard let verdict = Review.Verdict(rawValue: try review.string("verdict")) else {
                            throw review.invalid("verdict", "expected \"accepted\" or \"rejected\"")
                        }
                        reviews.append(ImportedReview(
                            reviewer: try review.string("reviewer"), verdict: verdict,
                            reasons: try Self.optionalStrings(review, "reasons"),
                            comment: try review.optionalString("comment"), at: try review.string("at"),
                            points: try Self.optionalNumber(review, "points").map { $0.isFinite && abs($0) < 1e15 ? Int($0) : Int.max } ?? 0))
                    } catch var error as InputError {
                        let inner = error.location?.field ?? ""
                        error.location?.field = "reviews[\(index)]." + inner
                        throw error
                    }
                }
            }
            var draftOutcome: DraftOutcome?
            if let text = try sub.optionalString("draft_outcome") {
                guard let outcome = DraftOutcome(rawValue: text) else {
                    throw sub.invalid("draft_outcome", "expected \"kept\", \"changed\" or \"replaced\"")
                }
                draftOutcome = outcome
            }
            return ImportedAnnotation(
                annotator: try sub.string("annotator"), payload: try sub.value("payload"),
                warnings: try Self.optionalArray(sub, "warnings").compactMap(Finding.init(json:)),
                submittedAt: try sub.string("submitted_at"), seconds: try Self.optionalNumber(sub, "seconds") ?? 0,
                goldScore: try Self.optionalNumber(sub, "gold_score"), reviews: reviews, draftOutcome: draftOutcome)
        }
    }

    /// An optional array field: empty when absent or `null`, an error when present with another type.
    private static func optionalArray(_ record: JSONRecord, _ field: String) throws -> [JSONValue] {
        guard let value = record.object[field], !value.isNull else { return [] }
        guard let array = value.arrayValue else { throw record.wrongType(field, expected: "an array", found: value) }
        return array
    }

    /// An optional array of strings: empty when absent or `null`, an error naming the element otherwise.
    private static func optionalStrings(_ record: JSONRecord, _ field: String) throws -> [String] {
        try optionalArray(record, field).enumerated().map { index, element in
            guard let string = element.stringValue else {
                throw record.wrongType("\(field)[\(index)]", expected: "a string", found: element)
            }
            return string
        }
    }

    /// An optional number field: nil when absent or `null`, an error when present with another type.
    private static func optionalNumber(_ record: JSONRecord, _ field: String) throws -> Double? {
        guard let value = record.object[field], !value.isNull else { return nil }
        guard let number = value.doubleValue else { throw record.wrongType(field, expected: "a number", found: value) }
        return number
    }
}
