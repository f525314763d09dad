import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore: ServerLookups {
    /// The item and its gold answer in one statement (one round trip).
    public func itemAndGold(_ id: String, in project: Project) throws -> (item: Item, gold: JSONValue?)? {
        try run { session in
            guard let row = try session.row("""
                SELECT i.*, g.answer AS gold_answer FROM item i LEFT JOIN gold g ON g.item_id = i.id
                WHERE i.project_id = $1 AND i.key = $2
                """, [project.id, id]) else { return nil }
            let gold = try row.get("gold_answer", String?.self).map { try Self.json($0, "gold", try row.get("id", Int64.self), "answer") }
            return (try Self.decodeItem(row), gold)
        }
    }
}
