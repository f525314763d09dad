import Foundation
import MalmoiMorph
import Testing

/// The analyzer over mecab-ko-dic shared by the task's tests, found as `malmoi morph` finds it.
enum TestDictionary {
    private static let shared = Result { Analyzer(dictionary: try SystemDictionary.discover(explicit: nil)) }

    /// The analyzer, or a test failure naming the setup command.
    static func analyzer() throws -> Analyzer {
        do { return try shared.get() } catch {
            Issue.record("mecab-ko-dic is needed for the morpheme task tests: \(error). Setup: Scripts/install-mecab-ko-dic.sh")
            throw error
        }
    }

    /// The repository root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
