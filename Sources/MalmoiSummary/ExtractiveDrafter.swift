import MalmoiCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MalmoiMorph
import MalmoiText

/// Proposes an extractive summary: the top-k sentences of a document by TextRank or LexRank centrality.
///
/// ```swift
/// let drafter = ExtractiveDrafter(method: .textRank, sentenceCount: 3)
/// let draft = drafter.draft("정부는 내년부터 … 했다. 업계는 … 밝혔다. …")
/// draft.selected          // [0, 2, 5] — sentence indices in document order
/// draft.ranges[0]         // scalar offsets of the first sentence
/// ```
/// Sentences come from ``SentenceSplitter`` (with scalar offsets into the document). Similarity is
/// computed over morphemes when an analyzer is given (content-bearing tokens only: nouns, verbs,
/// adjectives, adverbs, foreign words, numbers, per the Sejong tag set), and over character bigrams
/// otherwise (Korean words share stems across particles and endings, which bigrams catch without a
/// dictionary).
/// - TextRank (Mihalcea & Tarau 2004): edge weight `|Si ∩ Sj| / (log|Si| + log|Sj|)` over distinct
///   features; weighted PageRank `WS(i) = (1 − d) + d Σ_j w_ji / Σ_k w_jk · WS(j)`, d = 0.85.
/// - LexRank (Erkan & Radev 2004): tf-idf cosine between sentences (idf over the document's sentences),
///   edges where cosine ≥ `threshold` (0.1), then PageRank with d = 0.85 over the row-normalized graph.
/// Power iteration stops when no score moves by more than 1e-6 (at most 200 rounds). Ties keep the
/// earlier sentence.
public struct ExtractiveDrafter: Sendable {
    /// The ranking algorithm.
    public enum Method: String, Sendable, CaseIterable {
        /// Weighted graph over shared features, normalized by sentence lengths.
        case textRank = "textrank"
        /// Thresholded tf-idf cosine graph.
        case lexRank = "lexrank"
    }

    /// A proposed extractive summary.
    public struct Draft: Hashable, Sendable {
        /// The document's sentences.
        public var sentences: [String]
        /// Each sentence's Unicode scalar offsets `[start, end)` in the document (empty when the
        /// sentences were given without a document).
        public var ranges: [Range<Int>]
        /// Centrality of each sentence.
        public var scores: [Double]
        /// Indices of the chosen sentences, ascending (document order).
        public var selected: [Int]

        /// The chosen sentences joined by spaces.
        public var text: String { selected.map { sentences[$0] }.joined(separator: " ") }
    }

    /// The ranking algorithm.
    public var method: Method
    /// How many sentences to pick (k).
    public var sentenceCount: Int
    /// LexRank's cosine threshold.
    public var threshold: Double
    private let morphemes: (any MorphemeSource)?
    private let splitter = SentenceSplitter()

    /// A drafter; pass `morphemes` to compare sentences by morphemes instead of character bigrams.
    public init(method: Method = .textRank, sentenceCount: Int = 3, threshold: Double = 0.1,
                morphemes: (any MorphemeSource)? = nil) {
        self.method = method
        self.sentenceCount = sentenceCount
        self.threshold = threshold
        self.morphemes = morphemes
    }

    /// Drafts a summary of a document.
    public func draft(_ document: String) -> Draft {
        let found = splitter.sentences(in: document)
        var result = draft(sentences: found.map(\.text))
        result.ranges = found.map { $0.start..<$0.end }
        return result
    }

    /// Drafts a summary from sentences already split.
    public func draft(sentences: [String]) -> Draft {
        let features = sentences.map { self.features($0) }
        let scores: [Double]
        switch method {
        case .textRank: scores = Self.textRank(features)
        case .lexRank: scores = Self.lexRank(features, threshold: threshold)
        }
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let selected = Array(order.prefix(max(0, sentenceCount))).sorted()
        return Draft(sentences: sentences, ranges: [], scores: scores, selected: selected)
    }

    /// The sorted feature keys of a sentence (with repeats, for term frequencies).
    func features(_ sentence: String) -> [UInt64] {
        var keys: [UInt64] = []
        if let morphemes {
            for token in morphemes.analyze(sentence) where Self.isContentTag(token.pos) {
                var hasher = Hasher()
                hasher.combine(token.surface)
                keys.append(UInt64(bitPattern: Int64(hasher.finalize())))
            }
        } else {
            var previous: UInt32 = 0
            for scalar in sentence.unicodeScalars {
                let value = scalar.properties.isWhitespace || scalar.properties.generalCategory.isPunctuation ? 0 : scalar.value
                if previous != 0 && value != 0 { keys.append(UInt64(previous) << 21 | UInt64(value)) }
                previous = value
            }
        }
        keys.sort()
        return keys
    }

    static func isContentTag(_ tag: String) -> Bool {
        let first = tag.split(separator: "+").first.map(String.init) ?? tag
        return first.hasPrefix("NN") || first == "NR" || first == "NP" || first == "VV" || first == "VA"
            || first == "MAG" || first == "SL" || first == "SH" || first == "SN" || first == "XR"
    }

    static func textRank(_ features: [[UInt64]]) -> [Double] {
        let n = features.count
        guard n > 1 else { return Array(repeating: 1, count: n) }
        let distinct = features.map { unique($0) }
        var weights = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                let shared = intersectionCount(distinct[i], distinct[j])
                guard shared > 0 else { continue }
                let denominator = log(Double(distinct[i].count)) + log(Double(distinct[j].count))
                let weight = denominator > 0 ? Double(shared) / denominator : 0
                weights[i * n + j] = weight
                weights[j * n + i] = weight
            }
        }
        return pageRank(weights, n: n, teleport: 1 - 0.85)
    }

    static func lexRank(_ features: [[UInt64]], threshold: Double) -> [Double] {
        let n = features.count
        guard n > 1 else { return Array(repeating: 1, count: n) }
        var documentFrequency: [UInt64: Int] = [:]
        for sentence in features { for key in unique(sentence) { documentFrequency[key, default: 0] += 1 } }
        // tf-idf vectors as sorted (key, weight) lists.
        var vectors: [[(UInt64, Double)]] = []
        var norms: [Double] = []
        for sentence in features {
            var vector: [(UInt64, Double)] = []
            var index = 0
            var norm = 0.0
            while index < sentence.count {
                let key = sentence[index]
                var count = 0
                while index < sentence.count && sentence[index] == key { count += 1; index += 1 }
                let idf = log(Double(n) / Double(documentFrequency[key]!)) + 1
                let weight = Double(count) * idf
                vector.append((key, weight))
                norm += weight * weight
            }
            vectors.append(vector)
            norms.append(norm.squareRoot())
        }
        var weights = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            weights[i * n + i] = 1
            for j in (i + 1)..<n where norms[i] > 0 && norms[j] > 0 {
                var dot = 0.0
                var a = 0
                var b = 0
                let x = vectors[i]
                let y = vectors[j]
                while a < x.count && b < y.count {
                    if x[a].0 == y[b].0 { dot += x[a].1 * y[b].1; a += 1; b += 1 } else if x[a].0 < y[b].0 { a += 1 } else { b += 1 }
                }
                if dot / (norms[i] * norms[j]) >= threshold {
                    weights[i * n + j] = 1
                    weights[j * n + i] = 1
                }
            }
        }
        return pageRank(weights, n: n, teleport: (1 - 0.85) / Double(n))
    }

    /// Weighted PageRank by power iteration over a symmetric weight matrix.
    static func pageRank(_ weights: [Double], n: Int, teleport: Double) -> [Double] {
        var outWeight = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n { outWeight[i] += weights[i * n + j] } }
        var scores = [Double](repeating: 1.0 / Double(n), count: n)
        var next = scores
        for _ in 0..<200 {
            var change = 0.0
            for i in 0..<n {
                var sum = 0.0
                for j in 0..<n where outWeight[j] > 0 {
                    let w = weights[j * n + i]
                    if w != 0 { sum += w / outWeight[j] * scores[j] }
                }
                next[i] = teleport + 0.85 * sum
                change = max(change, abs(next[i] - scores[i]))
            }
            swap(&scores, &next)
            if change < 1e-6 { break }
        }
        return scores
    }

    static func unique(_ sorted: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(sorted.count)
        for key in sorted where result.last != key { result.append(key) }
        return result
    }

    static func intersectionCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        sortedIntersectionCount(a, b)
    }
}

extension Unicode.GeneralCategory {
    /// Whether the category is one of the punctuation categories (P*).
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: true
        default: false
        }
    }
}

extension ExtractiveDrafter.Draft {
    /// The record `malmoi summary draft` writes for a document: `{"id", "sentences": [{"text", "start",
    /// "end"}], "draft": [indices], "summary"}`, offsets in Unicode scalars into the document.
    ///
    /// When the draft was made from a normalized copy of the document, pass the `original` document and
    /// the `map` from the normalized text back to it: each sentence's `text`, `start` and `end` are then
    /// those of the original (the `summary` stays in the normalized text the drafter read).
    public func jsonValue(id: JSONValue, original: String? = nil, map: OffsetMap? = nil) -> JSONValue {
        let scalars = original.map { Array($0.unicodeScalars) }
        let listed: [JSONValue] = sentences.indices.map { index in
            var text = sentences[index]
            var range = ranges.indices.contains(index) ? ranges[index] : 0..<0
            if let map, !map.isIdentity, let scalars, ranges.indices.contains(index) {
                range = map.originalRange(range)
                text = String(String.UnicodeScalarView(scalars[range]))
            }
            return .object(JSONObject([("text", .string(text)), ("start", .int(range.lowerBound)), ("end", .int(range.upperBound))]))
        }
        return .object(JSONObject([("id", id), ("sentences", .array(listed)), ("draft", .array(selected.map { JSONValue.int($0) })),
                                   ("summary", .string(text))]))
    }
}
