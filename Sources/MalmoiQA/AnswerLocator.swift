/// Finds where a typed answer occurs in a passage, in Unicode scalar offsets.
///
/// ```swift
/// let locator = AnswerLocator(passage: "서울에서 서울까지")
/// locator.occurrences(of: "서울")             // [0, 5]
/// locator.context(at: 5, length: 2)          // "…서울에서 [서울]까지"
/// ```
public struct AnswerLocator: Sendable {
    /// The passage's scalars.
    public let scalars: [Unicode.Scalar]

    /// A locator over a passage.
    public init(passage: String) {
        scalars = Array(passage.unicodeScalars)
    }

    /// Start offsets of every occurrence of `answer` (overlapping ones included), ascending.
    public func occurrences(of answer: String) -> [Int] {
        let needle = Array(answer.unicodeScalars)
        guard !needle.isEmpty, needle.count <= scalars.count else { return [] }
        var result: [Int] = []
        for start in 0...(scalars.count - needle.count) where scalars[start] == needle[0] {
            var matches = true
            for offset in 1..<needle.count where scalars[start + offset] != needle[offset] {
                matches = false
                break
            }
            if matches { result.append(start) }
        }
        return result
    }

    /// The text of `[start, end)`, or nil when the range is outside the passage.
    public func text(_ start: Int, _ end: Int) -> String? {
        guard start >= 0, start <= end, end <= scalars.count else { return nil }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// Whether the answer's text is the passage text at its `answer_start`: the answer-span check of the
    /// validator and of `malmoi qa import`.
    public func holds(_ answer: KorQuADAnswer) -> Bool {
        text(answer.answerStart, answer.answerEnd) == answer.text
    }

    /// The occurrence in its surroundings, the answer in brackets: `…앞 [답]뒤…`.
    public func context(at start: Int, length: Int, radius: Int = 12) -> String {
        let lower = max(0, start - radius)
        let upper = min(scalars.count, start + length + radius)
        let before = text(lower, start) ?? ""
        let answer = text(start, start + length) ?? ""
        let after = text(start + length, upper) ?? ""
        return (lower > 0 ? "…" : "") + before + "[" + answer + "]" + after + (upper < scalars.count ? "…" : "")
    }
}
