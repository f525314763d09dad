import MalmoiMorph

/// The ``MorphemeContextFilter`` backed by `MalmoiMorph`'s MeCab-compatible analyzer: the nouns of a
/// text are its `NNG`/`NNP` morphemes (mecab-ko-dic tags, including compound nouns such as 시발점).
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
        analyzer.analyze(text).compactMap { morpheme in
            let tag = morpheme.pos
            guard !morpheme.isUnknown, tag.hasPrefix("NNG") || tag.hasPrefix("NNP"), morpheme.end > morpheme.start else { return nil }
            return morpheme.start..<morpheme.end
        }
    }
}
