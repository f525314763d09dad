/// How the scanner judged one candidate: its score and the rules that raised, lowered or dropped it
/// (what `malmoi abuse scan --explain` prints).
///
/// ```swift
/// let result = try Canonicalizer.standard().canonicalize("고양이가 새끼를 낳았다", explaining: true)
/// result.decisions[0].isReported   // false
/// result.decisions[0].rules        // ["prior 35: 새끼 has an innocent sense",
///                                  //  "-40 innocent sense before: 를 낳", "dropped: 0 < min_score 50"]
/// ```
public struct CandidateDecision: Hashable, Sendable {
    /// Start offset in Unicode scalars of the original text.
    public var start: Int
    /// End offset (exclusive) in Unicode scalars of the original text.
    public var end: Int
    /// The original text of the span.
    public var surface: String
    /// The lexicon word it would stand for.
    public var canonical: String
    /// The score in points (0–100); 0 for a dropped candidate.
    public var score: Int
    /// Whether the candidate is reported as a hit.
    public var isReported: Bool
    /// The rules applied, in order, each with its effect (`+30 target before: 저`, `drop number: counter 군데`).
    public var rules: [String]

    /// Creates a decision.
    public init(start: Int, end: Int, surface: String, canonical: String, score: Int, isReported: Bool, rules: [String]) {
        self.start = start
        self.end = end
        self.surface = surface
        self.canonical = canonical
        self.score = score
        self.isReported = isReported
        self.rules = rules
    }
}
