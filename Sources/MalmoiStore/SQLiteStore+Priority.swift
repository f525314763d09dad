import MalmoiCore
import GRDB

extension SQLiteStore {
    /// One transaction, one prepared statement executed per item (an index seek on `(project_id, key)`
    /// each; in SQLite a statement per row inside one transaction costs no round trip).
    public func setPriorities(_ priorities: [(item: String, priority: Double)], in project: Project) throws -> Int {
        if let bad = priorities.first(where: { !$0.priority.isFinite }) {
            throw StoreError(.invalidValue, "the priority of item \"\(bad.item)\" must be a finite number, not \(bad.priority)")
        }
        return try write { db in
            let statement = try db.cachedStatement(sql: "UPDATE item SET priority = ? WHERE project_id = ? AND key = ?")
            for entry in priorities {
                try statement.execute(arguments: [entry.priority, project.id, entry.item])
                guard db.changesCount == 1 else {
                    throw StoreError(.notFound, "no item \"\(entry.item)\" in project \"\(project.name)\"")
                }
            }
            return priorities.count
        }
    }
}
