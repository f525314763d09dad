import MalmoiText

/// Scores summaries against references with ROUGE-1/2/L/Lsum on Korean-aware tokens.
///
/// ```swift
/// var scorer = RougeScorer(tokenizer: RougeTokenizer(.eojeol))
/// let scores = scorer.score(reference: "정부는 내년부터 전기차 보조금을 단계적으로 줄이기로 했다.",
///                           candidate: "정부가 내년부터 전기차 보조금을 줄인다고 밝혔다.")
/// scores.rouge1.fmeasure   // 0.4615…
/// ```
/// ROUGE-1/2/L use all tokens of the whole text; ROUGE-Lsum needs sentences, which come from line breaks only
/// (`.newlines`, what `rouge-score` does) or from ``SentenceSplitter`` (`.splitter`, which also breaks
/// at line breaks). The scorer keeps one ``TokenVocabulary`` across calls, so it is a mutable value.
public struct RougeScorer: Sendable {
    /// How ROUGE-Lsum finds sentences.
    public enum SentenceMode: String, Sendable, CaseIterable {
        /// Each line is a sentence (`rouge-score`'s behaviour without `split_summaries`).
        case newlines
        /// ``SentenceSplitter`` sentences.
        case splitter
    }

    /// The tokenizer.
    public let tokenizer: RougeTokenizer
    /// How ROUGE-Lsum finds sentences.
    public let sentenceMode: SentenceMode
    /// Whether ROUGE-Lsum is computed (it costs one LCS table per sentence pair); when false it is zero.
    public var computesLsum = true
    private var vocabulary = TokenVocabulary()
    private let splitter = SentenceSplitter()

    /// A scorer.
    public init(tokenizer: RougeTokenizer, sentenceMode: SentenceMode = .splitter) {
        self.tokenizer = tokenizer
        self.sentenceMode = sentenceMode
    }

    /// The four ROUGE scores of a candidate summary against a reference.
    ///
    /// ROUGE-1/2/L tokenize each whole text, so sentence splitting never changes them (`가 나.다 라` is
    /// three eojeol tokens, as in `rouge-score`); only ROUGE-Lsum tokenizes sentence by sentence.
    public mutating func score(reference: String, candidate: String) -> RougeScores {
        let referenceTokens = vocabulary.ids(tokenizer.tokens(reference))
        let candidateTokens = vocabulary.ids(tokenizer.tokens(candidate))
        let lsum = computesLsum
            ? Rouge.rougeLsum(reference: tokenizedSentences(reference), candidate: tokenizedSentences(candidate))
            : .zero
        return RougeScores(rouge1: Rouge.rougeN(1, reference: referenceTokens, candidate: candidateTokens),
                           rouge2: Rouge.rougeN(2, reference: referenceTokens, candidate: candidateTokens),
                           rougeL: Rouge.rougeL(reference: referenceTokens, candidate: candidateTokens),
                           rougeLsum: lsum)
    }

    /// A text as sentences of token ids (an empty text gives no sentence).
    public mutating func tokenizedSentences(_ text: String) -> [[Int32]] {
        var result: [[Int32]] = []
        for sentence in sentences(text) { result.append(vocabulary.ids(tokenizer.tokens(sentence))) }
        return result
    }

    private func sentences(_ text: String) -> [String] {
        switch sentenceMode {
        case .newlines:
            var result: [String] = []
            let scalars = text.unicodeScalars
            var start = scalars.startIndex
            var index = start
            while index != scalars.endIndex {
                if scalars[index] == "\n" {
                    if start != index { result.append(String(text[start..<index])) }
                    start = scalars.index(after: index)
                }
                index = scalars.index(after: index)
            }
            if start != scalars.endIndex { result.append(String(text[start..<scalars.endIndex])) }
            return result
        case .splitter:
            return splitter.split(text)
        }
    }
}

/// The mean and spread of ROUGE scores over many pairs.
///
/// ```swift
/// var summary = RougeAggregate()
/// summary.add(scores)
/// summary.mean.rouge1.fmeasure
/// ```
public struct RougeAggregate: Hashable, Sendable {
    private var sums = [Double](repeating: 0, count: 12)
    private var fmeasures: [[Double]] = [[], [], [], []]
    /// The number of pairs added.
    public private(set) var count = 0

    /// An empty aggregate.
    public init() {}

    /// Adds one pair's scores.
    public mutating func add(_ scores: RougeScores) {
        for (index, entry) in scores.named.enumerated() {
            sums[index * 3] += entry.score.precision
            sums[index * 3 + 1] += entry.score.recall
            sums[index * 3 + 2] += entry.score.fmeasure
            fmeasures[index].append(entry.score.fmeasure)
        }
        count += 1
    }

    /// The arithmetic mean of each value (all zero when empty).
    public var mean: RougeScores {
        let n = Double(max(count, 1))
        func score(_ index: Int) -> RougeScore {
            RougeScore(precision: sums[index * 3] / n, recall: sums[index * 3 + 1] / n, fmeasure: sums[index * 3 + 2] / n)
        }
        return RougeScores(rouge1: score(0), rouge2: score(1), rougeL: score(2), rougeLsum: score(3))
    }

    /// Quantiles of the F-measures of one variant (0 = rouge1 … 3 = rougeLsum): minimum, first quartile,
    /// median, third quartile, maximum (linear interpolation between order statistics).
    public func fmeasureQuantiles(variant: Int) -> [Double] {
        let sorted = fmeasures[variant].sorted()
        guard !sorted.isEmpty else { return [0, 0, 0, 0, 0] }
        return [0, 0.25, 0.5, 0.75, 1].map { q in
            let position = q * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, sorted.count - 1)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        }
    }
}
