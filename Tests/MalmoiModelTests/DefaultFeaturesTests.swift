import Foundation
import MalmoiModel
import Testing

/// The opt-in `jamo-onset1-4` group makes a version-2 model file; files without it are written as version 1,
/// and model files trained before still read the features they name and predict exactly as they did.
@Suite struct DefaultFeaturesTests {
    @Test func defaultGroupsAreCharactersWordsAndLexicon() {
        #expect(FeatureGroups.standard.names == ["char1-4", "words", "lexicon"])
        #expect(TrainingOptions().groups == .standard)
    }

    /// Options with the onset group added to the defaults.
    static var onsetOptions: TrainingOptions {
        var options = TestData.options
        options.groups = FeatureGroups.standard.union(.jamoOnsets)
        return options
    }

    @Test func aModelWithTheOnsetGroupNamesItInItsHeader() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: Self.onsetOptions)
        #expect(model.header["features"]?["groups"] == ["char1-4", "words", "lexicon", "jamo-onset1-4"])
        // A version-1 reader does not know the onset group, so the file says version 2.
        #expect(model.header["schema_version"] == 2)
        let again = try TextClassifier(bytes: model.serialized(), path: "new.model")
        #expect(again.serialized() == model.serialized())
    }

    @Test func aModelWithoutTheOnsetGroupIsStillWrittenAsVersionOne() throws {
        var options = TestData.options
        options.groups = [.characters, .words, .lexicon, .jamo]
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: options)
        #expect(model.header["schema_version"] == 1)
        let defaults = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        #expect(defaults.header["schema_version"] == 1)
    }

    @Test func aNewerVersionIsRefusedWithTheVersionsThisBuildReads() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: Self.onsetOptions)
        var bytes = model.serialized()
        let header = Array("\"schema_version\":2".utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: header) })
        bytes[start + header.count - 1] = UInt8(ascii: "3")
        let error = #expect(throws: ModelError.self) { try TextClassifier(bytes: bytes, path: "future.model") }
        #expect(error?.description == "future.model: model file version 3 is not supported; this build reads versions 1–2")
    }

    /// Model files written by the build before this change (commit 0db2b2d, `malmoi model train --data
    /// reviews_train.jsonl`, once with the then default groups and once with `jamo1-4` added), and that
    /// build's `malmoi model predict` output on the held-out reviews.
    @Test(arguments: ["char-words-lexicon", "char-words-lexicon-jamo"])
    func earlierModelFilesPredictByteForByteAsBefore(_ name: String) throws {
        let model = try TextClassifier(contentsOf: TestData.directory.appendingPathComponent("reviews_\(name).model").path)
        let expected = try String(contentsOf: TestData.directory.appendingPathComponent("reviews_heldout.\(name).predictions.jsonl"),
                                  encoding: .utf8)
        let texts = try LabeledText.read(path: TestData.reviewsHeldOut).map(\.text)
        let lines = model.predictedJSONLines(texts.map { (id: nil, text: $0) })
        #expect(lines.count == 12)
        #expect(String(decoding: lines.joined(), as: UTF8.self) == expected)
        // Read and written again, the file is the same bytes (still version 1).
        let fileBytes = try [UInt8](Data(contentsOf: TestData.directory.appendingPathComponent("reviews_\(name).model")))
        #expect(model.serialized() == fileBytes)
        #expect(model.header["schema_version"] == 1)
        // The file names its own groups, whatever the defaults are now.
        let groups = model.extractor.groups
        #expect(groups.contains(.jamo) == name.hasSuffix("jamo"))
        #expect(!groups.contains(.jamoOnsets))
    }
}
