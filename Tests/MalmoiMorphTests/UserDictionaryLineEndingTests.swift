import Foundation
import MalmoiMorph
import Testing

/// User-dictionary errors in CRLF files and with control characters (issue 12, item 5).
@Suite struct UserDictionaryLineEndingTests {
    @Test(arguments: [
        ("말모이,NNP\r\n깃허브,NNP\r\n챗봇,NNP,비싸다\r\n", 3, "cost"),
        ("# 주석\r\n\r\n말모이,XYZ\r\n", 3, "POS"),
        ("말모이,NNP\r\n\"깃허브,NNP\r\n", 2, "line"),
    ])
    func aCRLFFileNamesTheLineAndNeverPrintsACR(csv: String, line: Int, field: String) throws {
        let dictionary = try TestDictionary.dictionary()
        let error = #expect(throws: MorphError.self) { try UserDictionary(csv: csv, path: "words.csv", system: dictionary) }
        #expect(error?.line == line)
        #expect(error?.field == field)
        #expect(error?.description.contains("\r") == false)
        #expect(error?.description.hasPrefix("words.csv:\(line): field \"\(field)\"") == true)
    }

    @Test func aCRLFFileWithGoodLinesLoadsEveryEntry() throws {
        let dictionary = try TestDictionary.dictionary()
        let user = try UserDictionary(csv: "말모이,NNP\r\n깃허브,NNP,100\r\n", path: "words.csv", system: dictionary)
        #expect(Set(user.entries.map(\.surface)) == ["말모이", "깃허브"])
    }

    @Test func anEscapeSequenceInAFieldIsShownEscaped() throws {
        let dictionary = try TestDictionary.dictionary()
        let error = #expect(throws: MorphError.self) {
            try UserDictionary(csv: "말모이,NNP,\u{1B}[2J\n", path: "words.csv", system: dictionary)
        }
        #expect(error?.description.contains("\u{1B}") == false)
        #expect(error?.description.contains("\\u{1B}[2J") == true)
    }

    @Test func invalidUTF8NamesItsLine() throws {
        let dictionary = try TestDictionary.dictionary()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-user-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = Array("말모이,NNP\n깃허브,NNP\n".utf8)
        bytes += [0xC3, 0x28] + Array(",NNP\n".utf8)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let error = #expect(throws: MorphError.self) { try UserDictionary(contentsOf: path, system: dictionary) }
        #expect(error?.line == 3)
    }
}
