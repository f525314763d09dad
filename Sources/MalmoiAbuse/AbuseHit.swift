/// A lexicon match reported against the original text.
///
/// `start` and `end` are Unicode scalar offsets `[start, end)` into the text that was scanned
/// (what Python's `str` indexes), not Swift `Character`s or UTF-16 units.
public struct AbuseHit: Hashable, Sendable, Codable {
    /// Start offset in Unicode scalars of the original text.
    public var start: Int
    /// End offset (exclusive) in Unicode scalars of the original text.
    public var end: Int
    /// The original text of the span.
    public var surface: String
    /// The lexicon word it stands for (citation form: 씨발, 좆같다).
    public var canonical: String
    /// The harm category of the lexicon entry.
    public var category: HarmCategory
    /// The severity of the lexicon entry (1–3).
    public var severity: Int
    /// The evasion techniques that hid the word, in taxonomy order; empty for a plain spelling.
    public var techniques: [EvasionTechnique]
    /// How sure the scanner is, from 0 to 1: the prior of the spelling, the evasion techniques undone
    /// and the context around it (see ``ContextRules``).
    public var score: Double

    /// Creates a hit.
    public init(start: Int, end: Int, surface: String, canonical: String, category: HarmCategory, severity: Int,
                techniques: [EvasionTechnique], score: Double = 1) {
        self.score = score
        self.start = start
        self.end = end
        self.surface = surface
        self.canonical = canonical
        self.category = category
        self.severity = severity
        self.techniques = techniques
    }
}
