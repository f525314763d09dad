import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore: ServerLookups {
    /// The item and its gold answer in one statement (one round trip).
    public func itemAndGold(_ id: String, in project: Project) throws -> (item: Item, gold: JSONValue?)? {
        try run { session in try Self.decodeItemAndGold(try session.row(Self.itemAndGoldSQL, [project.id, id])) }
    }

    static let itemAndGoldSQL = """
        SELECT i.*, g.answer AS gold_answer FROM item i LEFT JOIN gold g ON g.item_id = i.id
        WHERE i.project_id = $1 AND i.key = $2
        """

    static func decodeItemAndGold(_ row: PostgresRandomAccessRow?) throws -> (item: Item, gold: JSONValue?)? {
        guard let row else { return nil }
        let gold = try row.get("gold_answer", String?.self).map { try json($0, "gold", try row.get("id", Int64.self), "answer") }
        return (try decodeItem(row), gold)
    }
}
