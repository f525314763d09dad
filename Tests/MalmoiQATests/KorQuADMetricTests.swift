import MalmoiQA
import Testing

@Suite struct KorQuADMetricTests {
    @Test(arguments: [
        ("《토지》", "토지"),
        ("\"한강\"!", "한강"),
        ("  세종   대왕 ", "세종 대왕"),
        ("(1969) ‘토지’", "1969 토지"),
        ("ABC·DEF", "abc·def"),
        ("「삼국유사」…", "「삼국유사」…"),
    ])
    func normalizationFollowsTheOfficialScript(input: String, expected: String) {
        #expect(KorQuADMetric.normalized(input) == expected)
    }

    // The worked examples of docs/tasks/qa.md §3.
    @Test(arguments: [
        ("임수경", "임수경을", false, 6.0 / 7.0),
        ("1989년 2월 15일", "1989년2월15일", false, 1.0),
        ("《토지》", "토지", true, 1.0),
        ("임수경", "경수임", false, 1.0),
        ("<b>세종대왕</b>", "세종대왕", false, 0.8),
        ("서울", "부산", false, 0.0),
    ])
    func exactMatchAndCharacterF1(prediction: String, gold: String, exact: Bool, f1: Double) {
        #expect(KorQuADMetric.exactMatch(prediction, gold) == exact)
        #expect(abs(KorQuADMetric.f1(prediction, gold) - f1) < 1e-12)
    }

    @Test func bestOverSeveralGoldAnswers() {
        #expect(KorQuADMetric.f1("세종이", golds: ["세종", "조선의 제4대 임금인 세종"]) == 0.8)
        #expect(KorQuADMetric.exactMatch("세종", golds: ["조선의 제4대 임금인 세종", "세종"]))
    }

    @Test func unanswerableQuestionNeedsEmptyPrediction() {
        #expect(KorQuADMetric.f1("", golds: []) == 1)
        #expect(KorQuADMetric.f1("서울", golds: []) == 0)
    }
}
