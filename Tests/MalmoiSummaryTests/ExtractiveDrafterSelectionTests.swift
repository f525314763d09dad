import MalmoiSummary
import Testing

/// Which sentences the extractive drafter picks, by index, on a Korean news paragraph written for
/// the test: four sentences about the city's electric-car chargers (0, 2, 3, 5) and two unrelated
/// ones (1: weather, 4: baseball).
///
/// The expected rankings were computed independently (a direct Python transcription of the
/// definitions in `ExtractiveDrafter`'s documentation, over the same character bigrams):
/// - TextRank: scores 1.439, 0.150, 1.335, 0.747, 0.261, 1.219 → order 0, 2, 5, 3, 4, 1.
/// - LexRank (cosine ≥ 0.1, self-loops): only 0–2 (0.171) and 2–5 (0.164) pass the threshold
///   (0–5 is 0.098), so 2 is the hub (0.208); the isolated sentences keep 1/6 and outrank 0 and 5
///   (0.146), ties going to the earlier sentence → order 2, 1, 3, 4, 0, 5.
struct ExtractiveDrafterSelectionTests {
    static let document = "서울시는 내년부터 전기차 충전소를 두 배로 늘린다고 밝혔다. 오늘 오후에는 전국에 비가 조금 내리겠다. "
        + "시는 전기차 충전소 부족이 전기차 보급의 가장 큰 걸림돌이라고 설명했다. 새 충전소는 아파트 단지와 공영 주차장에 먼저 들어선다. "
        + "한편 프로야구 개막전은 다음 달 초에 열린다. 전기차 이용자들은 충전소 확대를 반기면서도 충전 요금 인상을 걱정했다."

    @Test("The document splits into its six sentences with scalar offsets")
    func sentences() {
        let draft = ExtractiveDrafter(method: .textRank, sentenceCount: 1).draft(Self.document)
        #expect(draft.sentences.count == 6)
        #expect(draft.ranges.first == 0..<33)
        #expect(draft.ranges[1] == 34..<57)
        #expect(draft.sentences[4] == "한편 프로야구 개막전은 다음 달 초에 열린다.")
    }

    @Test("TextRank over character bigrams", arguments: [(1, [0]), (2, [0, 2]), (3, [0, 2, 5]), (4, [0, 2, 3, 5])])
    func textRank(count: Int, expected: [Int]) {
        let draft = ExtractiveDrafter(method: .textRank, sentenceCount: count).draft(Self.document)
        #expect(draft.selected == expected)
    }

    @Test("LexRank over character bigrams", arguments: [(1, [2]), (2, [1, 2]), (3, [1, 2, 3])])
    func lexRank(count: Int, expected: [Int]) {
        let draft = ExtractiveDrafter(method: .lexRank, sentenceCount: count).draft(Self.document)
        #expect(draft.selected == expected)
    }

    @Test("TextRank scores rank the on-topic sentences above the unrelated ones")
    func textRankScores() {
        let scores = ExtractiveDrafter(method: .textRank, sentenceCount: 3).draft(Self.document).scores
        #expect(scores.count == 6)
        #expect(abs(scores[1] - 0.15) < 1e-5)  // no shared bigram: only the teleport term
        #expect(abs(scores[0] - 1.4392) < 1e-3 && abs(scores[2] - 1.3347) < 1e-3 && abs(scores[5] - 1.2189) < 1e-3)
    }
}
