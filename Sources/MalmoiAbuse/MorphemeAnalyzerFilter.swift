import MalmoiMorph

/// The ``MorphemeContextFilter`` backed by `MalmoiMorph`'s MeCab-compatible analyzer: the nouns of a
/// text are its `NNG`/`NNP` morphemes (mecab-ko-dic tags, including compound nouns such as 시발점) and
/// its unit nouns are the `NNBC` morphemes (척, 문, 경기).
///
/// ```swift
/// let analyzer = Analyzer(dictionary: try SystemDictionary.discover(explicit: nil))
/// var canonicalizer = try Canonicalizer.standard()
/// canonicalizer.morphemeFilter = MorphemeAnalyzerFilter(analyzer: analyzer)
/// ```
public struct MorphemeAnalyzerFilter: MorphemeContextFilter {
    /// The analyzer.
    public let analyzer: Analyzer

    /// Wraps an analyzer.
    public init(analyzer: Analyzer) { self.analyzer = analyzer }

    public func nounSpans(in text: String) -> [Range<Int>] {
        morphemeSpans(in: text).nouns
    }

    public func morphemeSpans(in text: String) -> (nouns: [Range<Int>], unitNouns: [Range<Int>]) {
        var nouns: [Range<Int>] = []
        var units: [Range<Int>] = []
        for morpheme in analyzer.analyze(text) where !morpheme.isUnknown && morpheme.end > morpheme.start {
            let tag = morpheme.pos
            if tag.hasPrefix("NNG") || tag.hasPrefix("NNP") {
                nouns.append(morpheme.start..<morpheme.end)
            } else if tag.hasPrefix("NNBC") {
                units.append(morpheme.start..<morpheme.end)
            }
        }
        return (nouns, units)
    }
}
