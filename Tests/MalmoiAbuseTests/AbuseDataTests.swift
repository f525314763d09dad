import Foundation
import MalmoiAbuse
import MalmoiCore
import Testing

@Suite("The taxonomy and lexicon a command loads")
struct AbuseDataTests {
    @Test("without files, the built-in taxonomy and lexicon; techniques by id or alias")
    func builtInData() throws {
        let data = AbuseData(taxonomyPath: nil, lexiconPath: nil)
        #expect(try data.taxonomy() == AbuseFixtures.taxonomy)
        #expect(try data.technique(named: "choseong") == .choseongAbbreviation)
        #expect(try data.technique(named: "choseong_abbreviation").rawValue == "choseong_abbreviation")
        let lexicon = try data.lexicon()
        #expect(Canonicalizer(lexicon: lexicon).canonicalize("ㅅㅂ 진짜").text == AbuseFixtures.canonicalizer.canonicalize("ㅅㅂ 진짜").text)
    }

    @Test("an unknown technique lists the known ones")
    func unknownTechnique() {
        #expect {
            _ = try AbuseData(taxonomyPath: nil, lexiconPath: nil).technique(named: "띄어쓰기")
        } throws: { error in
            let text = "\(error)"
            return text.contains("unknown technique \"띄어쓰기\"; techniques: ") && text.contains("choseong_abbreviation")
        }
    }

    @Test("a bad lexicon file is an error, not the built-in lexicon")
    func badLexiconFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-lexicon-\(UUID().uuidString).json").path
        try "{}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { _ = try AbuseData(taxonomyPath: nil, lexiconPath: path).lexicon() }
    }
}
