/// One annotator's submitted answer for one item.
///
/// ```swift
/// let annotation = Annotation(id: 7, item: "rev-001", annotator: "kim",
///                             payload: ["labels": ["긍정"]], submittedAt: "2025-01-01T00:00:00.000Z")
/// ```
/// An edit never overwrites: it is a new annotation whose ``supersedes`` names the one it replaces.
public struct Annotation: Hashable, Sendable {
    /// The store's id of this annotation.
    public var id: Int64
    /// The item's id.
    public var item: String
    /// The annotator's id.
    public var annotator: String
    /// The answer, in the task's payload format.
    public var payload: JSONValue
    /// Warnings the validator raised when the answer was submitted.
    public var warnings: [Finding]
    /// When it was submitted, ISO 8601 in UTC with milliseconds.
    public var submittedAt: String
    /// Seconds the annotator spent on it, from showing the item to submitting.
    public var seconds: Double
    /// The annotation this one replaces (an edit), if any.
    public var supersedes: Int64?
    /// What the annotator did with the item's machine draft (nil without a draft, or for an edit).
    public var draftOutcome: DraftOutcome?

    /// Creates an annotation.
    public init(id: Int64, item: String, annotator: String, payload: JSONValue, warnings: [Finding] = [],
                submittedAt: String, seconds: Double = 0, supersedes: Int64? = nil, draftOutcome: DraftOutcome? = nil) {
        self.id = id
        self.item = item
        self.annotator = annotator
        self.payload = payload
        self.warnings = warnings
        self.submittedAt = submittedAt
        self.seconds = seconds
        self.supersedes = supersedes
        self.draftOutcome = draftOutcome
    }
}
