import Foundation
import MalmoiQA
import Testing

/// `malmoi qa eval` in one call: the files read, checked and scored.
@Suite struct KorQuADEvaluationFilesTests {
    @Test("the sample's files score EM 37.5 and F1 80.83, with hg-0-1 missing")
    func sampleFiles() throws {
        let result = try KorQuADEvaluation.evaluate(goldPath: QAFixtures.sample, predictionsPath: QAFixtures.predictions, normalization: .none)
        #expect(result.total == 8 && result.exactMatch == 37.5 && result.f1 == 80.83333333333333)
        #expect(result.missing == ["hg-0-1"])
    }

    @Test("a gold file without questions is refused, naming the file")
    func noQuestions() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).json").path
        try #"{"version": "KorQuAD_v1.0", "data": []}"#.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: QAError.self) {
            try KorQuADEvaluation.evaluate(goldPath: path, predictionsPath: QAFixtures.predictions, normalization: .none)
        }
        #expect(error.description.contains(path) && error.description.contains("the gold file holds no question"))
    }
}
