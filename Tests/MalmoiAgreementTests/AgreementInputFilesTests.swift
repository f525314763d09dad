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

    @Test("JSONL: full-width ＡＢ형 and AB형 are one label under nfkc, two under nfc; records are counted")
    func jsonlNormalization() throws {
        let path = try temporaryFile("{\"item\":\"r1\",\"annotator\":\"kim\",\"label\":\"AB형\"}\n"
            + "{\"item\":\"r1\",\"annotator\":\"lee\",\"label\":\"ＡＢ형\"}\n", suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var counts: [Int] = []
        let nfkc = try AgreementInput.read(files: [path], csv: false, level: nil, normalization: .nfkc, onRecord: { counts.append($0) })
        let nfc = try AgreementInput.read(files: [path], csv: false, level: nil, normalization: .nfc)
        #expect(nfkc.count == 1 && nfkc[0].data.categoryCount == 1)
        #expect(nfc.count == 1 && nfc[0].data.categoryCount == 2)
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
