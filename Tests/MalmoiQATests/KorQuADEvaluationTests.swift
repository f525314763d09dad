import Foundation
import MalmoiQA
import Testing

/// The repository root and the sample corpus, found from this file's path.
enum QAFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sample = repository.appendingPathComponent("Corpora/qa/korquad_sample.json").path
    static let predictions = repository.appendingPathComponent("Corpora/qa/predictions_sample.json").path
}

@Suite struct KorQuADEvaluationTests {
    /// Hand-computed over the 8 questions of the sample:
    /// hm-0-0 "세종이" vs {세종, 조선의 제4대 임금인 세종}: EM 0, F1 max(2·(2/3)·1/(2/3+1) = 0.8, 0.2857) = 0.8;
    /// hm-0-1 "1446년": 1, 1; hm-0-2 "훈민정음" vs "《훈민정음》": 1, 1 (《》 become spaces);
    /// hm-0-3 "28 자" vs "28자": EM 0 (spacing counts), F1 1; hg-0-0 "소룡검" vs 검룡소: EM 0, F1 1 (bag);
    /// hg-0-1 missing: 0, 0; hg-1-0 "1988년 서울 올림픽" vs "1988년": EM 0, P 5/10, R 1, F1 2/3;
    /// hg-1-1 "\"한강\"!" vs 한강: 1, 1.  EM = 100·3/8 = 37.5; F1 = 100·(0.8+1+1+1+1+0+2/3+1)/8.
    @Test func sampleScoresEqualHandComputedNumbers() throws {
        let gold = try KorQuADDataset(contentsOf: QAFixtures.sample)
        let predictions = try KorQuADEvaluation.predictions(contentsOf: QAFixtures.predictions)
        let result = KorQuADEvaluation.evaluate(gold, predictions: predictions)
        #expect(result.total == 8)
        #expect(result.exactMatch == 37.5)
        var sum = 0.0
        for value in [0.8, 1.0, 1.0, 1.0, 1.0, (2 * 0.5 * 1.0) / (0.5 + 1.0), 1.0] { sum += value }
        #expect(result.f1 == 100.0 * sum / 8)
        #expect(result.f1 == 80.83333333333333)
        #expect(result.missing == ["hg-0-1"])
        #expect(result.versionWarning == nil)
        #expect(result.details.map(\.exactMatch) == [0, 1, 1, 0, 0, 0, 0, 1])
    }

    @Test func otherVersionIsWarnedAbout() throws {
        var gold = try KorQuADDataset(contentsOf: QAFixtures.sample)
        gold.version = "KorQuAD_2.0_dev"
        let result = KorQuADEvaluation.evaluate(gold, predictions: [:])
        #expect(result.versionWarning != nil)
        #expect(result.exactMatch == 0)
    }

    @Test func predictionsMustBeStrings() {
        #expect(throws: QAError.self) { try KorQuADEvaluation.predictions(json: ["q1": 3]) }
    }
}
