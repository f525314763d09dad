import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore

/// A way to make a fresh, empty store for one test. The conformance suite runs against every factory in
/// ``all``: a new implementation (PostgreSQL) adds one entry here and passes the same tests.
struct StoreFactory: Sendable, CustomStringConvertible {
    let description: String
    let make: @Sendable (_ clock: @escaping @Sendable () -> Double) throws -> any AnnotationStore

    static let sqlite = StoreFactory(description: "SQLiteStore") { clock in
        try SQLiteStore(path: temporaryPath("store") + ".sqlite", clock: clock)
    }

    /// A fresh database on the tests' throw-away PostgreSQL cluster (see ``PostgresCluster``).
    static let postgres = StoreFactory(description: "PostgresStore") { clock in
        try PostgresStore(try PostgresCluster.requireLocation(), connections: 8, clock: clock)
    }

    /// Every implementation under test.
    static let all: [StoreFactory] = [.sqlite, .postgres]
}

/// A path in a fresh temporary directory (each test opens its own database file).
func temporaryPath(_ name: String) -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory.appendingPathComponent(name).path
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double = 1_700_000_000
    var now: Double { lock.withLock { value } }
    func advance(_ seconds: Double) { lock.withLock { value += seconds } }
    var function: @Sendable () -> Double { { [self] in now } }
}

/// A `label` project with a label set and reason codes.
func labelProject(_ name: String = "reviews", overlap: Int = 2, points: Int = 10, goldRate: Double = 0,
                  qualification: String? = nil) -> Project {
    Project(name: name, kind: .label, taskConfig: ["labels": ["긍정", "부정", "중립"]], pointsPerAccept: points,
            overlap: overlap, requiredQualification: qualification, reasonCodes: ["wrong-label", "careless"], goldRate: goldRate)
}

/// Imports items `i1`…`iN` with Korean text.
func importItems(_ store: any AnnotationStore, _ project: Project, count: Int, gold: [String: JSONValue] = [:]) throws {
    _ = try store.importItems(into: project, options: ImportOptions()) { consume in
        for index in 1...count {
            let id = "i\(index)"
            try consume(ImportRecord(item: Item(id: id, text: "문장 \(index)번: 배송이 빨라요."), gold: gold[id]))
        }
    }
}
