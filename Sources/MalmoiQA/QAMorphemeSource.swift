import MalmoiMorph

/// Where the QA module gets morphemes from (the particle check): the analyzer when a dictionary is
/// installed, or a stand-in in tests. Without one the check is reported as skipped.
///
/// ```swift
/// let task = try QATask(configuration: [:], morphemes: Analyzer(dictionary: dictionary))
/// ```
public protocol QAMorphemeSource: Sendable {
    /// The tokens of a text with Unicode scalar offsets `[start, end)`.
    func analyze(_ text: String) -> [Morpheme]
}

extension Analyzer: QAMorphemeSource {}
