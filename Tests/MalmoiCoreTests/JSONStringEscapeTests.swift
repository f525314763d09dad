import MalmoiCore
import Testing

/// The one JSON string escaper (RFC 8259 §7), as Python's `json.dumps(s, ensure_ascii=False)` writes.
@Suite struct JSONStringEscapeTests {
    @Test(arguments: [
        ("한글", #""한글""#),
        ("따옴표\"와 \\", #""따옴표\"와 \\""#),
        ("줄\n바꿈\r\t탭", #""줄\n바꿈\r\t탭""#),
        ("\u{8}백스페이스\u{C}", #""\b백스페이스\f""#),
        ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
        ("DEL\u{7F}은 그대로", "\"DEL\u{7F}은 그대로\""),
        ("/ 슬래시와 \u{2028}", "\"/ 슬래시와 \u{2028}\""),
    ])
    func escapesAsJSONRequires(_ input: String, _ expected: String) {
        var bytes: [UInt8] = []
        JSONValue.appendString(input, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(JSONValue.string(input).serialized() == expected)
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let text = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init))) + "말모이"
        let parsed = try JSONValue.parse(JSONValue.string(text).serialized())
        #expect(parsed.stringValue == text)
    }
}
