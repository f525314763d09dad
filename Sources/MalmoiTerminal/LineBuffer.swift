import MalmoiText

/// The line being edited: its grapheme clusters and a cursor between them.
///
/// ```swift
/// var buffer = LineBuffer("아버지/NNG 가/JKS")
/// buffer.moveToStart()
/// buffer.deleteBackward()        // nothing before the cursor
/// buffer.moveToEnd(); buffer.deleteBackward()   // removes "S", a whole grapheme
/// ```
/// The cursor moves by grapheme cluster, so a Hangul syllable (precomposed or as conjoining jamo), an
/// emoji sequence or a letter with combining marks is always passed, deleted or killed as one.
/// Typed scalars join the cluster before them when Unicode says they do (a combining mark, a
/// conjoining vowel).
public struct LineBuffer: Sendable, Equatable {
    /// The grapheme clusters of the line.
    public private(set) var characters: [Character]
    /// The cursor: how many clusters lie before it.
    public private(set) var cursor: Int
    /// The text last killed (Ctrl-K, Ctrl-U, Ctrl-W), for Ctrl-Y.
    public private(set) var killed: String = ""

    /// A buffer holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// The line.
    public var text: String { String(characters) }
    /// The text before the cursor.
    public var textBeforeCursor: String { String(characters[..<cursor]) }

    /// Inserts typed text at the cursor; it may join the cluster before it.
    public mutating func insert(_ typed: String) {
        let before = String(characters[..<cursor]) + typed
        let after = String(characters[cursor...])
        let joined = Array(before + after)
        let beforeCount = Array(before).count
        characters = joined
        cursor = min(beforeCount, joined.count)
    }

    /// Deletes the cluster before the cursor (Backspace).
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the cluster under the cursor (Delete, Ctrl-D).
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Moves one cluster left.
    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    /// Moves one cluster right.
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    /// Moves to the start (Ctrl-A, Home).
    public mutating func moveToStart() { cursor = 0 }
    /// Moves to the end (Ctrl-E, End).
    public mutating func moveToEnd() { cursor = characters.count }

    /// Moves to the start of the word before the cursor (Alt-B, Ctrl-Left).
    public mutating func moveWordLeft() { cursor = wordStart(before: cursor) }

    /// Moves past the end of the word after the cursor (Alt-F, Ctrl-Right).
    public mutating func moveWordRight() {
        var index = cursor
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        while index < characters.count, !characters[index].isWhitespace { index += 1 }
        cursor = index
    }

    /// Kills from the cursor to the end (Ctrl-K).
    public mutating func killToEnd() {
        guard cursor < characters.count else { return }
        killed = String(characters[cursor...])
        characters.removeSubrange(cursor...)
    }

    /// Kills from the start to the cursor (Ctrl-U).
    public mutating func killToStart() {
        guard cursor > 0 else { return }
        killed = String(characters[..<cursor])
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Kills the word before the cursor and the spaces after it (Ctrl-W).
    public mutating func killWordBackward() {
        let start = wordStart(before: cursor)
        guard start < cursor else { return }
        killed = String(characters[start..<cursor])
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Inserts the last killed text (Ctrl-Y).
    public mutating func yank() { insert(killed) }

    /// Replaces the whole line, cursor at the end.
    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Terminal columns taken by the line before the cursor and by the whole line.
    public var displayColumns: (beforeCursor: Int, total: Int) {
        (DisplayWidth.columns(of: textBeforeCursor), DisplayWidth.columns(of: text))
    }

    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0, characters[index - 1].isWhitespace { index -= 1 }
        while index > 0, !characters[index - 1].isWhitespace { index -= 1 }
        return index
    }
}
