import Foundation
import MalmoiModel
import Testing

/// The default feature groups gained `jamo1-4`; model files trained before still read the features they
/// name and predict exactly as they did.
@Suite struct DefaultFeaturesTests {
    @Test func defaultGroupsAddJamoToCharactersWordsAndLexicon() {
        #expect(FeatureGroups.standard.names == ["char1-4", "words", "lexicon", "jamo1-4"])
        #expect(TrainingOptions().groups == .standard)
    }

    @Test func aModelTrainedWithTheDefaultsNamesJamoInItsHeader() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        #expect(model.header["features"]?["groups"] == ["char1-4", "words", "lexicon", "jamo1-4"])
        #expect(model.header["schema_version"] == 1)
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
        // The file names its own groups, whatever the defaults are now.
        let groups = model.extractor.groups
        #expect(groups.contains(.jamo) == name.hasSuffix("jamo"))
    }
}
