import MalmoiCore
import Testing

/// The one typed-field reader: errors name the file, the line when there is one, and the field path.
@Suite struct JSONFieldReaderTests {
    let entry: JSONObject = ["이름": "말모이", "수": 3, "목록": ["가", "나"], "빈": ""]

    @Test func readsTypedFields() throws {
        let reader = JSONFieldReader(path: "사전.json")
        #expect(try reader.string(entry, "이름") == "말모이")
        #expect(try reader.int(entry, "수") == 3)
        #expect(try reader.strings(entry["목록"], "목록") == ["가", "나"])
        #expect(try reader.optionalString(entry, "없음") == nil)
        #expect(try reader.identifier(.int(7), "id") == "7")
    }

    @Test(arguments: [
        ("없음", "사전.json:4: field \"entries[2].없음\": missing required field"),
        ("수", "사전.json:4: field \"entries[2].수\": expected a string, found number"),
    ])
    func errorsNameFileLineAndFieldPath(_ key: String, _ expected: String) {
        let reader = JSONFieldReader(path: "사전.json", line: 4)
        #expect(throws: InputError.self) { try reader.string(entry, key, in: "entries[2]") }
        do { _ = try reader.string(entry, key, in: "entries[2]") } catch { #expect("\(error)" == expected) }
    }

    @Test func anErrorWithoutALineNamesOnlyTheFile() {
        let reader = JSONFieldReader(path: "사전.json")
        do { _ = try reader.string(entry, "빈", nonEmpty: true) } catch {
            #expect("\(error)" == "사전.json: field \"빈\": expected a non-empty string, found string")
        }
    }

    @Test func wrapTurnsErrorsIntoTheModulesType() {
        struct ModuleError: Error { var text: String }
        let reader = JSONFieldReader(path: "x.json") { ModuleError(text: $0.description) }
        #expect(throws: ModuleError.self) { try reader.array(entry, "이름") }
    }
}

/// The one CSV reader (RFC 4180), strict for agreement tables and lenient for MeCab-style dictionaries.
@Suite struct CSVTableTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let rows = try CSVTable.parse("item,kim\r\n1,\"긍정, \"\"강함\"\"\"\n2,\"두\n줄\"\n", path: "t.csv")
        #expect(rows.map(\.fields) == [["item", "kim"], ["1", "긍정, \"강함\""], ["2", "두\n줄"]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsAnErrorUnlessLenient() throws {
        #expect(throws: InputError.self) { try CSVTable.parse("5\"형,NNG\n", path: "u.csv") }
        #expect(try CSVTable.parse("5\"형,NNG", path: "u.csv", lenientQuotes: true).first?.fields == ["5\"형", "NNG"])
    }

    @Test func anOpenQuoteIsAnError() {
        #expect(throws: InputError.self) { try CSVTable.parse("\"말모이,NNP", path: "u.csv", lenientQuotes: true) }
    }
}
