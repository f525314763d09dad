import Foundation
import MalmoiAgreement
import MalmoiAgreementInput
import MalmoiCore
import MalmoiText
import Testing

/// `malmoi agree FILE…`: one call reads JSONL or CSV, with labels normalized as read.
struct AgreementInputFilesTests {
    func temporaryFile(_ text: String, suffix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("agree-files-\(UUID().uuidString)\(suffix)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("JSONL: decomposed and precomposed 긍정 are one label under nfc, two under none; records are counted")
    func jsonlNormalization() throws {
        let decomposed = "긍정".decomposedStringWithCanonicalMapping
        let path = try temporaryFile("{\"item\":\"r1\",\"annotator\":\"kim\",\"label\":\"긍정\"}\n"
            + "{\"item\":\"r1\",\"annotator\":\"lee\",\"label\":\"\(decomposed)\"}\n", suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var counts: [Int] = []
        let nfc = try AgreementInput.read(files: [path], csv: false, level: nil, normalization: .nfc, onRecord: { counts.append($0) })
        let none = try AgreementInput.read(files: [path], csv: false, level: nil, normalization: .none)
        #expect(nfc.count == 1 && nfc[0].data.categoryCount == 1)
        #expect(none.count == 1 && none[0].data.categoryCount == 2)
        #expect(counts.last == 2)
    }

    @Test("csv reads a wide table: one unit per row, one annotator per column")
    func csvTable() throws {
        let path = try temporaryFile("item,kim,lee\nr1,긍정,긍정\nr2,부정,중립\n", suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tasks = try AgreementInput.read(files: [path], csv: true, level: nil, normalization: .nfc)
        #expect(tasks.count == 1 && tasks[0].data.unitNames == ["r1", "r2"] && tasks[0].data.categoryCount == 3)
    }
}
