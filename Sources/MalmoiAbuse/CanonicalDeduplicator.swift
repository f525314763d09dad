/// Finds messages that are the same once their disguises are undone, for collecting submissions:
/// `ㅅㅂ 꺼져` and `씨1발 꺼져!!` are one message.
///
/// ```swift
/// var dedup = try CanonicalDeduplicator.standard()
/// dedup.insert("ㅅㅂ 꺼져", id: "a")        // nil: first time
/// dedup.insert("씨1발  꺼져!!", id: "b")    // "a": a duplicate of a
/// ```
///
/// The key of a message is its canonical text with spaces, punctuation, symbols and laughter jamo
/// (ㅋ, ㅎ, ㅠ …) removed and Latin letters lowercased. Memory grows with the number of distinct keys.
public struct CanonicalDeduplicator: Sendable {
    /// The canonicalizer that computes keys.
    public let canonicalizer: Canonicalizer
    private var firstSeen: [String: String] = [:]

    /// Creates a deduplicator over a canonicalizer.
    public init(canonicalizer: Canonicalizer) { self.canonicalizer = canonicalizer }

    /// A deduplicator with the built-in lexicon.
    public static func standard() throws -> CanonicalDeduplicator {
        CanonicalDeduplicator(canonicalizer: try Canonicalizer.standard())
    }

    /// The duplicate key of a message.
    public func key(for text: String) -> String {
        let canonical = canonicalizer.canonicalize(text).text
        let laughter = canonicalizer.lexicon.laughterJamo
        var key = String.UnicodeScalarView()
        for scalar in canonical.unicodeScalars {
            let s = scalar.value
            if Jamo.isSyllable(s) || (Jamo.isCompatJamo(s) && !laughter.contains(s)) || isASCIIDigit(s) {
                key.append(scalar)
            } else if isASCIILetter(s) {
                key.append(Unicode.Scalar(lowerASCII(s))!)
            } else if s >= 0x80, !Jamo.isCompatJamo(s), scalar.properties.isAlphabetic {
                key.append(scalar)
            }
        }
        return String(key)
    }

    /// Records a message.
    /// - Returns: the id of the earlier message it duplicates, or nil when it is new (then it is recorded
    ///   under `id`). A message whose key is empty (only punctuation or laughter) is never a duplicate.
    public mutating func insert(_ text: String, id: String) -> String? {
        let key = key(for: text)
        guard !key.isEmpty else { return nil }
        if let earlier = firstSeen[key] { return earlier }
        firstSeen[key] = id
        return nil
    }

    /// The number of distinct messages recorded.
    public var count: Int { firstSeen.count }
}
