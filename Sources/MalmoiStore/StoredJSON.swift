import MalmoiCore

/// JSON values as stores keep them: serialized text in a column.
public enum StoredJSON {
    /// Parses a JSON value stored in a row; a value that does not parse is an error naming the row,
    /// never a silent null or empty object.
    /// - Throws: ``StoreError`` `.database` naming table, row id and column.
    public static func parse(_ text: String, table: String, id: some CustomStringConvertible, column: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw StoreError(.database, "the store is damaged: \(table) row \(id), column \(column), holds JSON that does not parse",
                             cause: "\(error)")
        }
    }
}
