import Foundation
import MalmoiModel

/// Paths of the small Korean data sets written for these tests (Tests/MalmoiModelTests/Data).
enum TestData {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")

    /// 48 product reviews, 긍정/부정, written for the project.
    static var reviewsTrain: String { directory.appendingPathComponent("reviews_train.jsonl").path }
    /// 12 other reviews in the same style, never trained on.
    static var reviewsHeldOut: String { directory.appendingPathComponent("reviews_heldout.jsonl").path }

    /// A temporary file path with a given extension.
    static func temporaryPath(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-model-\(UUID().uuidString)\(suffix)").path
    }

    /// Writes lines to a temporary file and returns its path.
    static func write(_ lines: [String]) -> String {
        let path = temporaryPath(".jsonl")
        try! (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Fast, deterministic training options for tests.
    static var options: TrainingOptions {
        var options = TrainingOptions()
        options.hashBits = 18
        return options
    }
}
