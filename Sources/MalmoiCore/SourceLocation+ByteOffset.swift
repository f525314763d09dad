extension SourceLocation {
    /// The 1-based line and column (in bytes of the line) of a 0-based byte offset, for errors in a
    /// whole-file JSON document that must name `FILE:LINE:COL`, never a raw byte offset.
    ///
    /// ```swift
    /// let (line, column) = SourceLocation.lineAndColumn(ofByte: error.offset, in: bytes)
    /// ```
    /// - Complexity: O(offset).
    public static func lineAndColumn(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, end - lineStart + 1)
    }
}
