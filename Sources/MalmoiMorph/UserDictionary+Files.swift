extension UserDictionary {
    /// One user dictionary of several CSV files (`malmoi morph --user-dict`, repeatable), or nil when
    /// no file is given.
    /// - Parameters:
    ///   - paths: The CSV files (mecab-ko-dic layout, or `surface,POS[,cost]`), in order.
    ///   - system: The system dictionary the entries join.
    /// - Throws: ``MorphError`` naming the file and line of a bad entry.
    public static func combining(contentsOf paths: [String], system: SystemDictionary) throws -> UserDictionary? {
        guard !paths.isEmpty else { return nil }
        return UserDictionary(combining: try paths.map { try UserDictionary(contentsOf: $0, system: system) })
    }
}
