/// The contract every task kind fulfils, so that the store, the annotate and review loops, export and
/// `malmoi agree --project` are written once.
///
/// ```swift
/// let module = try LabelTask(configuration: ["labels": ["긍정", "부정"]])
/// let payload = try module.parse(answer: "긍정")          // {"labels":["긍정"]}
/// let findings = module.validate(payload, for: item)    // errors block, warnings go to the reviewer
/// ```
/// A new kind is one new type conforming to this protocol plus its tests; the defaults in the extension
/// cover what most kinds do the same way.
public protocol TaskModule: Sendable {
    /// The kind this module handles.
    static var kind: TaskKind { get }

    /// Creates the module from a project's task configuration.
    /// - Throws: ``TaskError`` `.invalidConfiguration` when the configuration is unusable.
    init(configuration: JSONObject) throws

    /// What the annotator sees for an item: the text and what they are asked (several lines).
    func prompt(for item: Item) -> String

    /// How to type an answer, shown by `:help`.
    var answerHelp: String { get }

    /// Turns a typed line into a payload.
    /// - Throws: ``TaskError`` `.invalidAnswer` with a message the annotator can act on.
    func parse(answer: String) throws -> JSONValue

    /// Turns a JSON answer (from `--answers-jsonl` or an import) into a payload.
    /// - Throws: ``TaskError`` `.invalidAnswer`.
    func parse(json: JSONValue) throws -> JSONValue

    /// Turns a typed line into a payload for a given item, for kinds whose answers point into the
    /// item's text (a QA answer is located in the passage and stored with its scalar offset).
    /// The annotate loop calls this one; by default it ignores the item.
    func parse(answer: String, for item: Item) throws -> JSONValue

    /// Turns a JSON answer into a payload for a given item; by default it ignores the item.
    func parse(json: JSONValue, for item: Item) throws -> JSONValue

    /// Whether typed answers span several lines (a summary): the annotate loop then reads until a line
    /// holding only `.` (or the end of input) and passes the lines joined with `\n`, the `.` line included.
    var takesMultilineAnswers: Bool { get }

    /// Checks a payload against the item: errors block submission, warnings are recorded.
    func validate(_ payload: JSONValue, for item: Item) -> [Finding]

    /// A machine draft for an item, if the kind has one.
    func preAnnotate(_ item: Item) -> JSONValue?

    /// Turns annotations of many annotators into the long-format records the agreement scorer reads.
    func agreementRecords(for annotations: [Annotation]) -> [AgreementRecord]

    /// Agreement figures of this kind that are not reliability coefficients (pairwise answer F1 for
    /// QA, pairwise ROUGE for summaries, morpheme F1 …), as a JSON object of named values; nil when the
    /// kind has none. `malmoi agree --project` reports them beside the scorer's coefficients.
    func taskAgreement(for annotations: [Annotation]) -> JSONObject?

    /// How well a payload matches a gold answer, in `[0, 1]`.
    func goldScore(_ payload: JSONValue, gold: JSONValue) -> Double

    /// A one-line rendering of a payload for review screens.
    func summary(of payload: JSONValue) -> String

    /// The free text an annotator wrote in a payload, compared across their submissions to find
    /// duplicates and near-duplicates; nil when the payload has none.
    func duplicateText(of payload: JSONValue) -> String?

    /// The fields of this kind's items (their fields, gold answers and pre-annotations) that hold
    /// scalar offsets into the text, moved with the text when it is NFC-normalized at import.
    static var textOffsetFields: [TextOffsetField] { get }

    /// The export formats this kind writes beyond the generic ones (`korquad` for QA, `conllu` for
    /// morpheme correction); empty for most kinds.
    var exportFormats: [String] { get }

    /// Writes a corpus in one of ``exportFormats``.
    /// - Parameters:
    ///   - format: one of ``exportFormats``.
    ///   - forEachItem: calls its argument once per exported item, in order, one item at a time.
    ///   - writer: where the corpus goes; the caller flushes it.
    /// - Throws: ``TaskError`` for a format the kind does not write or a payload it cannot export, or
    ///   what `forEachItem` throws.
    func writeExport(format: String, forEachItem: ((TaskExportItem) throws -> Void) throws -> Void, to writer: ByteWriter) throws
}

extension TaskModule {
    /// By default a JSON answer is parsed as its serialized text would be when it is a string, and taken
    /// as the payload otherwise.
    public func parse(json: JSONValue) throws -> JSONValue {
        if case .string(let text) = json { return try parse(answer: text) }
        return json
    }

    /// By default the item does not matter to parsing.
    public func parse(answer: String, for item: Item) throws -> JSONValue { try parse(answer: answer) }

    /// By default the item does not matter to parsing.
    public func parse(json: JSONValue, for item: Item) throws -> JSONValue { try parse(json: json) }

    /// By default an answer is one line.
    public var takesMultilineAnswers: Bool { false }

    /// By default there is no machine draft.
    public func preAnnotate(_ item: Item) -> JSONValue? { nil }

    /// By default each annotation's payload is the label.
    public func agreementRecords(for annotations: [Annotation]) -> [AgreementRecord] {
        annotations.map { AgreementRecord(item: $0.item, annotator: $0.annotator, label: $0.payload) }
    }

    /// By default a kind has no figures of its own beyond the coefficients.
    public func taskAgreement(for annotations: [Annotation]) -> JSONObject? { nil }

    /// By default a payload scores 1 when it equals the gold answer and 0 otherwise.
    public func goldScore(_ payload: JSONValue, gold: JSONValue) -> Double { payload == gold ? 1 : 0 }

    /// By default the payload's compact JSON.
    public func summary(of payload: JSONValue) -> String { payload.serialized() }

    /// By default payloads carry no free text.
    public func duplicateText(of payload: JSONValue) -> String? { nil }

    /// By default offsets are the spans' `start` and `end`.
    public static var textOffsetFields: [TextOffsetField] { TextOffsetField.spans }

    /// By default a kind has no export format of its own.
    public var exportFormats: [String] { [] }

    /// By default no format is written.
    public func writeExport(format: String, forEachItem: ((TaskExportItem) throws -> Void) throws -> Void, to writer: ByteWriter) throws {
        throw TaskError(.invalidConfiguration, "\(Self.kind.rawValue) projects have no export format '\(format)'")
    }

    /// The default `:help` text.
    public var answerHelp: String { "Type the answer as JSON." }
}
