/// One change the canonicalizer made, tagged with the technique it undid.
///
/// Offsets are Unicode scalar offsets `[start, end)`: `originalRange` into the input text,
/// `canonicalRange` into ``Canonicalization/text``.
public struct Transformation: Hashable, Sendable {
    /// The technique undone; nil for plain normalization (decomposed Hangul composed).
    public var technique: EvasionTechnique?
    /// The span of the input text that was changed.
    public var originalRange: Range<Int>
    /// The span of the canonical text that replaced it (empty for a removal).
    public var canonicalRange: Range<Int>
    /// The input text of the span.
    public var original: String
    /// The canonical text of the span.
    public var replacement: String
}
