/// An optional morpheme analyzer for the scanner: it reports where the nouns of a text are, so that a
/// lexicon word lying inside a longer noun (시발점, 수박씨) is not reported.
///
/// The scanner works without one (the lexicon's context rules cover the common cases). `malmoi abuse
/// scan --morph` plugs in `MalmoiMorph` through ``MorphemeAnalyzerFilter``-style adapters.
public protocol MorphemeContextFilter: Sendable {
    /// The spans of noun morphemes (common and proper nouns) of `text`, as Unicode scalar offsets
    /// `[start, end)` into `text`.
    func nounSpans(in text: String) -> [Range<Int>]
}
