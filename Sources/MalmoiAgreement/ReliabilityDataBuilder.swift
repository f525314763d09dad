import MalmoiCore

/// Collects long-format annotations (item, annotator, label) of one task into ``ReliabilityData``.
///
/// ```swift
/// var builder = ReliabilityDataBuilder(level: .interval)
/// try builder.add(item: "q1", annotator: "a", label: 4)
/// try builder.add(item: "q1", annotator: "b", label: 5, location: SourceLocation(path: "x.jsonl", line: 2))
/// let data = try builder.build()
/// ```
/// Labels are checked as they arrive: every label of a task must have the same JSON type (string,
/// number, array of strings, or array of `{start, end, label}` objects; an empty array fits sets and
/// spans), and must fit the level if one is given. A `null` label is a missing annotation: it is
/// counted and left out. Strings compare by canonical equivalence, so composed and decomposed Hangul
/// are one label; names are stored in NFC. Numbers compare as numbers (`2` = `2.0`); strings are never
/// parsed as numbers. An array of strings is a set: order and repeats do not matter.
///
/// Repeats of the same (item, annotator, label) count once and are reported in
/// ``ReliabilityData/duplicateCount``; two different labels from one annotator for one item are an
/// error naming both places.
public struct ReliabilityDataBuilder: Sendable {
    /// The level the labels must fit, or nil for any type.
    public let level: AgreementLevel?
    /// Applied to item and annotator names and string labels when the data is built (NFC where the
    /// input is read, so that composed and decomposed Hangul are one label); identity by default.
    public let normalization: @Sendable (String) -> String

    private var unitIndex: [String: Int32] = [:]
    private var unitNames: [String] = []
    private var lastUnit: (name: String, index: Int32)?
    private var coderIndex: [String: Int32] = [:]
    private var coderNames: [String] = []
    private var labelIndex: [LabelKey: Int32] = [:]
    private var labels: [LabelKey] = []
    private var elementIndex: [String: Int32] = [:]
    private var elementNames: [String] = []
    private var entryUnits: [Int32] = []
    private var entryCoders: [Int32] = []
    private var entryCodes: [Int32] = []
    private var entryOrigins: [Int64] = []
    private var paths: [String] = []
    private var shape: LabelShape?
    private var shapeOrigin: Int64 = -1
    private var nullLabels = 0

    /// Creates an empty builder whose labels must fit `level` (nil accepts any label type).
    /// - Parameters:
    ///   - level: the level the labels must fit, or nil.
    ///   - normalization: applied to names and string labels at ``build()`` (e.g. NFC).
    public init(level: AgreementLevel? = nil, normalization: @escaping @Sendable (String) -> String = { $0 }) {
        self.level = level
        self.normalization = normalization
    }

    /// Reserves room for about this many items and annotations, to avoid regrowing while adding.
    public mutating func reserveCapacity(items: Int, annotations: Int) {
        unitIndex.reserveCapacity(items)
        unitNames.reserveCapacity(items)
        entryUnits.reserveCapacity(annotations)
        entryCoders.reserveCapacity(annotations)
        entryCodes.reserveCapacity(annotations)
        entryOrigins.reserveCapacity(annotations)
    }

    /// The number of annotations added so far (before duplicates are dropped).
    public var count: Int { entryCodes.count }

    /// Adds one annotation.
    /// - Parameters:
    ///   - item: the unit's id.
    ///   - annotator: the coder's id.
    ///   - label: a string, number, array of strings, array of `{start, end, label}` spans, or `null`.
    ///   - location: where the annotation was read, used in error messages (its field is ignored).
    /// - Throws: ``AgreementError`` `.wrongLabelType` or `.invalidSpan`, located at `location`.
    public mutating func add(item: String, annotator: String, label: JSONValue, location: SourceLocation? = nil) throws {
        let origin = originCode(location)
        let key: LabelKey
        let labelShape: LabelShape
        switch label {
        case .null:
            nullLabels += 1
            return
        case .string(let value):
            key = .string(value)
            labelShape = .string
        case .number(let value):
            key = .number(value == 0 ? 0 : value)
            labelShape = .number
        case .array(let elements):
            (key, labelShape) = try arrayKey(elements, origin: origin)
        case .bool, .object:
            throw error(.wrongLabelType, "expected a string, a number or an array as the label, found \(label.typeName)", origin)
        }
        try check(labelShape, key: key, origin: origin)

        let unit: Int32
        if let last = lastUnit, last.name == item {
            unit = last.index
        } else {
            let candidate = Int32(unitNames.count)
            unit = Self.intern(&unitIndex[item, default: candidate])
            if unit == candidate { unitNames.append(item) }
            lastUnit = (item, unit)
        }
        let coder = internCode(annotator, &coderIndex, &coderNames)
        let code = internCode(key, &labelIndex, &labels)
        entryUnits.append(unit)
        entryCoders.append(coder)
        entryCodes.append(code)
        entryOrigins.append(origin)
    }

    /// Finishes the data: sorts categories and coders, groups annotations by unit, drops repeats.
    /// - Throws: ``AgreementError`` `.emptyInput` when there is no annotation, `.conflictingLabels`
    ///   when an annotator gave an item two different labels.
    /// - Complexity: O(n + q log q) for n annotations and q distinct labels.
    public func build() throws -> ReliabilityData {
        guard !entryCodes.isEmpty else {
            let reason = nullLabels > 0 ? "every label is null" : "there are no annotations"
            throw AgreementError(.emptyInput, "nothing to score: \(reason)")
        }
        // Categories in sorted order, and the map from first-seen codes to sorted codes.
        let finalShape = shape ?? .set
        let order: [Int]
        let categories: ReliabilityData.Categories
        switch finalShape {
        case .string:
            let names = labels.map { key -> String in
                if case .string(let value) = key { return normalization(value) }
                return ""
            }
            order = names.indices.sorted { names[$0] < names[$1] }
            categories = .nominal(order.map { names[$0] })
        case .number:
            let values = labels.map { key -> Double in
                if case .number(let value) = key { return value }
                return 0
            }
            order = values.indices.sorted { values[$0] < values[$1] }
            categories = .numeric(order.map { values[$0] })
        case .set, .emptyArray:
            let names = elementNames.map(normalization)
            let sets = labels.map { key -> [String] in
                if case .set(let elements) = key { return elements.map { names[Int($0)] }.sorted() }
                return []
            }
            order = sets.indices.sorted { sets[$0].lexicographicallyPrecedes(sets[$1]) }
            categories = .sets(order.map { sets[$0] })
        case .spans:
            let lists = labels.map { key -> [AgreementSpan] in
                if case .spans(let spans) = key {
                    return spans.map { AgreementSpan(start: $0.start, end: $0.end, label: normalization($0.label)) }
                }
                return []
            }
            order = Array(lists.indices)
            categories = .spans(lists)
        }
        var codeMap = [Int32](repeating: 0, count: labels.count)
        for (sorted, original) in order.enumerated() { codeMap[original] = Int32(sorted) }

        let coderOrder = coderNames.indices.sorted { coderNames[$0] < coderNames[$1] }
        var coderMap = [Int32](repeating: 0, count: coderNames.count)
        for (sorted, original) in coderOrder.enumerated() { coderMap[original] = Int32(sorted) }

        // Stable counting sort of the annotations by unit.
        let unitCount = unitNames.count
        var starts = [Int](repeating: 0, count: unitCount + 1)
        for unit in entryUnits { starts[Int(unit) + 1] += 1 }
        for unit in 0..<unitCount { starts[unit + 1] += starts[unit] }
        var next = starts
        let total = entryCodes.count
        var sortedIndex = [Int32](repeating: 0, count: total)
        for index in 0..<total {
            let unit = Int(entryUnits[index])
            sortedIndex[next[unit]] = Int32(index)
            next[unit] += 1
        }

        // Drop repeats, refuse conflicts.
        var outStarts = [Int](repeating: 0, count: unitCount + 1)
        var outCoders: [Int32] = []
        var outCodes: [Int32] = []
        outCoders.reserveCapacity(total)
        outCodes.reserveCapacity(total)
        var seenUnit = [Int32](repeating: -1, count: coderNames.count)
        var seenPosition = [Int](repeating: 0, count: coderNames.count)
        var seenSource = [Int32](repeating: 0, count: coderNames.count)
        var duplicates = 0
        for unit in 0..<unitCount {
            outStarts[unit] = outCodes.count
            for position in starts[unit]..<starts[unit + 1] {
                let index = Int(sortedIndex[position])
                let coder = Int(entryCoders[index])
                let code = codeMap[Int(entryCodes[index])]
                if seenUnit[coder] == Int32(unit) {
                    if outCodes[seenPosition[coder]] == code {
                        duplicates += 1
                        continue
                    }
                    let first = Int(seenSource[coder])
                    let previous = ReliabilityData.Categories.name(of: labels[Int(entryCodes[first])], elements: elementNames)
                    let current = ReliabilityData.Categories.name(of: labels[Int(entryCodes[index])], elements: elementNames)
                    var message = "annotator \"\(coderNames[coder])\" gave item \"\(unitNames[unit])\" two different labels: \(current)"
                    if let firstLocation = location(of: entryOrigins[first]) {
                        message += " here and \(previous) on line \(firstLocation.line ?? 0)"
                    } else {
                        message += " and \(previous)"
                    }
                    throw error(.conflictingLabels, message, entryOrigins[index])
                }
                seenUnit[coder] = Int32(unit)
                seenPosition[coder] = outCodes.count
                seenSource[coder] = Int32(index)
                outCoders.append(coderMap[coder])
                outCodes.append(code)
            }
        }
        outStarts[unitCount] = outCodes.count
        return ReliabilityData(
            unitNames: unitNames.map(normalization), coderNames: coderOrder.map { normalization(coderNames[$0]) },
            categories: categories, unitStarts: outStarts, entryCoders: outCoders, entryCodes: outCodes,
            duplicateCount: duplicates, nullLabelCount: nullLabels)
    }

    /// Reads a dictionary slot through its defaulting accessor: one hash lookup that also inserts.
    private static func intern(_ slot: inout Int32) -> Int32 { slot }

    // MARK: - Labels

    private mutating func arrayKey(_ elements: [JSONValue], origin: Int64) throws -> (LabelKey, LabelShape) {
        guard let first = elements.first else { return (.set([]), .emptyArray) }
        if case .object = first {
            var spans: [AgreementSpan] = []
            spans.reserveCapacity(elements.count)
            for (offset, element) in elements.enumerated() {
                spans.append(try span(element, index: offset, origin: origin))
            }
            spans.sort()
            return (.spans(spans), .spans)
        }
        var ids: [Int32] = []
        ids.reserveCapacity(elements.count)
        for (offset, element) in elements.enumerated() {
            guard case .string(let name) = element else {
                throw error(.wrongLabelType, "label[\(offset)]: expected a string in a label set, found \(element.typeName)", origin)
            }
            if let known = elementIndex[name] {
                ids.append(known)
            } else {
                let id = Int32(elementNames.count)
                elementIndex[name] = id
                elementNames.append(name)
                ids.append(id)
            }
        }
        ids.sort()
        var unique: [Int32] = []
        unique.reserveCapacity(ids.count)
        for id in ids where unique.last != id { unique.append(id) }
        return (.set(unique), .set)
    }

    private func span(_ value: JSONValue, index: Int, origin: Int64) throws -> AgreementSpan {
        guard case .object(let object) = value else {
            throw error(.invalidSpan, "label[\(index)]: expected a {start, end, label} object, found \(value.typeName)", origin)
        }
        guard let start = object["start"]?.intValue, let end = object["end"]?.intValue else {
            throw error(.invalidSpan, "label[\(index)]: a span needs integer \"start\" and \"end\" (Unicode scalar offsets)", origin)
        }
        guard start >= 0, end >= start else {
            throw error(.invalidSpan, "label[\(index)]: span [\(start), \(end)) is not a range of non-negative offsets", origin)
        }
        var name = ""
        if let label = object["label"], !label.isNull {
            guard let text = label.stringValue else {
                throw error(.invalidSpan, "label[\(index)].label: expected a string, found \(label.typeName)", origin)
            }
            name = text
        }
        return AgreementSpan(start: start, end: end, label: name)
    }

    private mutating func check(_ labelShape: LabelShape, key: LabelKey, origin: Int64) throws {
        if let level {
            let fits: Bool
            switch level {
            case .nominal: fits = labelShape != .spans
            case .ordinal, .interval: fits = labelShape == .number
            case .ratio:
                fits = labelShape == .number
                if fits, case .number(let value) = key, value < 0 {
                    throw error(.wrongLabelType, "the ratio level needs non-negative numbers, found \(value)", origin)
                }
            case .set: fits = labelShape == .set || labelShape == .emptyArray
            case .spans: fits = labelShape == .spans || labelShape == .emptyArray
            }
            if !fits {
                throw error(.wrongLabelType, "expected \(level.expectedLabel) for --level \(level.rawValue), found \(labelShape.description)", origin)
            }
        }
        if labelShape == .emptyArray { return }
        guard let shape else {
            shape = labelShape
            shapeOrigin = origin
            return
        }
        if shape != labelShape {
            var message = "expected \(shape.description) like the other labels of this task"
            if let first = location(of: shapeOrigin) { message += " (line \(first.line ?? 0))" }
            message += ", found \(labelShape.description)"
            throw error(.wrongLabelType, message, origin)
        }
    }

    // MARK: - Locations

    private mutating func originCode(_ location: SourceLocation?) -> Int64 {
        guard let location else { return -1 }
        let fileIndex: Int
        if let last = paths.last, last == location.path {
            fileIndex = paths.count - 1
        } else if let known = paths.firstIndex(of: location.path) {
            fileIndex = known
        } else {
            fileIndex = paths.count
            paths.append(location.path)
        }
        return Int64(fileIndex) << 40 | Int64(location.line ?? 0)
    }

    private func location(of origin: Int64) -> SourceLocation? {
        guard origin >= 0 else { return nil }
        return SourceLocation(path: paths[Int(origin >> 40)], line: Int(origin & 0xFF_FFFF_FFFF), field: "label")
    }

    private func error(_ code: AgreementError.Code, _ message: String, _ origin: Int64) -> AgreementError {
        AgreementError(code, message, at: location(of: origin))
    }
}

/// A label reduced to what equality needs.
enum LabelKey: Hashable, Sendable {
    case string(String)
    case number(Double)
    case set([Int32])
    case spans([AgreementSpan])
}

/// The JSON shape of a label.
enum LabelShape: Hashable, Sendable, CustomStringConvertible {
    case string, number, set, spans, emptyArray

    var description: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .set: "an array of strings"
        case .spans: "an array of spans"
        case .emptyArray: "an empty array"
        }
    }
}

extension AgreementLevel {
    /// The label type this level needs, in words.
    var expectedLabel: String {
        switch self {
        case .nominal: "a string, a number or an array of strings"
        case .ordinal, .interval: "a number"
        case .ratio: "a non-negative number"
        case .set: "an array of strings"
        case .spans: "an array of {start, end, label} spans"
        }
    }
}

extension ReliabilityData.Categories {
    /// A label key as it reads in an error message.
    static func name(of key: LabelKey, elements: [String]) -> String {
        switch key {
        case .string(let value): return JSONValue.string(value).serialized()
        case .number(let value): return JSONValue.number(value).serialized()
        case .set(let ids): return JSONValue.array(ids.map { .string(elements[Int($0)]) }).serialized()
        case .spans(let spans): return "\(spans.count) spans"
        }
    }
}

/// The code of `value`: its index in `values`, appending it (and recording it in `index`) when it is new.
@inline(__always)
func internCode<Value: Hashable>(_ value: Value, _ index: inout [Value: Int32], _ values: inout [Value]) -> Int32 {
    if let known = index[value] { return known }
    let code = Int32(values.count)
    index[value] = code
    values.append(value)
    return code
}
