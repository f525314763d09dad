/// The canonical text of one line and its lexicon hits, without the source map and the transformation
/// list that ``Canonicalization`` carries: what a feature extractor reads of a line.
///
/// ```swift
/// let canonicalizer = try Canonicalizer.standard()
/// let line = "ㅅ ㅂ 진짜".utf8.withContiguousStorageIfAvailable { canonicalizer.canonicalLine(utf8: $0) }!
/// line.text                    // "씨발 진짜", as canonicalize("ㅅ ㅂ 진짜").text
/// line.hits.map(\.canonical)   // ["씨발"]
/// ```
public struct CanonicalLine: Sendable {
    /// The Unicode scalar values of the canonical text: those of ``Canonicalization/text``.
    public var scalars: [UInt32]
    /// Whether the canonical text is the line itself (then ``scalars`` are the line's own scalars).
    public var isUnchanged: Bool
    /// The lexicon hits, equal to ``Canonicalization/hits``; offsets are Unicode scalar offsets,
    /// `[start, end)`, into the line.
    public var hits: [AbuseHit]

    /// The canonical text as a string.
    public var text: String {
        String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }
}
