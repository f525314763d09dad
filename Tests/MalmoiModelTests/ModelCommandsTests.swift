import MalmoiCore
import MalmoiModel
import Testing

@Suite("Model commands' library calls")
struct ModelCommandsTests {
    @Test("training options from command-line words; an unknown class weight gives nil, an unknown feature group throws")
    func trainingOptionsFromWords() throws {
        let options = try #require(try TrainingOptions(features: "char1-4,words", c: 3, classWeight: "none", hashBits: 18, seed: 9, threads: 2))
        #expect(options.c == 3 && options.classWeight == .none && options.hashBits == 18 && options.seed == 9 && options.threads == 2)
        #expect(!options.groups.contains(.morphemes))
        #expect(try TrainingOptions(features: "char1-4", c: 1, classWeight: "heavy", hashBits: 18, seed: 1, threads: nil) == nil)
        #expect(throws: (any Error).self) { _ = try TrainingOptions(features: "syllables", c: 1, classWeight: "none", hashBits: 18, seed: 1, threads: nil) }
    }

    @Test("a saved model loads without a dictionary when it reads no morphemes, and scores a gold file")
    func loadAndEvaluate() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        let path = TestData.temporaryPath(".model")
        try model.write(to: path)
        let loaded = try ModelDictionary(explicit: "/nonexistent").loadModel(path)
        #expect(loaded.labels == model.labels)
        #expect(try ModelDictionary(explicit: "/nonexistent").analyzer(needed: false) == nil)
        let evaluation = try ModelEvaluation(classifier: loaded, goldPath: TestData.reviewsHeldOut, threads: 1)
        let gold = try LabeledText.read(path: TestData.reviewsHeldOut)
        let direct = ModelEvaluation(labels: model.labels, gold: gold.map(\.labels), predicted: model.predict(gold.map(\.text), threads: 1).map(\.labels))
        #expect(evaluation.json == direct.json)
    }

    @Test("an empty gold file is an input error naming it")
    func emptyGold() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        let empty = TestData.temporaryPath(".jsonl")
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect {
            _ = try ModelEvaluation(classifier: model, goldPath: empty, threads: 1)
        } throws: { error in
            (error as? InputError)?.message == "\(empty) has no examples"
        }
    }
}
