import Foundation
import MalmoiCore
import MalmoiModel
import Testing

@Suite("Tuning and the added feature groups")
struct TuningTests {
    @Test("tuning picks C, class weights and a threshold from the grid, the same on one thread and on four")
    func tunedDeterministically() throws {
        let examples = try LabeledText.read(path: TestData.reviewsTrain)
        var options = TestData.options
        options.tune = true
        options.tuningC = [1, 10]
        options.tuningFolds = 3
        options.threads = 1
        let one = try TextClassifier.train(examples, options: options)
        options.threads = 4
        let four = try TextClassifier.train(examples, options: options)
        #expect(one.serialized() == four.serialized())
        #expect([1, 10].contains(one.training.c))
        let threshold = try #require(one.training.threshold)
        #expect(threshold >= 0.2 && threshold <= 0.8)
        #expect(one.header["training"]?["threshold"]?.doubleValue == threshold)
        let path = TestData.temporaryPath(".model")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try one.write(to: path)
        #expect(try TextClassifier(contentsOf: path).training.threshold == threshold)
        // Untuned models carry no threshold.
        #expect(try TextClassifier.train(examples, options: TestData.options).header["training"]?["threshold"] == nil)
        let heldOut = try LabeledText.read(path: TestData.reviewsHeldOut)
        let correct = zip(heldOut, one.predict(heldOut.map(\.text))).filter { $0.0.labels == [$0.1.label] }.count
        #expect(correct >= 10, "only \(correct) of \(heldOut.count)")
    }

    @Test("tuning more than two labels is refused")
    func tuningNeedsTwoLabels() throws {
        let examples = ["좋아요", "싫어요", "그저 그래요", "최고예요", "별로예요", "보통이에요"].enumerated().map {
            LabeledText(text: $0.element, labels: [["긍정", "부정", "중립"][$0.offset % 3]])
        }
        var options = TestData.options
        options.tune = true
        let error = #expect(throws: ModelError.self) { try TextClassifier.train(examples, options: options) }
        #expect(error?.code == .invalidOption)
    }

    @Test("raw n-grams tell a disguise from the word it disguises; bigrams and scores are read and named")
    func addedGroups() throws {
        let canonicalOnly = try FeatureExtractor(groups: [.characters], hashBits: 18)
        #expect(canonicalOnly.buckets(of: "ㅅ1발") == canonicalOnly.buckets(of: "씨발"))
        let raw = try FeatureExtractor(groups: [.characters, .rawCharacters], hashBits: 18)
        #expect(raw.buckets(of: "ㅅ1발") != raw.buckets(of: "씨발"))
        let bigrams = try FeatureExtractor(groups: [.wordBigrams], hashBits: 18)
        #expect(bigrams.buckets(of: "오늘 날씨 좋다").count == 2)
        #expect(bigrams.buckets(of: "오늘 날씨 좋다") != bigrams.buckets(of: "날씨 오늘 좋다"))
        #expect(bigrams.buckets(of: "하나").isEmpty)
        let scores = try FeatureExtractor(groups: [.lexiconScores], hashBits: 18)
        #expect(scores.buckets(of: "오늘 날씨 좋다").isEmpty)
        #expect(scores.buckets(of: "씨발 진짜").count >= 4)
        let groups = try FeatureGroups(parsing: "char1-4,word-bigrams,raw-char1-4,lexicon-scores")
        #expect(groups.names == ["char1-4", "word-bigrams", "raw-char1-4", "lexicon-scores"])
        var options = TestData.options
        options.groups = groups
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: options)
        let again = try TextClassifier(bytes: model.serialized(), path: "m.model")
        let texts = try LabeledText.read(path: TestData.reviewsHeldOut).map(\.text)
        #expect(again.predict(texts) == model.predict(texts))
    }
}
