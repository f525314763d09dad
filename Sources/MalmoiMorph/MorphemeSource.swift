/// Where a module gets morphemes from: the analyzer when a dictionary is installed, or a stand-in in
/// tests. The QA particle check, Korean ROUGE and the extractive drafter take one; without one they
/// skip the check or fall back to characters or eojeol.
///
/// ```swift
/// let analyzer = Analyzer(dictionary: try SystemDictionary.discover(explicit: nil))
/// let tokenizer = try RougeTokenizer(.morph, morphemes: analyzer)
/// let task = try QATask(configuration: [:], morphemes: analyzer)
/// ```
public protocol MorphemeSource: Sendable {
    /// The tokens of a text with Unicode scalar offsets `[start, end)`.
    func analyze(_ text: String) -> [Morpheme]
}

extension Analyzer: MorphemeSource {}
