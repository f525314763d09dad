import Foundation
import MalmoiAgreement
import MalmoiAgreementInput
import MalmoiCore
import Testing

/// Reading JSONL and CSV files.
struct AgreementInputTests {
    func temporaryFile(_ text: String, suffix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("agree-\(UUID().uuidString)\(suffix)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("JSONL: CRLF, key order, \\u escapes and numeric ids are read like the contract says")
    func jsonlConventions() throws {
        let path = try temporaryFile(
            "{\"label\":\"\\uAC00\",\"annotator\":\"a\",\"item\":1}\r\n{\"item\":1,\"annotator\":\"b\",\"label\":\"가\"}\r\n\n",
            suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tasks = try AgreementInput.readJSONL(paths: [path], level: nil)
        #expect(tasks.count == 1 && tasks[0].task == nil)
        #expect(tasks[0].data.unitNames == ["1"])
        #expect(tasks[0].data.categoryCount == 1)
    }

    @Test("JSONL: a line without task in a file with tasks is an error at that line")
    func missingTask() throws {
        let path = try temporaryFile(
            "{\"task\":\"t\",\"item\":\"i\",\"annotator\":\"a\",\"label\":1}\n{\"item\":\"i\",\"annotator\":\"b\",\"label\":1}\n",
            suffix: ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: AgreementError.self) { try AgreementInput.readJSONL(paths: [path], level: nil) }
        #expect(error.description.hasPrefix("\(path):2: field \"task\""))
    }

    @Test("CSV: a wide table with quoted fields and empty cells; numbers are detected")
    func csv() throws {
        let path = try temporaryFile("item,\"kim, j\",lee\nq1,1,2\nq2,,3\n\"q,3\",4,4\n", suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try #require(try AgreementInput.readCSV(paths: [path], level: nil).first).data
        #expect(data.kind == .numeric)
        #expect(data.coderNames == ["kim, j", "lee"])
        #expect(data.unitNames == ["q1", "q2", "q,3"])
        #expect(data.annotationCount == 5)
        let nominal = try #require(try AgreementInput.readCSV(paths: [path], level: .nominal).first).data
        #expect(nominal.kind == .nominal)
    }

    @Test("CSV: a cell that is not a number at the interval level names its line and column")
    func csvErrors() throws {
        let path = try temporaryFile("item,a,b\nq1,1,2\nq2,x,3\n", suffix: ".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: AgreementError.self) { try AgreementInput.readCSV(paths: [path], level: .interval) }
        #expect(error.description.hasPrefix("\(path):3:2: field \"a\""))
    }
}
