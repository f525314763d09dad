/// One unit of work in a project: a text to annotate, with its other fields and an optional machine draft.
///
/// ```swift
/// let item = Item(id: "rev-001", text: "배송이 빨라서 좋았어요.", source: "Corpora/label/reviews.jsonl")
/// ```
/// The text is stored NFC-normalized unless the project imported it verbatim; every offset into it is a
/// Unicode scalar offset, `[start, end)`.
public struct Item: Hashable, Sendable {
    /// The item's id, unique within its project (the upstream id when the input had one).
    public var id: String
    /// The text the annotator works on.
    public var text: String
    /// The input record's other fields, in input order (everything but the id and text fields).
    public var fields: JSONObject
    /// Where the item came from (a file path or a corpus name).
    public var source: String?
    /// A machine draft the annotator starts from, in the task's payload format.
    public var preAnnotation: JSONValue?

    /// Creates an item.
    public init(id: String, text: String, fields: JSONObject = JSONObject(), source: String? = nil,
                preAnnotation: JSONValue? = nil) {
        self.id = id
        self.text = text
        self.fields = fields
        self.source = source
        self.preAnnotation = preAnnotation
    }
}
