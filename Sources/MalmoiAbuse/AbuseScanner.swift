import MalmoiCore

/// Flags abusive words in messages, however they are disguised.
///
/// ```swift
/// let scanner = try AbuseScanner.standard()
/// let result = scanner.scan("아 ㅅ8 진짜")
/// result.flagged                  // true
/// result.hits[0].canonical        // "씨발"
/// result.hits[0].techniques       // [.partialJamo, .digitHomophone]
/// ```
public struct AbuseScanner: Sendable {
    /// The canonicalizer that finds the hits.
    public var canonicalizer: Canonicalizer

    /// Creates a scanner over a canonicalizer.
    public init(canonicalizer: Canonicalizer) { self.canonicalizer = canonicalizer }

    /// A scanner with the built-in taxonomy and lexicon and every step on.
    public static func standard(steps: CanonicalizationSteps = .all) throws -> AbuseScanner {
        AbuseScanner(canonicalizer: try Canonicalizer.standard(steps: steps))
    }

    /// Scans one message.
    /// - Parameters:
    ///   - text: the message.
    ///   - explaining: also record which rule kept or dropped each candidate (``ScanResult/decisions``).
    public func scan(_ text: String, explaining: Bool = false) -> ScanResult {
        let result = canonicalizer.canonicalize(text, explaining: explaining)
        return ScanResult(flagged: !result.hits.isEmpty, canonical: result.text, hits: result.hits, decisions: result.decisions)
    }
}
