import Foundation
import MalmoiMorph
import Testing

/// The mecab-ko-dic shared by every test of the process, loaded once by the same discovery as
/// `malmoi morph` (`$MALMOI_DICT`, the user data directory, the Python package, install prefixes).
enum TestDictionary {
    static let loaded: Result<SystemDictionary, any Error> = Result { try SystemDictionary.discover(explicit: nil) }

    /// The dictionary, or a test failure that says how to install it.
    static func dictionary() throws -> SystemDictionary {
        switch loaded {
        case .success(let dictionary): return dictionary
        case .failure(let error):
            Issue.record("mecab-ko-dic is needed for the morpheme tests: \(error). Setup: Scripts/install-mecab-ko-dic.sh")
            throw error
        }
    }

    /// An analyzer over the shared dictionary.
    static func analyzer() throws -> Analyzer { Analyzer(dictionary: try dictionary()) }

    /// The repository root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// MeCab's default output for one line, as `malmoi morph --format mecab` prints it.
    static func mecabOutput(_ analyzer: Analyzer, _ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            let lattice = Lattice()
            analyzer.build(lattice, utf8: bytes)
            var output: [UInt8] = []
            AnalysisFormat.mecab.append(line: bytes, number: 1, paths: [lattice.bestPath], lattice: lattice,
                                        analyzer: analyzer, to: &output)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// `surface/POS` pairs joined by spaces: a compact form for expectations.
    static func tagged(_ analyzer: Analyzer, _ text: String) -> String {
        analyzer.analyze(text).map { "\($0.surface)/\($0.pos)" }.joined(separator: " ")
    }
}
