/// An optional morpheme analyzer for the scanner: it reports where the nouns of a text are, so that a
/// lexicon word lying inside a longer noun (시발점) is not reported, and where unit nouns are, so that
/// a number before a counter (10척, 18홀) is read as a number.
///
/// The scanner works without one (the lexicon's context rules cover the common cases). It consults the
/// analyzer only for lines with a candidate hit that a rule needs it for, never for every line.
/// `malmoi abuse scan --morph` plugs in `MalmoiMorph` through ``MorphemeAnalyzerFilter``.
public protocol MorphemeContextFilter: Sendable {
    /// The spans of noun morphemes (common and proper nouns) of `text`, as Unicode scalar offsets
    /// `[start, end)` into `text`.
    func nounSpans(in text: String) -> [Range<Int>]

    /// The spans of nouns and of unit nouns (counters: 척, 문, 타석) of `text`, from one analysis, as
    /// Unicode scalar offsets `[start, end)` into `text`.
    func morphemeSpans(in text: String) -> (nouns: [Range<Int>], unitNouns: [Range<Int>])
}

extension MorphemeContextFilter {
    /// The nouns from ``nounSpans(in:)`` and no unit nouns.
    public func morphemeSpans(in text: String) -> (nouns: [Range<Int>], unitNouns: [Range<Int>]) {
        (nounSpans(in: text), [])
    }
}
