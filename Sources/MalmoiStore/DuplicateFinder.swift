import MalmoiCore
import MalmoiText

/// Finds duplicates and near-duplicates among one annotator's submissions, for the review screen.
///
/// ```swift
/// let finder = DuplicateFinder(threshold: 0.8)
/// let matches = finder.matches(in: [(1, "가격이 싸서 좋다"), (2, "가격이 싸서 좋다!"), (3, "배송이 느림")])
/// // matches[1] == [DuplicateFinder.Match(other: 2, similarity: 1.0, isExact: true)]
/// ```
/// Texts are compared after NFKC case folding with everything but letters and digits removed, so
/// spacing and punctuation changes are exact duplicates. Near-duplicates are pairs whose character
/// trigram sets have a Dice coefficient `2|A∩B| / (|A|+|B|)` at or above the threshold.
public struct DuplicateFinder: Sendable {
    /// One submission that duplicates another.
    public struct Match: Hashable, Sendable {
        /// The other submission's id.
        public var other: Int64
        /// The Dice similarity of the trigram sets, in `[0, 1]` (1 for exact duplicates).
        public var similarity: Double
        /// Whether the normalized texts are identical.
        public var isExact: Bool

        /// Creates a match.
        public init(other: Int64, similarity: Double, isExact: Bool) {
            self.other = other
            self.similarity = similarity
            self.isExact = isExact
        }
    }

    /// The similarity at or above which two texts are near-duplicates.
    public var threshold: Double

    /// Creates a finder.
    public init(threshold: Double) {
        self.threshold = threshold
    }

    /// For each id that has duplicates, its matches, most similar first.
    /// - Complexity: O(n²) trigram-set comparisons for n texts (one annotator's submissions).
    public func matches(in texts: [(id: Int64, text: String)]) -> [Int64: [Match]] {
        let prepared = texts.map { entry -> (id: Int64, key: String, grams: Set<String>) in
            let key = Self.comparisonKey(entry.text)
            return (entry.id, key, Self.trigrams(key))
        }
        var result: [Int64: [Match]] = [:]
        for i in prepared.indices {
            for j in prepared.indices where j > i {
                let a = prepared[i]
                let b = prepared[j]
                guard !a.key.isEmpty, !b.key.isEmpty else { continue }
                let exact = a.key == b.key
                let similarity = exact ? 1 : Self.dice(a.grams, b.grams)
                if exact || similarity >= threshold {
                    result[a.id, default: []].append(Match(other: b.id, similarity: similarity, isExact: exact))
                    result[b.id, default: []].append(Match(other: a.id, similarity: similarity, isExact: exact))
                }
            }
        }
        for key in result.keys { result[key]!.sort { ($0.similarity, -$0.other) > ($1.similarity, -$1.other) } }
        return result
    }

    /// The text as compared: NFKC case-folded, letters and digits only.
    public static func comparisonKey(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.normalized(.nfkcCasefold).unicodeScalars
        where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            kept.append(scalar)
        }
        return String(kept)
    }

    /// The set of character trigrams (the whole text when shorter than three scalars).
    static func trigrams(_ key: String) -> Set<String> {
        let scalars = Array(key.unicodeScalars)
        guard scalars.count >= 3 else { return key.isEmpty ? [] : [key] }
        var grams = Set<String>()
        for start in 0...(scalars.count - 3) {
            var gram = String.UnicodeScalarView()
            gram.append(contentsOf: scalars[start..<(start + 3)])
            grams.insert(String(gram))
        }
        return grams
    }

    /// The Dice coefficient of two sets.
    static func dice(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return 2 * Double(a.intersection(b).count) / Double(a.count + b.count)
    }
}
