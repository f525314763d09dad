/// Interns token strings as small integer ids, so ROUGE compares integers instead of strings.
///
/// ```swift
/// var vocabulary = TokenVocabulary()
/// vocabulary.ids(["보조금", "을", "보조금"])   // [0, 1, 0]
/// ```
/// One vocabulary must be shared by the reference and the candidate of a pair (and may be shared by a
/// whole corpus).
public struct TokenVocabulary: Sendable {
    private var table: [Key: Int32] = [:]

    /// A token compared and hashed by its UTF-8 bytes (code points), as Python compares `str`: Swift's
    /// `String` equality would also equate canonically equivalent tokens, and its hashing normalizes
    /// non-ASCII text to NFC first, which is slow.
    struct Key: Hashable {
        var text: String

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.text.utf8.elementsEqual(rhs.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// An empty vocabulary.
    public init() {}

    /// The number of distinct tokens seen.
    public var count: Int { table.count }

    /// The id of a token, assigning the next id to a new one.
    public mutating func id(_ token: String) -> Int32 {
        let key = Key(text: token)
        if let id = table[key] { return id }
        let id = Int32(table.count)
        table[key] = id
        return id
    }

    /// The ids of tokens, in order.
    public mutating func ids<S: Sequence>(_ tokens: S) -> [Int32] where S.Element: StringProtocol {
        var result: [Int32] = []
        result.reserveCapacity(tokens.underestimatedCount)
        for token in tokens { result.append(id(String(token))) }
        return result
    }
}
