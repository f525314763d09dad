import Foundation
import MalmoiCore
import MalmoiModel
import Testing

@Suite("Text classifier")
struct TextClassifierTests {
    @Test("a model trained on reviews labels held-out reviews correctly")
    func separatesHeldOutReviews() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        let heldOut = try LabeledText.read(path: TestData.reviewsHeldOut)
        let predictions = model.predict(heldOut.map(\.text))
        let correct = zip(heldOut, predictions).filter { $0.0.labels == [$0.1.label] }.count
        #expect(model.labels == ["긍정", "부정"])
        #expect(correct >= 11, "only \(correct) of \(heldOut.count) held-out reviews right")
        for prediction in predictions {
            let total = prediction.scores.map(\.probability).reduce(0, +)
            #expect(abs(total - 1) < 1e-9)
        }
    }

    @Test("evasive spellings share features with the words they disguise")
    func evasionsShareFeatures() throws {
        let lines: [(String, String)] = [
            ("씨발 진짜 짜증나네", "1"), ("이 새끼 또 왔네", "1"), ("씨발 뭐하냐 지금", "1"), ("저 새끼 말하는 꼴 좀 봐", "1"),
            ("오늘 날씨 진짜 좋네", "0"), ("이 영화 또 보고 싶네", "0"), ("지금 뭐하냐 밥 먹자", "0"), ("말하는 게 참 예쁘다", "0"),
        ]
        let examples = lines.map { LabeledText(text: $0.0, labels: [$0.1]) }
        let model = try TextClassifier.train(examples, options: TestData.options)
        #expect(model.predict("ㅅ1발 진짜 왜 저래").label == "1")
        #expect(model.predict("저 새1끼 좀 봐").label == "1")
        #expect(model.predict("오늘 밥 진짜 맛있다").label == "0")
        let extractor = model.extractor
        #expect(extractor.buckets(of: "ㅅ1발") == extractor.buckets(of: "씨발"))
    }

    @Test("the same data and seed give the same file on one thread and on all cores")
    func deterministicForSeed() throws {
        let examples = try LabeledText.read(path: TestData.reviewsTrain)
        var one = TestData.options
        one.threads = 1
        var many = TestData.options
        many.threads = 4
        let a = try TextClassifier.train(examples, options: one).serialized()
        let b = try TextClassifier.train(examples, options: many).serialized()
        #expect(a == b)
        var other = TestData.options
        other.seed = 2
        #expect(try TextClassifier.train(examples, options: other).serialized() != a)
    }

    @Test("a model read back from its file predicts exactly as before")
    func fileRoundTrip() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        let path = TestData.temporaryPath(".model")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.write(to: path)
        let loaded = try TextClassifier(contentsOf: path)
        let texts = try LabeledText.read(path: TestData.reviewsHeldOut).map(\.text)
        #expect(loaded.predict(texts) == model.predict(texts))
        #expect(loaded.serialized() == model.serialized())
        #expect(loaded.header["features"]?["groups"] == ["char1-4", "words", "lexicon"])
        #expect(loaded.header["features"]?["morphemes"] == "absent")
    }

    @Test("a truncated or foreign model file is refused with its path")
    func refusesBrokenModelFiles() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        var bytes = model.serialized()
        bytes.removeLast(3)
        let error = #expect(throws: ModelError.self) { try TextClassifier(bytes: bytes, path: "cut.model") }
        #expect(error?.code == .invalidModelFile)
        #expect(error?.description.hasPrefix("cut.model: the body has") == true)
        let foreign = #expect(throws: ModelError.self) { try TextClassifier(bytes: Array("{\"a\":1}\nxx".utf8), path: "x.model") }
        #expect(foreign?.description == "x.model: not a Malmoi model file")
    }

    @Test("multi-label data trains one classifier per label")
    func multiLabel() throws {
        let lines = [
            #"{"text":"배송이 빠르고 가격도 싸요","label":["배송","가격"]}"#,
            #"{"text":"배송이 너무 늦어요","label":["배송"]}"#,
            #"{"text":"가격이 비싸요","label":["가격"]}"#,
            #"{"text":"택배가 하루 만에 왔어요","label":["배송"]}"#,
            #"{"text":"할인해서 싸게 샀어요","label":["가격"]}"#,
            #"{"text":"색이 예뻐요","label":[]}"#,
        ]
        let path = TestData.write(lines)
        let model = try TextClassifier.train(try LabeledText.read(path: path), options: TestData.options)
        #expect(model.isMultiLabel)
        #expect(model.labels == ["가격", "배송"])
        let prediction = model.predict("배송이 빠르고 싸요")
        #expect(prediction.scores.count == 2)
        #expect(prediction.json()["labels"] != nil)
    }
}
