import MalmoiMorph

/// Where the summary module gets morphemes from: the analyzer when a dictionary is installed, or a
/// stand-in in tests. Keeping this seam small lets ROUGE and the drafter fall back to characters or
/// eojeol when no dictionary is present.
///
/// ```swift
/// let analyzer = Analyzer(dictionary: try SystemDictionary.discover(explicit: nil))
/// let tokenizer = RougeTokenizer(.morph, morphemes: analyzer)
/// ```
public protocol SummaryMorphemeSource: Sendable {
    /// The tokens of a text with Unicode scalar offsets `[start, end)`.
    func analyze(_ text: String) -> [Morpheme]
}

extension Analyzer: SummaryMorphemeSource {}
