import MalmoiCore
/// ROUGE (Lin 2004) over token ids: ROUGE-N by clipped n-gram counts, ROUGE-L by the longest common
/// subsequence, and ROUGE-Lsum by the summary-level union LCS.
///
/// ```swift
/// var vocabulary = TokenVocabulary()
/// let reference = [vocabulary.ids(["정부", "는", "내년", "부터"])]
/// let candidate = [vocabulary.ids(["정부", "가", "내년", "부터"])]
/// let scores = Rouge.scores(reference: reference, candidate: candidate)
/// scores.rouge1.fmeasure   // 0.75
/// ```
/// The definitions follow the `rouge-score` package (google-research, 0.1.2) exactly, so that given the
/// same tokens the numbers are equal:
/// - ROUGE-N: `overlap = Σ min(count_ref(g), count_cand(g))` over n-grams `g`;
///   `P = overlap / max(#cand n-grams, 1)`, `R = overlap / max(#ref n-grams, 1)`.
/// - ROUGE-L: `P = LCS / |cand|`, `R = LCS / |ref|`; 0 when either side has no token.
/// - ROUGE-Lsum: for each reference sentence, the union of the LCS positions (one LCS per candidate
///   sentence, read back with the package's tie-break) is counted, each token at most as often as it
///   occurs in both summaries; `P = hits / |cand|`, `R = hits / |ref|`.
/// Sentences are given as separate token arrays; ROUGE-1/2/L use their concatenation.
public enum Rouge {
    /// All four scores for a reference and a candidate given as sentences of token ids.
    public static func scores(reference: [[Int32]], candidate: [[Int32]], includingLsum: Bool = true) -> RougeScores {
        let referenceTokens = reference.count == 1 ? reference[0] : Array(reference.joined())
        let candidateTokens = candidate.count == 1 ? candidate[0] : Array(candidate.joined())
        return RougeScores(rouge1: rougeN(1, reference: referenceTokens, candidate: candidateTokens),
                           rouge2: rougeN(2, reference: referenceTokens, candidate: candidateTokens),
                           rougeL: rougeL(reference: referenceTokens, candidate: candidateTokens),
                           rougeLsum: includingLsum ? rougeLsum(reference: reference, candidate: candidate) : .zero)
    }

    /// ROUGE-N for `n` = 1 or 2 (and any `n` up to 4, packed into one 128-bit key per n-gram).
    public static func rougeN(_ n: Int, reference: [Int32], candidate: [Int32]) -> RougeScore {
        precondition(n >= 1 && n <= 4, "ROUGE-N is defined here for n in 1...4")
        if n <= 2 {
            let overlap = clippedOverlap(ngrams64(reference, n), ngrams64(candidate, n))
            let candidateCount = max(candidate.count - n + 1, 0)
            let referenceCount = max(reference.count - n + 1, 0)
            return RougeScore(precision: Double(overlap) / Double(max(candidateCount, 1)),
                              recall: Double(overlap) / Double(max(referenceCount, 1)))
        }
        let referenceGrams = ngrams(reference, n)
        let candidateGrams = ngrams(candidate, n)
        let overlap = sortedIntersectionCount(referenceGrams, candidateGrams)
        let precision = Double(overlap) / Double(max(candidateGrams.count, 1))
        let recall = Double(overlap) / Double(max(referenceGrams.count, 1))
        return RougeScore(precision: precision, recall: recall)
    }

    /// ROUGE-L of two token sequences.
    public static func rougeL(reference: [Int32], candidate: [Int32]) -> RougeScore {
        guard !reference.isEmpty, !candidate.isEmpty else { return .zero }
        let length = lcsLength(reference, candidate)
        return RougeScore(precision: Double(length) / Double(candidate.count), recall: Double(length) / Double(reference.count))
    }

    /// Summary-level ROUGE-Lsum of two summaries given as sentences.
    public static func rougeLsum(reference: [[Int32]], candidate: [[Int32]]) -> RougeScore {
        guard !reference.isEmpty, !candidate.isEmpty else { return .zero }
        // One sentence on each side: the union LCS is the LCS, and clipping never removes one of its
        // tokens (each is matched to its own candidate token), so ROUGE-Lsum equals ROUGE-L.
        if reference.count == 1 && candidate.count == 1 { return rougeL(reference: reference[0], candidate: candidate[0]) }
        let m = reference.reduce(0) { $0 + $1.count }
        let n = candidate.reduce(0) { $0 + $1.count }
        guard m > 0, n > 0 else { return .zero }
        var referenceCounts: [Int32: Int] = [:]
        var candidateCounts: [Int32: Int] = [:]
        for sentence in reference { for token in sentence { referenceCounts[token, default: 0] += 1 } }
        for sentence in candidate { for token in sentence { candidateCounts[token, default: 0] += 1 } }
        var hits = 0
        var union: [Bool] = []
        var table: [Int32] = []
        for sentence in reference {
            union.removeAll(keepingCapacity: true)
            union.append(contentsOf: repeatElement(false, count: sentence.count))
            for other in candidate { lcsPositions(sentence, other, into: &union, table: &table) }
            for position in union.indices where union[position] {
                let token = sentence[position]
                if let c = candidateCounts[token], c > 0, let r = referenceCounts[token], r > 0 {
                    hits += 1
                    candidateCounts[token] = c - 1
                    referenceCounts[token] = r - 1
                }
            }
        }
        return RougeScore(precision: Double(hits) / Double(n), recall: Double(hits) / Double(m))
    }

    /// The length of a longest common subsequence, in O(|a|·|b|) time and O(|b|) space.
    public static func lcsLength(_ a: [Int32], _ b: [Int32]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var row = [Int32](repeating: 0, count: b.count + 1)
        return row.withUnsafeMutableBufferPointer { row in
            b.withUnsafeBufferPointer { b in
                for x in a {
                    var diagonal: Int32 = 0
                    for j in 1...b.count {
                        let above = row[j]
                        if x == b[j - 1] {
                            row[j] = diagonal + 1
                        } else if row[j - 1] > above {
                            row[j] = row[j - 1]
                        }
                        diagonal = above
                    }
                }
                return Int(row[b.count])
            }
        }
    }

    /// Marks the positions in `reference` of one LCS with `candidate`, read back from the end the way
    /// `rouge-score`'s `_backtrack_norec` does (on a tie it moves up, dropping a reference token).
    static func lcsPositions(_ reference: [Int32], _ candidate: [Int32], into positions: inout [Bool], table: inout [Int32]) {
        let rows = reference.count
        let columns = candidate.count
        guard rows > 0, columns > 0 else { return }
        let width = columns + 1
        table.removeAll(keepingCapacity: true)
        table.append(contentsOf: repeatElement(0, count: (rows + 1) * width))
        table.withUnsafeMutableBufferPointer { t in
            reference.withUnsafeBufferPointer { r in
                candidate.withUnsafeBufferPointer { c in
                    for i in 1...rows {
                        let row = i * width
                        let above = row - width
                        let x = r[i - 1]
                        for j in 1...columns {
                            if x == c[j - 1] {
                                t[row + j] = t[above + j - 1] + 1
                            } else {
                                t[row + j] = max(t[above + j], t[row + j - 1])
                            }
                        }
                    }
                    var i = rows
                    var j = columns
                    while i > 0 && j > 0 {
                        if r[i - 1] == c[j - 1] {
                            positions[i - 1] = true
                            i -= 1
                            j -= 1
                        } else if t[i * width + j - 1] > t[(i - 1) * width + j] {
                            j -= 1
                        } else {
                            i -= 1
                        }
                    }
                }
            }
        }
    }

    /// Σ min(count_a, count_b) over the keys of two sorted arrays.
    private static func clippedOverlap(_ a: [UInt64], _ b: [UInt64]) -> Int {
        sortedIntersectionCount(a, b)
    }

    /// The sorted unigrams or bigrams of a token sequence, packed into 64-bit keys.
    private static func ngrams64(_ tokens: [Int32], _ n: Int) -> [UInt64] {
        guard tokens.count >= n else { return [] }
        var grams: [UInt64] = []
        grams.reserveCapacity(tokens.count - n + 1)
        if n == 1 {
            for token in tokens { grams.append(UInt64(UInt32(bitPattern: token))) }
        } else {
            for start in 0..<(tokens.count - 1) {
                grams.append(UInt64(UInt32(bitPattern: tokens[start])) << 32 | UInt64(UInt32(bitPattern: tokens[start + 1])))
            }
        }
        grams.sort()
        return grams
    }

    /// The sorted n-grams of a token sequence, each packed into one integer key.
    private static func ngrams(_ tokens: [Int32], _ n: Int) -> [UInt128] {
        guard tokens.count >= n else { return [] }
        var grams: [UInt128] = []
        grams.reserveCapacity(tokens.count - n + 1)
        for start in 0...(tokens.count - n) {
            var key: UInt128 = 0
            for offset in 0..<n { key = key << 32 | UInt128(UInt32(bitPattern: tokens[start + offset])) }
            grams.append(key)
        }
        grams.sort()
        return grams
    }
}
