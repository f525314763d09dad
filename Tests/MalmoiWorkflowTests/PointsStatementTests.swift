import Foundation
import MalmoiCore
import MalmoiStore
import MalmoiWorkflow
import Testing

@Suite("Points statements for a pay period")
struct PointsStatementTests {
    func entry(_ id: Int64, _ annotator: String, _ points: Int, _ at: String) -> LedgerEntry {
        LedgerEntry(id: id, annotator: annotator, annotation: id, review: id, points: points, reverses: points < 0 ? id - 1 : nil, at: at)
    }

    var november: PointsStatement {
        var statement = PointsStatement(from: "2026-11-01", to: "2026-11-30")
        statement.add(entry(1, "김민지", 10, "2026-10-31T23:59:59Z"), project: "리뷰")
        statement.add(entry(2, "김민지", 10, "2026-11-01T00:00:00Z"), project: "리뷰")
        statement.add(entry(3, "김민지", -10, "2026-11-30T23:59:59Z"), project: "리뷰")
        statement.add(entry(4, "김민지", 5, "2026-11-15T09:00:00Z"), project: "qa, 1차")
        statement.add(entry(5, "park", 10, "2026-11-02T10:00:00Z"), project: "리뷰")
        statement.add(entry(6, "park", 10, "2026-12-01T00:00:00Z"), project: "리뷰")
        return statement
    }

    @Test("both ends of the period are included; the rest is counted before or after")
    func period() {
        let statement = november
        #expect(statement.before == 10 && statement.during == 15 && statement.after == 10)
        #expect(statement.lines["김민지"]?["리뷰"] == PointsStatement.Line(credits: 10, reversals: -10, points: 0, entries: 2))
        #expect(statement.reconciliation == "ledger total 35 = 10 before 2026-11-01 + 15 from 2026-11-01 to 2026-11-30 + 10 after")
    }

    @Test("CSV: a header, people then projects sorted, a field with a comma quoted")
    func csv() throws {
        let writer = try TemporaryOutput()
        november.write(as: .csv, to: writer.writer)
        #expect(try writer.text() == """
            annotator,project,entries,credits,reversals,points
            park,리뷰,1,10,0,10
            김민지,"qa, 1차",1,5,0,5
            김민지,리뷰,2,10,-10,0

            """)
    }

    @Test("JSON: one object per person and project, with the period")
    func json() throws {
        let writer = try TemporaryOutput()
        november.write(as: .json, to: writer.writer)
        let lines = try writer.text().split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"annotator":"park","project":"리뷰","from":"2026-11-01","to":"2026-11-30","entries":1,"credits":10,"reversals":0,"points":10}"#)
    }
}

/// A writer to a temporary file, read back as text.
struct TemporaryOutput {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-out-\(UUID().uuidString)").path
    let writer: ByteWriter

    init() throws { writer = try ByteWriter(creatingFileAt: path) }

    func text() throws -> String {
        try writer.flush()
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
