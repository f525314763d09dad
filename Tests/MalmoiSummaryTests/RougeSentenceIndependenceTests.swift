import MalmoiSummary
import Testing

/// ROUGE-1/2/L never depend on sentence splitting; only ROUGE-Lsum does (issue 12, item 8).
@Suite struct RougeSentenceIndependenceTests {
    @Test(arguments: [
        ("가 나.다 라", "가 나 다 라"),
        ("정부는 보조금을 줄였다.내년에도 줄인다 .", "정부는 내년에도 보조금을 줄인다."),
        ("첫 문장이다!둘째 문장?셋째 문장.", "첫 문장이다 둘째 문장 셋째 문장"),
    ])
    func rouge1And2AndLAreTheSameWithEitherSentenceMode(reference: String, candidate: String) throws {
        var splitter = RougeScorer(tokenizer: RougeTokenizer(.eojeol), sentenceMode: .splitter)
        var newlines = RougeScorer(tokenizer: RougeTokenizer(.eojeol), sentenceMode: .newlines)
        let split = splitter.score(reference: reference, candidate: candidate)
        let lines = newlines.score(reference: reference, candidate: candidate)
        #expect(split.rouge1 == lines.rouge1)
        #expect(split.rouge2 == lines.rouge2)
        #expect(split.rougeL == lines.rougeL)
    }

    @Test func anEojeolEndingInAPeriodWithoutASpaceIsOneToken() throws {
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.eojeol), sentenceMode: .splitter)
        // 3 reference tokens, 3 candidate tokens, all shared: 1.0 whatever the splitter does.
        let scores = scorer.score(reference: "가 나.다 라", candidate: "가 나.다 라")
        #expect(scores.rouge1.fmeasure == 1)
        let tokens = RougeTokenizer(.eojeol).tokens("가 나.다 라")
        #expect(tokens.count == 3)
    }
}
