/// One labelled span of a text: `[start, end)` in Unicode scalar offsets, with a category label.
///
/// ```swift
/// let span = AgreementSpan(start: 0, end: 3, label: "욕설")
/// span.overlaps(AgreementSpan(start: 2, end: 5, label: "욕설"))   // true
/// ```
public struct AgreementSpan: Hashable, Sendable, Comparable {
    /// First scalar offset covered.
    public var start: Int
    /// Scalar offset just past the span.
    public var end: Int
    /// The span's category; the empty string when the input gave none.
    public var label: String

    /// Creates a span.
    public init(start: Int, end: Int, label: String) {
        self.start = start
        self.end = end
        self.label = label
    }

    /// The number of scalars covered.
    public var length: Int { end - start }

    /// Whether the two spans share at least one scalar (labels are not compared).
    public func overlaps(_ other: AgreementSpan) -> Bool {
        start < other.end && other.start < end
    }

    /// Orders by start, then end, then label.
    public static func < (lhs: AgreementSpan, rhs: AgreementSpan) -> Bool {
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        if lhs.end != rhs.end { return lhs.end < rhs.end }
        return lhs.label < rhs.label
    }
}
