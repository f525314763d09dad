import Foundation
@testable import MalmoiAbuse

/// Shared instances and paths for the abuse tests (built once per process).
enum AbuseFixtures {
    static let taxonomy = try! Taxonomy.standard()
    static let lexicon = try! Lexicon.standard(taxonomy: taxonomy)
    static let canonicalizer = Canonicalizer(lexicon: lexicon)
    static let scanner = AbuseScanner(canonicalizer: canonicalizer)

    /// The repository root, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The substring of `text` at Unicode scalar offsets `[start, end)`.
    static func scalars(_ text: String, _ start: Int, _ end: Int) -> String {
        let view = Array(text.unicodeScalars)
        return String(String.UnicodeScalarView(view[start..<end]))
    }
}
