/// A reviewer's verdict (검수 결과) on one annotation.
///
/// ```swift
/// let review = Review(id: 1, annotation: 7, reviewer: "park", verdict: .rejected,
///                     reasons: ["wrong-label"], comment: "부정에 가깝습니다", at: "2025-01-01T00:00:00.000Z")
/// ```
/// A later review of the same annotation replaces this one as the annotation's status; both are kept.
public struct Review: Hashable, Sendable {
    /// The two verdicts a reviewer can give.
    public enum Verdict: String, Hashable, Sendable, CaseIterable {
        /// The annotation is good; the annotator is credited the project's points.
        case accepted
        /// The annotation is wrong; reason codes say why.
        case rejected
    }

    /// The store's id of this review.
    public var id: Int64
    /// The id of the annotation reviewed.
    public var annotation: Int64
    /// The reviewer's id.
    public var reviewer: String
    /// Accepted or rejected.
    public var verdict: Verdict
    /// Reason codes from the project's list (empty when accepted).
    public var reasons: [String]
    /// The reviewer's free comment.
    public var comment: String?
    /// When the verdict was given, ISO 8601 in UTC with milliseconds.
    public var at: String

    /// Creates a review.
    public init(id: Int64, annotation: Int64, reviewer: String, verdict: Verdict, reasons: [String] = [],
                comment: String? = nil, at: String) {
        self.id = id
        self.annotation = annotation
        self.reviewer = reviewer
        self.verdict = verdict
        self.reasons = reasons
        self.comment = comment
        self.at = at
    }

    /// Whether the verdict is `accepted`.
    public var isAccepted: Bool { verdict == .accepted }
}
