import GRDB
import MalmoiCore

/// Reads the team server makes on every submission, each in one statement (one round trip on PostgreSQL) where
/// the ``AnnotationStore`` protocol would take two. A store that does not conform is read with the protocol's
/// own calls (``AnnotationStore/item(_:in:)`` and ``AnnotationStore/goldAnswer(for:in:)``), with the same result.
///
/// ```swift
/// if let lookups = store as? any ServerLookups, let found = try lookups.itemAndGold("s-1", in: project) {
///     print(found.item.text, found.gold ?? .null)
/// }
/// ```
public protocol ServerLookups: Sendable {
    /// The item with this key in the project and its gold answer (nil for an item that is not gold); nil when the
    /// project has no such item.
    func itemAndGold(_ id: String, in project: Project) throws -> (item: Item, gold: JSONValue?)?
}

extension SQLiteStore: ServerLookups {
    /// The item and its gold answer in one statement.
    public func itemAndGold(_ id: String, in project: Project) throws -> (item: Item, gold: JSONValue?)? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT i.*, g.answer AS gold_answer FROM item i LEFT JOIN gold g ON g.item_id = i.id
                WHERE i.project_id = ? AND i.key = ?
                """, arguments: [project.id, id]) else { return nil }
            let gold = try (row["gold_answer"] as String?).map {
                try Self.storedJSON($0, table: "gold", id: row["id"] as Int64, column: "answer")
            }
            return (try Self.decodeItem(row), gold)
        }
    }
}
