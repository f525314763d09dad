import MalmoiCore
import MalmoiStore

/// Writes a project's corpus as JSONL or XML, streaming item by item.
///
/// ```swift
/// let exporter = CorpusExporter(store: store, project: project, module: LabelTask(...), includeAll: false)
/// let summary = try exporter.writeJSONL(to: ByteWriter())            // accepted annotations only
/// try exporter.writeXML(toFileDescriptor: fd)                      // urn:malmoi:corpus:1
/// ```
/// Both formats carry the same model: a header (project, task configuration, normalization, offset
/// unit), one record per item (text stored once, every annotator's answer with its status, warnings and
/// reviews with the points they earned, per-item agreement), and a closing summary with the corpus
/// agreement. Memory stays at one item at a time. The JSONL form is read back by `malmoi import`
/// losslessly (`"record": "item"` lines).
public struct CorpusExporter {
    /// The version written as `schema_version` (JSONL) and `version` (XML).
    public static let schemaVersion = 1
    /// The XML namespace.
    public static let namespace = "urn:malmoi:corpus:1"

    /// The store read from.
    public let store: any AnnotationStore
    /// The project exported.
    public let project: Project
    /// The project's task module (for agreement labels).
    public let module: any TaskModule
    /// Export every current annotation with its review status, not only accepted ones.
    public let includeAll: Bool
    /// Called with the count of items written so far, after each item (for a progress bar); nil by default.
    public var onItem: ((Int) -> Void)?

    /// Creates an exporter.
    public init(store: any AnnotationStore, project: Project, module: any TaskModule, includeAll: Bool) {
        self.store = store
        self.project = project
        self.module = module
        self.includeAll = includeAll
    }

    /// Observed pairwise agreement of one item's annotators: pairs of annotators whose agreement labels
    /// are equal (sets compared as sets), out of all pairs.
    public func itemAgreement(_ item: ExportItem) -> ItemAgreement {
        let records = module.agreementRecords(for: item.allPayloads.map {
            Annotation(id: 0, item: item.item.id, annotator: $0.annotator, payload: $0.payload, submittedAt: "")
        })
        // A module may give several records per annotation (one per character gap, per sentence, per
        // axis): only records of the same unit (task and item) by different annotators are compared.
        var units: [String: [AgreementRecord]] = [:]
        for record in records { units["\(record.task ?? "")\u{1F}\(record.item)", default: []].append(record) }
        var agreeing = 0
        var pairs = 0
        for unit in units.values {
            for i in unit.indices {
                for j in unit.indices where j > i && unit[i].annotator != unit[j].annotator {
                    pairs += 1
                    if Self.sameLabel(unit[i].label, unit[j].label) { agreeing += 1 }
                }
            }
        }
        return ItemAgreement(annotators: Set(records.map(\.annotator)).count, pairs: pairs, agreeingPairs: agreeing)
    }

    static func sameLabel(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .array(let x) = a, case .array(let y) = b { return Set(x) == Set(y) }
        return a == b
    }

    var selection: String { includeAll ? "all" : "accepted" }
    var normalization: String { project.isVerbatim ? "none" : "NFC" }
}

/// How many of an item's annotators agree.
public struct ItemAgreement: Hashable, Sendable {
    /// Annotators with a current annotation.
    public var annotators: Int
    /// Annotator pairs, n(n−1)/2.
    public var pairs: Int
    /// Pairs with equal labels.
    public var agreeingPairs: Int
}

/// What an export wrote.
public struct ExportSummary: Hashable, Sendable {
    /// Items written.
    public var items = 0
    /// Annotations written.
    public var annotations = 0
    /// Items with at least two annotators (units of the agreement).
    public var pairableItems = 0
    /// Annotator pairs over all items.
    public var pairs = 0
    /// Agreeing pairs over all items.
    public var agreeingPairs = 0
    /// Attribute values in which forbidden XML characters were replaced (XML only).
    public var replacedInAttributes = 0

    /// Creates an empty summary.
    public init() {}

    /// Mean over pairable items of each item's share of agreeing pairs (Gwet's percent agreement
    /// restricted to nominal equality), nil when no item has two annotators.
    public var percentAgreement: Double? {
        pairableItems == 0 ? nil : itemShareSum / Double(pairableItems)
    }

    var itemShareSum = 0.0

    mutating func add(_ agreement: ItemAgreement) {
        guard agreement.pairs > 0 else { return }
        pairableItems += 1
        pairs += agreement.pairs
        agreeingPairs += agreement.agreeingPairs
        itemShareSum += Double(agreement.agreeingPairs) / Double(agreement.pairs)
    }
}

extension CorpusExporter {
    /// Writes one of the task module's own formats (``TaskModule/exportFormats``), streaming the selected
    /// items to ``TaskModule/writeExport(format:forEachItem:to:)``, and flushes the writer.
    /// - Throws: ``TaskError`` when the project's kind has no such format, or what the module throws.
    public func writeTaskFormat(_ format: String, to writer: ByteWriter) throws {
        guard module.exportFormats.contains(format) else {
            let offered = module.exportFormats.isEmpty ? "none" : module.exportFormats.joined(separator: ", ")
            throw TaskError(.invalidConfiguration,
                            "--format \(format) is not written for \(project.kind.rawValue) projects (their own formats: \(offered))")
        }
        try module.writeExport(format: format, forEachItem: { body in
            try forEachItem { exported in
                try body(TaskExportItem(item: exported.item, annotations: exported.annotations.map {
                    TaskExportAnnotation(annotation: $0.annotation, verdict: $0.reviews.last?.review.verdict)
                }))
            }
        }, to: writer)
        try writer.flush()
    }

    /// Calls `body` with the project's items in export order, and ``onItem`` after each.
    func forEachItem(_ body: (ExportItem) throws -> Void) throws {
        var count = 0
        try store.forEachExportItem(in: project, includeAll: includeAll) { item in
            try body(item)
            count += 1
            onItem?(count)
        }
    }
}
