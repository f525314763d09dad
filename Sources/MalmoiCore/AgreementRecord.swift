/// One annotation in the long format that the agreement scorer reads:
/// `{"task": "...", "item": "...", "annotator": "...", "label": <value>}`.
///
/// Task modules turn their annotations into these records, and `malmoi agree FILE.jsonl` reads the same
/// shape from files, so every module feeds one scorer. The label is a string (nominal), a number
/// (ordinal, interval, ratio), an array of strings (a set) or an array of `{start, end, label}` spans
/// with Unicode scalar offsets.
public struct AgreementRecord: Hashable, Sendable {
    /// The task the annotation belongs to; records of different tasks are scored separately.
    public var task: String?
    /// The unit (item) that was annotated.
    public var item: String
    /// Who annotated it.
    public var annotator: String
    /// The value the annotator gave.
    public var label: JSONValue

    /// Creates a record.
    public init(task: String? = nil, item: String, annotator: String, label: JSONValue) {
        self.task = task
        self.item = item
        self.annotator = annotator
        self.label = label
    }
}
