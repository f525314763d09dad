import Foundation
import MalmoiCore
import Testing

@Suite("Report and message formats")
struct ReportFormatTests {
    /// What `body` writes through a file-backed writer.
    func written(_ body: (ByteWriter) throws -> Void) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-format-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try ByteWriter(creatingFileAt: path)
        try body(writer)
        try writer.flush()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test("json writes one compact line and never builds the table")
    func jsonReport() throws {
        let text = try written { writer in
            ReportFormat.json.write(json: .object(JSONObject([("project", .string("리뷰")), ("items", .int(20))])),
                                    table: { Issue.record("the table was built"); return "" }(), to: writer)
        }
        #expect(text == "{\"project\":\"리뷰\",\"items\":20}\n")
    }

    @Test("table writes the text as it is and never builds the JSON")
    func tableReport() throws {
        let text = try written { writer in
            ReportFormat.table.write(json: { Issue.record("the JSON was built"); return .null }(), table: "리뷰\t20\n", to: writer)
        }
        #expect(text == "리뷰\t20\n")
    }

    @Test("messages: text as it is, json as one line", arguments: [(MessageFormat.text, "시발\n"), (.json, "{\"canonical\":\"시발\"}\n")])
    func messages(format: MessageFormat, expected: String) throws {
        let text = try written { writer in
            format.write(json: .object(JSONObject([("canonical", .string("시발"))])), text: "시발\n", to: writer)
        }
        #expect(text == expected)
    }

    @Test("the values are the ones --format accepts, in order")
    func values() {
        #expect(ReportFormat.allCases.map(\.rawValue) == ["table", "json"])
        #expect(MessageFormat.allCases.map(\.rawValue) == ["text", "json"])
    }
}
