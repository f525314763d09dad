import Foundation
import MalmoiCore
import MalmoiStore
import Testing

/// `--sync full` sets SQLite's `synchronous = FULL` on every connection (issue 12, item 10).
@Suite struct SQLiteDurabilityTests {
    @Test func theDefaultIsNormalAndFullIsFull() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("s.sqlite").path
        #expect(try SQLiteStore(path: path).synchronousSetting() == 1)
        let full = try SQLiteStore(existingAt: path, synchronous: .full)
        #expect(try full.synchronousSetting() == 2)
        let project = try full.createProject(Project(name: "감성", kind: .label, taskConfig: ["labels": ["긍정", "부정"]]))
        #expect(try SQLiteStore(path: path).project(named: "감성").id == project.id)
    }
}
