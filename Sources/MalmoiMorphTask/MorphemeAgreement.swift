import MalmoiCore
import MalmoiMorph
/// Agreement between two morpheme analyses of one sentence: morpheme F1 and the boundary decisions
/// that Krippendorff's alpha is computed over.
///
/// ```swift
/// let scores = MorphemeAgreement.compare(kim, park)   // both aligned with the same sentence
/// scores.formTag.f1       // morphemes equal in span, form and tag
/// scores.boundary?.f1     // morphemes equal in span only
/// MorphemeAgreement.boundaries(of: kim)   // [(gap: 1, isBoundary: false), (gap: 3, isBoundary: true), …]
/// ```
/// **Morpheme F1.** Each analysis is a multiset of morphemes; two morphemes match when they have the
/// same span `[start, end)` (Unicode scalar offsets) and, for the form+tag score, the same form and tag.
/// With `m` matches, `a` morphemes in the first analysis and `b` in the second, precision is `m/b`,
/// recall `m/a` and F1 `2m/(a+b)` (1 when both are empty), so F1 does not depend on the order of the
/// two. When either analysis has no spans (it was never aligned with its sentence) the form+tag score
/// falls back to the multiset of `(form, tag)` pairs over the sentence and the boundary score is nil.
///
/// **Boundary decisions.** One unit per gap between two adjacent characters of the same eojeol (gaps at
/// whitespace are always boundaries and are left out, as they are not decisions); the value is 1 when a
/// morpheme boundary lies exactly there and 0 otherwise. A boundary inside a syllable (시+ㄴ다 in 신다)
/// is no character gap and so no unit. The gap is named by the scalar offset of the character after it.
public enum MorphemeAgreement {
    /// Precision, recall and F1 of one analysis against another.
    public struct Score: Hashable, Sendable {
        /// Morphemes matched.
        public var matched: Int
        /// Morphemes in the first (reference) analysis.
        public var reference: Int
        /// Morphemes in the second analysis.
        public var candidate: Int

        /// Creates a score from counts.
        public init(matched: Int, reference: Int, candidate: Int) {
            self.matched = matched
            self.reference = reference
            self.candidate = candidate
        }

        /// `matched / candidate` (1 when the candidate is empty).
        public var precision: Double { candidate == 0 ? 1 : Double(matched) / Double(candidate) }
        /// `matched / reference` (1 when the reference is empty).
        public var recall: Double { reference == 0 ? 1 : Double(matched) / Double(reference) }
        /// `2·matched / (reference + candidate)` (1 when both are empty).
        public var f1: Double { reference + candidate == 0 ? 1 : 2 * Double(matched) / Double(reference + candidate) }
    }

    /// The two F1 scores of a pair of analyses.
    public struct Comparison: Hashable, Sendable {
        /// Morphemes equal in span, form and tag (or in form and tag, without spans).
        public var formTag: Score
        /// Morphemes equal in span; nil when either analysis has no spans.
        public var boundary: Score?
    }

    /// Compares two analyses of the same sentence (`reference` first).
    public static func compare(_ reference: MorphAnalysis, _ candidate: MorphAnalysis) -> Comparison {
        let spans = reference.isAligned && candidate.isAligned
        func formTagKeys(_ analysis: MorphAnalysis) -> [String] {
            analysis.entries.map { entry in
                let form = JamoLetters.composed(entry.form)
                return spans ? "\(entry.start!)\u{1F}\(entry.end!)\u{1F}\(form)\u{1F}\(entry.pos)" : "\(form)\u{1F}\(entry.pos)"
            }
        }
        let formTag = Score(matched: multisetIntersection(formTagKeys(reference), formTagKeys(candidate)),
                            reference: reference.entries.count, candidate: candidate.entries.count)
        var boundary: Score?
        if spans {
            func spanKeys(_ analysis: MorphAnalysis) -> [String] { analysis.entries.map { "\($0.start!)\u{1F}\($0.end!)" } }
            boundary = Score(matched: multisetIntersection(spanKeys(reference), spanKeys(candidate)),
                             reference: reference.entries.count, candidate: candidate.entries.count)
        }
        return Comparison(formTag: formTag, boundary: boundary)
    }

    /// The boundary decision at every gap inside an eojeol, in sentence order; empty when the analysis
    /// is not aligned.
    public static func boundaries(of analysis: MorphAnalysis) -> [(gap: Int, isBoundary: Bool)] {
        guard analysis.isAligned else { return [] }
        var result: [(gap: Int, isBoundary: Bool)] = []
        var index = 0
        let entries = analysis.entries
        while index < entries.count {
            var end = index
            while end < entries.count && entries[end].eojeol == entries[index].eojeol { end += 1 }
            let group = entries[index..<end]
            let start = group.map { $0.start! }.min()!
            let stop = group.map { $0.end! }.max()!
            // Cuts between consecutive morphemes that fall exactly on a character gap.
            var cuts = Set<Int>()
            var maxEnd = Int.min
            let suffixMinStart = group.indices.reversed().reduce(into: [Int: Int]()) { table, position in
                table[position] = min(entries[position].start!, table[position + 1] ?? Int.max)
            }
            for position in group.indices.dropLast() {
                maxEnd = max(maxEnd, entries[position].end!)
                if let next = suffixMinStart[position + 1], next == maxEnd { cuts.insert(maxEnd) }
            }
            if stop - start > 1 {
                for gap in (start + 1)..<stop { result.append((gap, cuts.contains(gap))) }
            }
            index = end
        }
        return result
    }

    /// The size of the multiset intersection of two key lists.
    static func multisetIntersection(_ first: [String], _ second: [String]) -> Int {
        var counts: [String: Int] = [:]
        for key in first { counts[key, default: 0] += 1 }
        var matched = 0
        for key in second {
            if let count = counts[key], count > 0 {
                counts[key] = count - 1
                matched += 1
            }
        }
        return matched
    }
}
