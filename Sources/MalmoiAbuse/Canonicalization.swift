/// The result of canonicalizing a text: the canonical text, a map back to the original, the changes
/// made and the lexicon hits found.
public struct Canonicalization: Sendable {
    /// The input text.
    public var original: String
    /// The canonical text.
    public var text: String
    /// For each Unicode scalar of ``text``, the range of original scalars it came from.
    public var sourceRanges: [Range<Int>] {
        storedRanges ?? (0..<text.unicodeScalars.count).map { $0..<($0 + 1) }
    }
    /// nil when the text is unchanged (the identity map), so unchanged lines cost no allocation.
    var storedRanges: [Range<Int>]?
    /// The changes made, in text order.
    public var transformations: [Transformation]
    /// Lexicon hits, in text order, as spans of the original text.
    public var hits: [AbuseHit]
    /// How each candidate was judged, in text order; filled only when explaining.
    public var decisions: [CandidateDecision] = []

    /// The original span `[start, end)` that a span of the canonical text came from.
    ///
    /// Offsets are Unicode scalar offsets. An empty canonical range maps to an empty original range at
    /// the corresponding position.
    public func originalRange(ofCanonical range: Range<Int>) -> Range<Int> {
        guard let sourceRanges = storedRanges else { return range }
        guard !sourceRanges.isEmpty else { return 0..<0 }
        if range.isEmpty {
            if range.lowerBound >= sourceRanges.count {
                let end = sourceRanges.last!.upperBound
                return end..<end
            }
            let start = sourceRanges[range.lowerBound].lowerBound
            return start..<start
        }
        let lower = sourceRanges[range.lowerBound].lowerBound
        let upper = sourceRanges[min(range.upperBound, sourceRanges.count) - 1].upperBound
        return lower..<max(lower, upper)
    }
}
