import Foundation
import MalmoiCore
import MalmoiModel
import Testing

@Suite("Training data errors")
struct TrainingDataErrorTests {
    @Test("empty text is an error naming the file, line and field")
    func emptyText() throws {
        let path = TestData.write([#"{"text":"좋아요","label":"1"}"#, #"{"text":"  ","label":"0"}"#])
        let error = #expect(throws: ModelError.self) { try LabeledText.read(path: path) }
        #expect(error?.code == .emptyText)
        #expect(error?.description == "\(path):2: field \"text\": the text is empty")
        #expect(error?.isBadInput == true)
    }

    @Test("data with one label only is refused")
    func oneClass() throws {
        let path = TestData.write([#"{"text":"좋아요","label":1}"#, #"{"text":"최고예요","label":1}"#])
        let examples = try LabeledText.read(path: path)
        let error = #expect(throws: ModelError.self) { try TextClassifier.train(examples, options: TestData.options) }
        #expect(error?.code == .oneClass)
        #expect(error?.description.hasPrefix("\(path):1: field \"label\":") == true)
    }

    @Test("a label of the wrong type is located")
    func wrongLabelType() throws {
        let path = TestData.write([#"{"text":"좋아요","label":{"a":1}}"#])
        let error = #expect(throws: ModelError.self) { try LabeledText.read(path: path) }
        #expect(error?.code == .invalidLabel)
        #expect(error?.location?.line == 1)
    }

    @Test("integer and string labels are the same label")
    func integerLabels() throws {
        let path = TestData.write([#"{"text":"좋아요","label":1}"#, #"{"text":"싫어요","label":"1"}"#])
        #expect(try LabeledText.read(path: path).map(\.labels) == [["1"], ["1"]])
    }

    @Test("a label outside the allowed set is refused at its example")
    func unknownLabel() throws {
        let path = TestData.write([#"{"text":"좋아요","label":"긍정"}"#, #"{"text":"그냥 그래요","label":"보통"}"#])
        let examples = try LabeledText.read(path: path)
        let error = #expect(throws: ModelError.self) {
            try TextClassifier.train(examples, options: TestData.options, allowedLabels: ["긍정", "부정"])
        }
        #expect(error?.code == .unknownLabel)
        #expect(error?.location?.line == 2)
    }

    @Test("morpheme features without a dictionary are refused")
    func morphemesNeedDictionary() throws {
        var options = TestData.options
        options.groups = [.characters, .morphemes]
        let examples = [LabeledText(text: "좋아요", labels: ["1"]), LabeledText(text: "싫어요", labels: ["0"])]
        let error = #expect(throws: ModelError.self) { try TextClassifier.train(examples, options: options) }
        #expect(error?.code == .dictionaryMissing)
    }
}
