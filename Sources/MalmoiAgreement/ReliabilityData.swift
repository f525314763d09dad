import MalmoiCore

/// Reliability data: units (items) × coders (annotators) × values, with missing values.
///
/// ```swift
/// var builder = ReliabilityDataBuilder()
/// try builder.add(item: "문장-1", annotator: "김", label: "긍정")
/// try builder.add(item: "문장-1", annotator: "이", label: "부정")
/// let data = try builder.build()
/// data.unitCount        // 1
/// data.annotationCount  // 2
/// ```
/// Values are stored as category codes (indexes into ``categories``), grouped by unit in a compact
/// layout: a unit's annotations are ``annotations(ofUnit:)``. Categories are sorted — strings by
/// their (NFC) text, numbers numerically, sets by their sorted elements — so codes do not depend on
/// the order of the input. Build instances with ``ReliabilityDataBuilder`` or ``init(records:level:)``.
public struct ReliabilityData: Sendable {
    /// The type of the labels.
    public enum ValueKind: String, Sendable, Hashable {
        /// Strings: unordered categories.
        case nominal
        /// Numbers: reported at the nominal, ordinal, interval and ratio levels.
        case numeric
        /// Arrays of strings, compared as sets.
        case set
        /// Arrays of `{start, end, label}` spans.
        case spans
    }

    /// The distinct values of the data, indexed by category code.
    public enum Categories: Sendable, Hashable {
        /// Distinct strings (NFC), sorted.
        case nominal([String])
        /// Distinct numbers, ascending.
        case numeric([Double])
        /// Distinct sets, each as its sorted, duplicate-free elements (NFC).
        case sets([[String]])
        /// Distinct span lists, each sorted.
        case spans([[AgreementSpan]])

        /// The number of categories.
        public var count: Int {
            switch self {
            case .nominal(let values): values.count
            case .numeric(let values): values.count
            case .sets(let values): values.count
            case .spans(let values): values.count
            }
        }
    }

    /// The names of the units, indexed by unit number.
    public let unitNames: [String]
    /// The names of the coders, indexed by coder number.
    public let coderNames: [String]
    /// The distinct values.
    public let categories: Categories
    /// How many repeated annotations (same item, annotator and label) were dropped.
    public let duplicateCount: Int
    /// How many annotations had a `null` label and were left out as missing.
    public let nullLabelCount: Int

    /// Where each unit's annotations start in ``entryCoders``/``entryCodes``; `unitCount + 1` entries.
    let unitStarts: [Int]
    /// The coder of each annotation, grouped by unit.
    let entryCoders: [Int32]
    /// The category code of each annotation, grouped by unit.
    let entryCodes: [Int32]

    /// Creates data from parts that are already consistent (used by the builder).
    init(
        unitNames: [String], coderNames: [String], categories: Categories, unitStarts: [Int],
        entryCoders: [Int32], entryCodes: [Int32], duplicateCount: Int, nullLabelCount: Int
    ) {
        self.unitNames = unitNames
        self.coderNames = coderNames
        self.categories = categories
        self.unitStarts = unitStarts
        self.entryCoders = entryCoders
        self.entryCodes = entryCodes
        self.duplicateCount = duplicateCount
        self.nullLabelCount = nullLabelCount
    }

    /// Builds the data of one task from long-format records (their `task` field is not looked at).
    /// - Throws: ``AgreementError`` for an empty input, mixed label types, or conflicting labels.
    /// - Parameter normalization: applied to names and string labels (e.g. NFC); identity by default.
    public init(records: [AgreementRecord], level: AgreementLevel? = nil,
                normalization: @escaping @Sendable (String) -> String = { $0 }) throws {
        var builder = ReliabilityDataBuilder(level: level, normalization: normalization)
        for record in records {
            try builder.add(item: record.item, annotator: record.annotator, label: record.label)
        }
        self = try builder.build()
    }

    /// The type of the labels.
    public var kind: ValueKind {
        switch categories {
        case .nominal: .nominal
        case .numeric: .numeric
        case .sets: .set
        case .spans: .spans
        }
    }

    /// The number of units (items with at least one annotation).
    public var unitCount: Int { unitNames.count }
    /// The number of coders.
    public var coderCount: Int { coderNames.count }
    /// The number of distinct values.
    public var categoryCount: Int { categories.count }
    /// The number of annotations (unit, coder, value), after dropping duplicates.
    public var annotationCount: Int { entryCodes.count }

    /// The annotations of one unit as (coder, category code) pairs, in coder order of the input.
    /// - Complexity: O(number of annotations of the unit).
    public func annotations(ofUnit unit: Int) -> [(coder: Int, code: Int)] {
        (unitStarts[unit]..<unitStarts[unit + 1]).map { (Int(entryCoders[$0]), Int(entryCodes[$0])) }
    }

    /// The number of units with exactly one annotation.
    public var singleValuedUnitCount: Int {
        var count = 0
        for unit in 0..<unitCount where unitStarts[unit + 1] - unitStarts[unit] == 1 { count += 1 }
        return count
    }

    /// A category as a short display text: the string, the number as JSON prints it, the set as
    /// `{a, b}`, or the spans as `[start,end)label` items.
    public func categoryName(_ code: Int) -> String {
        categoryValue(code).displayText
    }

    /// A category as the JSON value of a label.
    public func categoryValue(_ code: Int) -> JSONValue {
        switch categories {
        case .nominal(let values): return .string(values[code])
        case .numeric(let values): return .number(values[code])
        case .sets(let values): return .array(values[code].map { .string($0) })
        case .spans(let values):
            return .array(values[code].map {
                .object(JSONObject([("start", .int($0.start)), ("end", .int($0.end)), ("label", .string($0.label))]))
            })
        }
    }

    /// The numeric value of each category (numbers only).
    var numericValues: [Double]? {
        if case .numeric(let values) = categories { return values }
        return nil
    }

    /// Whether every unit has a value from every coder.
    var isComplete: Bool {
        let coders = coderCount
        for unit in 0..<unitCount where unitStarts[unit + 1] - unitStarts[unit] != coders { return false }
        return true
    }
}

extension JSONValue {
    /// A compact display text: strings bare, numbers as JSON, sets as `{a, b}`.
    var displayText: String {
        switch self {
        case .string(let value): return value
        case .array(let elements):
            if elements.allSatisfy({ $0.stringValue != nil }) {
                return "{" + elements.map { $0.stringValue! }.joined(separator: ", ") + "}"
            }
            return serialized()
        default: return serialized()
        }
    }
}
