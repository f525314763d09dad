/// One exported item with the annotations selected for export, as a task module's own export format
/// receives it (see ``TaskModule/writeExport(format:forEachItem:to:)``).
public struct TaskExportItem: Sendable {
    /// The item, its text as stored.
    public var item: Item
    /// The selected current annotations, ordered by annotator id, each with its latest verdict.
    public var annotations: [TaskExportAnnotation]

    /// Creates an exported item.
    public init(item: Item, annotations: [TaskExportAnnotation]) {
        self.item = item
        self.annotations = annotations
    }
}

/// One exported annotation with the verdict of its latest review (nil: not reviewed yet).
public struct TaskExportAnnotation: Sendable {
    /// The annotation.
    public var annotation: Annotation
    /// The latest review's verdict, nil when it has none.
    public var verdict: Review.Verdict?

    /// Creates an exported annotation.
    public init(annotation: Annotation, verdict: Review.Verdict?) {
        self.annotation = annotation
        self.verdict = verdict
    }
}

/// A field of an item that holds a Unicode scalar offset into the item's text, so that NFC at import
/// moves it with the text (`answer_start` of a KorQuAD answer, `start`/`end` of a span).
///
/// A task kind declares its fields in ``TaskModule/textOffsetFields``; the importer moves every
/// integer under one of these keys, anywhere in an item's fields, gold answer and pre-annotation.
public struct TextOffsetField: Hashable, Sendable {
    /// The JSON key, e.g. `answer_start`.
    public var key: String
    /// Whether the offset ends a span (`[start, end)`): an end moves to the end of what its character
    /// became, a start to its beginning.
    public var isEnd: Bool

    /// Creates a declaration.
    public init(key: String, isEnd: Bool) {
        self.key = key
        self.isEnd = isEnd
    }

    /// The offset that starts a span, under `key`.
    public static func start(_ key: String) -> TextOffsetField { TextOffsetField(key: key, isEnd: false) }
    /// The offset that ends a span, under `key`.
    public static func end(_ key: String) -> TextOffsetField { TextOffsetField(key: key, isEnd: true) }

    /// `start` and `end`: the span convention of Malmoi's own payloads (``AgreementRecord`` spans,
    /// morphemes, abuse spans).
    public static let spans: [TextOffsetField] = [.start("start"), .end("end")]
}
