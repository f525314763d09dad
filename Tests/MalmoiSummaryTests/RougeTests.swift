import MalmoiSummary
import Testing

@Suite struct RougeTests {
    static let reference = "정부는 내년부터 전기차 보조금을 단계적으로 줄이기로 했다."
    static let candidate = "정부가 내년부터 전기차 보조금을 줄인다고 밝혔다."

    @Test func eojeolScoresMatchTheResearchNotes() {
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.eojeol))
        let scores = scorer.score(reference: Self.reference, candidate: Self.candidate)
        // 7 reference words, 6 candidate words, 3 shared (내년부터 전기차 보조금을): P 3/6, R 3/7.
        #expect(scores.rouge1.precision == 3.0 / 6.0)
        #expect(scores.rouge1.recall == 3.0 / 7.0)
        #expect(abs(scores.rouge1.fmeasure - 0.4615384615) < 1e-9)
        // Bigrams: 내년부터 전기차, 전기차 보조금을 shared; 5 candidate and 6 reference bigrams.
        #expect(scores.rouge2.precision == 2.0 / 5.0)
        #expect(scores.rouge2.recall == 2.0 / 6.0)
        #expect(abs(scores.rouge2.fmeasure - 0.3636363636) < 1e-9)
        #expect(abs(scores.rougeL.fmeasure - 0.4615384615) < 1e-9)
    }

    @Test func identicalKoreanScoresOne() {
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.eojeol))
        let scores = scorer.score(reference: Self.reference, candidate: Self.reference)
        for entry in scores.named { #expect(entry.score.fmeasure == 1, "\(entry.name)") }
    }

    @Test func characterScoresCountEveryNonSpaceCharacter() {
        // Every scalar but white space is a token, the final "." included (rouge-score with a
        // character tokenizer gives the same: 0.6667 / 0.5217 / 0.6667).
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.char))
        let scores = scorer.score(reference: Self.reference, candidate: Self.candidate)
        #expect(abs(scores.rouge1.fmeasure - 0.6667) < 1e-4)
        #expect(abs(scores.rouge2.fmeasure - 0.5217) < 1e-4)
        #expect(abs(scores.rougeL.fmeasure - 0.6667) < 1e-4)
    }

    @Test func emptySidesScoreZero() {
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.eojeol))
        let scores = scorer.score(reference: "", candidate: "무엇이든")
        for entry in scores.named { #expect(entry.score == .zero, "\(entry.name)") }
    }

    @Test func repeatedTokensAreClipped() {
        var vocabulary = TokenVocabulary()
        let reference = vocabulary.ids(["가", "가", "나"])
        let candidate = vocabulary.ids(["가", "가", "가", "가"])
        let score = Rouge.rougeN(1, reference: reference, candidate: candidate)
        #expect(score.precision == 2.0 / 4.0)
        #expect(score.recall == 2.0 / 3.0)
    }

    @Test func summaryLevelLCSCountsUnionOfSentenceLCS() {
        // Lin (2004) §3.2 example: r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5.
        // Union LCS = w1 w2 w3 w5 → hits 4; P = 4/10, R = 4/5.
        var vocabulary = TokenVocabulary()
        let reference = [vocabulary.ids(["w1", "w2", "w3", "w4", "w5"])]
        let candidate = [vocabulary.ids(["w1", "w2", "w6", "w7", "w8"]), vocabulary.ids(["w1", "w3", "w8", "w9", "w5"])]
        let score = Rouge.rougeLsum(reference: reference, candidate: candidate)
        #expect(score.recall == 4.0 / 5.0)
        #expect(score.precision == 4.0 / 10.0)
    }

    @Test func sentencesComeFromLinesOrTheSplitter() {
        var byLines = RougeScorer(tokenizer: RougeTokenizer(.eojeol), sentenceMode: .newlines)
        #expect(byLines.tokenizedSentences("첫 문장이다. 둘째 문장이다.\n셋째다.").map(\.count) == [4, 1])
        var bySplitter = RougeScorer(tokenizer: RougeTokenizer(.eojeol), sentenceMode: .splitter)
        #expect(bySplitter.tokenizedSentences("첫 문장이다. 둘째 문장이다.\n셋째다.").map(\.count) == [2, 2, 1])
    }

    @Test(arguments: [
        ("전기차 EV 보조금 2024년", ["전기차", "ev", "보조금", "2024년"]),
        ("  앞뒤 공백  ", ["앞뒤", "공백"]),
    ])
    func eojeolTokensKeepHangulAndDropEmptyTokens(text: String, expected: [String]) {
        #expect(RougeTokenizer(.eojeol).tokens(text) == expected)
    }

    @Test func morphemeModeWithoutAnalyzerIsRefused() {
        #expect(throws: SummaryError.self) { try RougeTokenizer(.morph, morphemes: nil) }
    }
}
