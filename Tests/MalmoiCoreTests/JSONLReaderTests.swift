import Foundation
import MalmoiCore
import Testing

@Suite struct JSONLReaderTests {
    private func withFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-jsonl-\(UUID().uuidString).jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    @Test func acceptsByteOrderMarkCRLFAndBlankLines() throws {
        let text = "\u{FEFF}{\"id\":1,\"text\":\"가\"}\r\n\r\n   \n{\"id\":\"b\",\"text\":\"나\"}"
        let records = try withFile(Array(text.utf8)) { path -> [(String, String, Int)] in
            var found: [(String, String, Int)] = []
            try JSONLReader(path: path).forEachRecord { record in
                found.append((try record.identifier("id"), try record.string("text"), record.location.line ?? -1))
            }
            return found
        }
        #expect(records.map(\.0) == ["1", "b"])
        #expect(records.map(\.1) == ["가", "나"])
        #expect(records.map(\.2) == [1, 4])
    }

    @Test func aBadLineNamesFileLineAndColumn() throws {
        let text = "{\"text\":\"가\"}\n{\"text\":\"나\",}\n"
        _ = try withFile(Array(text.utf8)) { path in
            #expect {
                try JSONLReader(path: path).forEachRecord { _ in }
            } throws: { error in
                guard let error = error as? InputError else { return false }
                return error.code == .invalidJSON && error.description.hasPrefix("\(path):2:")
            }
        }
    }

    @Test func aMissingOrWrongTypedFieldNamesTheField() throws {
        let text = "{\"text\":\"가\"}\n{\"text\":3}\n"
        _ = try withFile(Array(text.utf8)) { path in
            #expect {
                try JSONLReader(path: path).forEachRecord { record in _ = try record.string("text") }
            } throws: { error in
                (error as? InputError)?.description == "\(path):2: field \"text\": expected a string, found number"
            }
            #expect {
                try JSONLReader(path: path).forEachRecord { record in _ = try record.string("label") }
            } throws: { error in
                (error as? InputError)?.description == "\(path):1: field \"label\": missing required field"
            }
        }
    }

    @Test func invalidUTF8InAStringIsReportedAsSuch() throws {
        var bytes = Array("{\"text\":\"가".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array("\"}\n".utf8))
        _ = try withFile(bytes) { path in
            #expect {
                try JSONLReader(path: path).forEachRecord { _ in }
            } throws: { error in
                (error as? InputError)?.code == .invalidUTF8 && (error as? InputError)?.location?.column == 13
            }
        }
    }

    @Test func skipBadCountsAndKeepsGoing() throws {
        let text = "{\"text\":\"가\"}\nnot json\n[1]\n{\"text\":\"다\"}\n{\"x\":1}\n"
        let (texts, statistics) = try withFile(Array(text.utf8)) { path -> ([String], JSONLReader.Statistics) in
            var texts: [String] = []
            let statistics = try JSONLReader(path: path, skipBad: true).forEachRecord { record in
                texts.append(try record.string("text"))
            }
            return (texts, statistics)
        }
        #expect(texts == ["가", "다"])
        #expect(statistics.skippedLines == 3)
        #expect(statistics.skippedErrors.map { $0.location?.line } == [2, 3, 5])
    }

    @Test func linesLongerThanTheBufferAreReadWhole() throws {
        let long = String(repeating: "가나다", count: 5_000)
        let text = "{\"text\":\"\(long)\"}\n{\"text\":\"끝\"}"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-long-\(UUID().uuidString)").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var lines: [Int] = []
        try ByteLineReader(path: path, bufferSize: 64).forEachLine { bytes, line in
            lines.append(bytes.count)
            #expect(line == lines.count)
        }
        #expect(lines == [Array("{\"text\":\"\(long)\"}".utf8).count, Array("{\"text\":\"끝\"}".utf8).count])
    }

    @Test func aMissingFileIsAnUnreadableFileError() {
        #expect {
            try JSONLReader(path: "/nonexistent/items.jsonl").forEachRecord { _ in }
        } throws: { error in
            (error as? InputError)?.code == .unreadableFile
        }
    }
}
