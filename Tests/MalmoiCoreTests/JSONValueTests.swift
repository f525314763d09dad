import MalmoiCore
import Testing

@Suite struct JSONValueTests {
    @Test func parsesKoreanRecordsAndKeepsKeyOrder() throws {
        let value = try JSONValue.parse(#"{"item":"문항-1","label":["욕설","비하"],"score":2.5,"ok":true,"none":null}"#)
        #expect(value["item"]?.stringValue == "문항-1")
        #expect(value["label"]?[1]?.stringValue == "비하")
        #expect(value["score"]?.doubleValue == 2.5)
        #expect(value["ok"]?.boolValue == true)
        #expect(value["none"]?.isNull == true)
        #expect(value.objectValue?.keys == ["item", "label", "score", "ok", "none"])
    }

    @Test(arguments: [
        (#""\uD55C\uAE00""#, "한글"),
        (#""\ud83d\ude00""#, "😀"),
        (#""a\"b\\c\/d\n\t""#, "a\"b\\c/d\n\t"),
    ])
    func decodesEscapes(json: String, expected: String) throws {
        #expect(try JSONValue.parse(json).stringValue == expected)
    }

    @Test func numbersCompareAsNumbers() throws {
        #expect(try JSONValue.parse("2") == JSONValue.parse("2.0"))
        #expect(try JSONValue.parse("2E0") == JSONValue.parse("2"))
        #expect(try JSONValue.parse("-0.125").doubleValue == -0.125)
        #expect(try JSONValue.parse("12345678901234567890").doubleValue == 12345678901234567890.0)
    }

    @Test(arguments: [
        ("{\"a\":1,}", 7), ("{\"a\" 1}", 5), ("[1 2]", 3), ("{\"a\":tru}", 5), ("\"abc", 0), ("01", 0), ("{} x", 3), ("한글", 0),
    ])
    func syntaxErrorsCarryTheirByteOffset(json: String, offset: Int) {
        #expect {
            _ = try JSONValue.parse(json)
        } throws: { error in
            (error as? JSONSyntaxError)?.offset == offset
        }
    }

    @Test func serializesCompactlyWithRawUTF8AndStableKeys() {
        let value: JSONValue = ["text": "줄1\n\"인용\"", "n": 3, "x": 0.5, "tags": ["가", .null], "flag": false]
        #expect(value.serialized() == #"{"text":"줄1\n\"인용\"","n":3,"x":0.5,"tags":["가",null],"flag":false}"#)
        #expect(JSONValue.number(.nan).serialized() == "null")
        #expect(JSONValue.string("\u{1}").serialized() == #""\u0001""#)
    }

    @Test func roundTripsThroughTheParser() throws {
        let value: JSONValue = ["a": [1, 2.25, "ㄱ😀", ["b": .null]], "c": true]
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test func objectsAreEqualRegardlessOfKeyOrder() throws {
        #expect(try JSONValue.parse(#"{"a":1,"b":2}"#) == JSONValue.parse(#"{"b":2,"a":1}"#))
        #expect(Set([try JSONValue.parse(#"{"a":1,"b":2}"#), try JSONValue.parse(#"{"b":2,"a":1}"#)]).count == 1)
    }

    @Test func findsInvalidUTF8() {
        let bytes: [UInt8] = [0x41, 0xEA, 0xB0, 0x80, 0xED, 0xA0, 0x80]  // A, 가, a UTF-8 encoded surrogate
        #expect(bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) } == 4)
        #expect(Array("정상 텍스트".utf8).withUnsafeBufferPointer { firstInvalidUTF8($0) } == nil)
    }
}
