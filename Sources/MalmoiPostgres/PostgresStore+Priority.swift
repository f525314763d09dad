import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore {
    /// Items sent per statement: each batch is one `UPDATE … FROM unnest($2, $3)` round trip.
    static let priorityBatchSize = 5_000

    /// One transaction; the items go in batches of ``priorityBatchSize`` as two arrays joined by
    /// `unnest`, so a project of 100k items costs 20 round trips, not 100k.
    public func setPriorities(_ priorities: [(item: String, priority: Double)], in project: Project) throws -> Int {
        if let bad = priorities.first(where: { !$0.priority.isFinite }) {
            throw StoreError(.invalidValue, "the priority of item \"\(bad.item)\" must be a finite number, not \(bad.priority)")
        }
        return try write { session in
            var updated = 0
            for start in stride(from: 0, to: priorities.count, by: Self.priorityBatchSize) {
                let batch = priorities[start..<min(priorities.count, start + Self.priorityBatchSize)]
                // A key named twice in one batch would update its row once; keep the last value, as SQLite does.
                var last: [String: Double] = [:]
                var keys: [String] = []
                for entry in batch {
                    if last.updateValue(entry.priority, forKey: entry.item) == nil { keys.append(entry.item) }
                }
                let values = keys.map { last[$0]! }
                let changed = try session.execute("""
                    UPDATE item SET priority = v.priority
                    FROM unnest($2::text[], $3::float8[]) AS v(key, priority)
                    WHERE item.project_id = $1 AND item.key = v.key
                    """, [project.id, keys, values])
                if changed != keys.count {
                    let found = try session.rows("SELECT key FROM item WHERE project_id = $1 AND key = ANY($2::text[])",
                                                 [project.id, keys])
                    let present = Set(try found.map { try $0.get("key", String.self) })
                    let missing = keys.first { !present.contains($0) } ?? keys[0]
                    throw StoreError(.notFound, "no item \"\(missing)\" in project \"\(project.name)\"")
                }
                updated += batch.count
            }
            return updated
        }
    }
}
