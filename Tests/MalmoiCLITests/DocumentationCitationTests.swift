import Foundation
import Testing

/// Every document the code and the tests cite (`docs/….md`) is in the repository, and every section
/// they name after it ("char.bin", "Costs and the best path", §3) is a heading of that document.
struct DocumentationCitationTests {
    /// One citation: the file that cites, the document, and the section names quoted right after it.
    struct Citation: CustomStringConvertible {
        var source: String
        var document: String
        var sections: [String]
        var description: String { "\(source): \(document) \(sections)" }
    }

    static let citations: [Citation] = {
        let repository = MalmoiProcess.repository
        var found: [Citation] = []
        // A docs-folder Markdown path, then optionally `, "Section"` or ` ("Section"` and more `and "Section"` / `§N`.
        let pattern = try! NSRegularExpression(
            pattern: #"(docs/[A-Za-z0-9_./-]+\.md)`?((?:[,(\s/]*(?:and\s+)?(?:"[^"\n]+"|§\d+))*)"#)
        let quoted = try! NSRegularExpression(pattern: #""([^"\n]+)"|§(\d+)"#)
        for folder in ["Sources", "Tests"] {
            let root = repository.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            // This file names documents in its patterns and expectations; it is not a citation.
            for case let url as URL in walker where url.pathExtension == "swift" && url.lastPathComponent != "DocumentationCitationTests.swift" {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                let whole = NSRange(text.startIndex..., in: text)
                for match in pattern.matches(in: text, range: whole) {
                    let document = String(text[Range(match.range(at: 1), in: text)!])
                    let tail = String(text[Range(match.range(at: 2), in: text)!])
                    let names = quoted.matches(in: tail, range: NSRange(tail.startIndex..., in: tail)).map { inner -> String in
                        if let name = Range(inner.range(at: 1), in: tail) { return String(tail[name]) }
                        return "§" + String(tail[Range(inner.range(at: 2), in: tail)!])
                    }
                    found.append(Citation(source: url.path.replacingOccurrences(of: repository.path + "/", with: ""),
                                          document: document, sections: names))
                }
            }
        }
        return found
    }()

    @Test("The code cites the documents it follows")
    func citationsAreFound() {
        let documents = Set(Self.citations.map(\.document))
        #expect(documents.isSuperset(of: ["docs/mecab-dictionary-format.md", "docs/abuse/keyboard-and-icu.md", "docs/tasks/qa.md"]))
        #expect(Self.citations.contains { $0.sections.contains("Costs and the best path") })
    }

    @Test("Every cited document exists and has every cited section", arguments: citations)
    func citedDocumentExists(_ citation: Citation) throws {
        let url = MalmoiProcess.repository.appendingPathComponent(citation.document)
        let text = try #require(try? String(contentsOf: url, encoding: .utf8), "\(citation.document) is missing (cited by \(citation.source))")
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }
        for section in citation.sections {
            let found: Bool
            if section.hasPrefix("§") {
                let number = section.dropFirst()
                found = headings.contains { $0.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).hasPrefix("\(number).") }
            } else {
                found = headings.contains { $0.contains(section) }
            }
            #expect(found, "\(citation.document) has no heading \"\(section)\" (cited by \(citation.source))")
        }
    }
}
