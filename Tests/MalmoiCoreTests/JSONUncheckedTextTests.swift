import MalmoiCore
import Testing

/// Text the JSON parser used to accept silently (issue 12, item 5): lone surrogates, duplicate keys,
/// numbers beyond a Double, and NUL kept intact (item 4).
@Suite struct JSONUncheckedTextTests {
    @Test(arguments: [
        (#"{"text":"가\ud800나"}"#, 12),
        (#"{"text":"\udc00"}"#, 9),
        (#"{"text":"\ud800\u0041"}"#, 9),
        (#"{"text":"끝\ud83d"}"#, 12),
    ])
    func aLoneSurrogateEscapeIsAnErrorAtItsOffset(json: String, offset: Int) throws {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(json) }
        #expect(error?.offset == offset)
        #expect(error?.message.contains("lone surrogate") == true)
    }

    @Test func aDuplicateKeyIsAnErrorNamingTheKey() throws {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#"{"label":"긍정","label":"부정"}"#) }
        #expect(error?.message.contains(#"duplicate key "label""#) == true)
        #expect(error?.offset == 18)
    }

    @Test func aDuplicateKeyInALargeObjectIsFoundToo() throws {
        let keys = (0..<40).map { "\"키\($0)\":\($0)" }.joined(separator: ",")
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("{\(keys),\"키7\":0}") }
        #expect(try JSONValue.parse("{\(keys)}").objectValue?.count == 40)
    }

    @Test func sameKeysInDifferentObjectsAreFine() throws {
        let value = try JSONValue.parse(#"{"a":{"id":1},"b":{"id":2}}"#)
        #expect(value["b"]?["id"]?.doubleValue == 2)
    }

    @Test(arguments: ["1e999", "-1e400", "[1E309]"])
    func aNumberBeyondADoubleIsAnError(json: String) throws {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(json) }
    }

    @Test func anEscapedNULIsKeptAndWrittenBack() throws {
        let value = try JSONValue.parse(#"{"text":"앞\u0000뒤"}"#)
        let text = try #require(value["text"]?.stringValue)
        #expect(Array(text.unicodeScalars) == ["앞", "\u{0}", "뒤"])
        #expect(value.serialized().contains(#"\u0000"#))
        #expect(try JSONValue.parse(value.serialized()) == value)
    }
}
