#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MalmoiText

/// A prompt that edits like a shell, for people typing at a terminal (Hangul and other wide text
/// included).
///
/// ```swift
/// let editor = LineEditor(history: LineHistory(path: LineHistory.defaultPath(named: "annotate-reviews")))
/// while let line = editor.readLine(prompt: "> ", initial: draft) { … }
/// ```
/// Keys: ←/→ and Ctrl-B/F by grapheme cluster, Alt-B/F and Ctrl-←/→ by word, Ctrl-A/Home, Ctrl-E/End,
/// Backspace (a whole syllable), Delete and Ctrl-D (end of input on an empty line), Ctrl-K/U/W kill and
/// Ctrl-Y yanks, ↑/↓ and Ctrl-P/N walk the history, Ctrl-R searches it backwards (again for older,
/// Enter takes the match, Ctrl-G or Esc cancels), Ctrl-L redraws, Ctrl-C interrupts as usual.
/// Text typed through an input method arrives as committed UTF-8 and is inserted as it comes.
///
/// Use it only when both input and output are terminals: it switches the input terminal to raw mode
/// while a line is read and restores it before returning (piped input must keep reading lines as is).
/// The line is laid out by ``DisplayWidth``, and long lines wrap over several terminal rows.
public final class LineEditor {
    private let input: Int32
    private let output: Int32
    /// The history the arrows and Ctrl-R walk; accepted lines are added to it.
    public private(set) var history: LineHistory
    private var buffer = LineBuffer()
    private var cursorRow = 0
    private var pendingBytes: [UInt8] = []
    private var savedSettings = termios()

    /// Makes an editor on a pair of terminal descriptors.
    public init(input: Int32 = 0, output: Int32 = 1, history: LineHistory = LineHistory(path: nil)) {
        self.input = input
        self.output = output
        self.history = history
    }

    /// Reads one line. Returns nil at end of input (Ctrl-D on an empty line, or the terminal closed).
    /// - Parameters:
    ///   - prompt: Printed before the line; it may hold SGR colour escapes (they take no columns).
    ///   - initial: The line's starting text (a draft to correct), cursor at its end.
    public func readLine(prompt: String, initial: String = "") -> String? {
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        savedSettings = saved
        guard tcsetattr(input, TCSADRAIN, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(input, TCSADRAIN, &saved) }
        buffer = LineBuffer(initial)
        cursorRow = 0
        let result = edit(prompt: prompt)
        if let result { history.add(result) }
        return result
    }

    // MARK: Keys

    private enum Key {
        case text(String)
        case control(UInt8)
        case escape(String)
        case end
    }

    private func edit(prompt: String) -> String? {
        var historyIndex = history.entries.count
        var unsent = buffer.text
        render(prompt: prompt)
        while true {
            let key = readKey()
            switch key {
            case .end:
                emit("\r\n")
                return nil
            case .text(let typed):
                buffer.insert(typed)
            case .control(let byte):
                switch byte {
                case 13, 10:
                    finishLine(prompt: prompt)
                    return buffer.text
                case 1: buffer.moveToStart()
                case 2: buffer.moveLeft()
                case 3:
                    finishLine(prompt: prompt)
                    emit("^C\r\n")
                    // Give the terminal back before the default action of SIGINT ends the process.
                    _ = tcsetattr(input, TCSADRAIN, &savedSettings)
                    raise(SIGINT)
                    return nil
                case 4:
                    if buffer.characters.isEmpty {
                        emit("\r\n")
                        return nil
                    }
                    buffer.deleteForward()
                case 5: buffer.moveToEnd()
                case 6: buffer.moveRight()
                case 8, 127: buffer.deleteBackward()
                case 11: buffer.killToEnd()
                case 12:
                    emit("\u{1B}[H\u{1B}[2J")
                    cursorRow = 0
                case 14, 16:
                    walkHistory(older: byte == 16, index: &historyIndex, unsent: &unsent)
                case 18:
                    if let accepted = search(prompt: prompt) { return accepted }
                    historyIndex = history.entries.count
                case 21: buffer.killToStart()
                case 23: buffer.killWordBackward()
                case 25: buffer.yank()
                default: break
                }
            case .escape(let sequence):
                switch sequence {
                case "[D", "OD": buffer.moveLeft()
                case "[C", "OC": buffer.moveRight()
                case "[H", "OH", "[1~", "[7~": buffer.moveToStart()
                case "[F", "OF", "[4~", "[8~": buffer.moveToEnd()
                case "[3~": buffer.deleteForward()
                case "b", "[1;5D", "[1;3D": buffer.moveWordLeft()
                case "f", "[1;5C", "[1;3C": buffer.moveWordRight()
                case "[A", "OA": walkHistory(older: true, index: &historyIndex, unsent: &unsent)
                case "[B", "OB": walkHistory(older: false, index: &historyIndex, unsent: &unsent)
                case "\u{7F}": buffer.killWordBackward()
                default: break
                }
            }
            render(prompt: prompt)
        }
    }

    private func walkHistory(older: Bool, index: inout Int, unsent: inout String) {
        let entries = history.entries
        if index == entries.count { unsent = buffer.text }
        let next = older ? index - 1 : index + 1
        guard next >= 0, next <= entries.count else { return }
        index = next
        buffer.replace(with: next == entries.count ? unsent : entries[next])
    }

    /// Ctrl-R: incremental search backwards through the history. Returns a line when Enter takes a
    /// match; nil when the search ends and editing goes on (the match, or the old line after a cancel,
    /// is in the buffer).
    private func search(prompt: String) -> String? {
        let original = buffer
        var query = ""
        var matchIndex: Int? = nil
        func find(from start: Int) -> Int? {
            guard !query.isEmpty else { return nil }
            var index = min(start, history.entries.count - 1)
            while index >= 0 {
                if history.entries[index].contains(query) { return index }
                index -= 1
            }
            return nil
        }
        while true {
            if let matchIndex {
                buffer.replace(with: history.entries[matchIndex])
            } else if query.isEmpty {
                buffer = original
            }
            let label = matchIndex == nil && !query.isEmpty ? "(failed reverse-i-search)`" : "(reverse-i-search)`"
            render(prompt: label + query + "': ")
            switch readKey() {
            case .end:
                return nil
            case .text(let typed):
                query += typed
                matchIndex = find(from: matchIndex ?? history.entries.count - 1)
            case .control(let byte):
                switch byte {
                case 18:
                    if let current = matchIndex, let older = find(from: current - 1) { matchIndex = older }
                case 8, 127:
                    if !query.isEmpty { query.removeLast() }
                    matchIndex = find(from: history.entries.count - 1)
                case 7:
                    buffer = original
                    render(prompt: prompt)
                    return nil
                case 13, 10:
                    render(prompt: prompt)
                    finishLine(prompt: prompt)
                    history.add(buffer.text)
                    return buffer.text
                default:
                    render(prompt: prompt)
                    return nil
                }
            case .escape(let sequence):
                if sequence.isEmpty { buffer = original }
                render(prompt: prompt)
                return nil
            }
        }
    }

    // MARK: Reading

    private func readByte(timeoutMilliseconds: Int32? = nil) -> UInt8? {
        if !pendingBytes.isEmpty { return pendingBytes.removeFirst() }
        if let timeoutMilliseconds {
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return nil }
        }
        var byte: UInt8 = 0
        while true {
            let count = read(input, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    private func readKey() -> Key {
        guard let first = readByte() else { return .end }
        if first == 0x1B {
            guard let next = readByte(timeoutMilliseconds: 50) else { return .escape("") }
            if next == UInt8(ascii: "[") || next == UInt8(ascii: "O") {
                var sequence = String(UnicodeScalar(next))
                while let byte = readByte(timeoutMilliseconds: 50) {
                    sequence.unicodeScalars.append(UnicodeScalar(byte))
                    if (0x40...0x7E).contains(byte), sequence.count > 1 { break }
                    if sequence.count > 16 { break }
                }
                return .escape(sequence)
            }
            return .escape(String(UnicodeScalar(next)))
        }
        if first < 0x20 || first == 0x7F { return .control(first) }
        var bytes = [first]
        let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        while bytes.count < length, let byte = readByte(timeoutMilliseconds: 100) {
            guard byte & 0xC0 == 0x80 else {
                pendingBytes.append(byte)
                break
            }
            bytes.append(byte)
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: Drawing

    private func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(output, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Where text ends on the screen (row, column) when written from the left edge, cluster by cluster,
    /// wrapping a wide cluster that does not fit at the end of a row onto the next row.
    static func position(after text: String, columns: Int, from start: (row: Int, column: Int) = (0, 0)) -> (row: Int, column: Int) {
        var (row, column) = start
        for character in text {
            let width = DisplayWidth.columns(of: character)
            if column + width > columns {
                row += 1
                column = 0
            }
            column += width
        }
        return (row, column)
    }

    /// The prompt without SGR escapes (what takes columns).
    static func visible(_ prompt: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    private func render(prompt: String) {
        let columns = terminalColumns()
        var out = ""
        if cursorRow > 0 { out += "\u{1B}[\(cursorRow)A" }
        out += "\r\u{1B}[J" + prompt + buffer.text
        let plainPrompt = Self.visible(prompt)
        let afterPrompt = Self.position(after: plainPrompt, columns: columns)
        var end = Self.position(after: buffer.text, columns: columns, from: afterPrompt)
        if end.column >= columns {
            out += "\r\n"
            end = (end.row + 1, 0)
        }
        var target = Self.position(after: buffer.textBeforeCursor, columns: columns, from: afterPrompt)
        if target.column >= columns { target = (target.row + 1, 0) }
        if end.row > target.row { out += "\u{1B}[\(end.row - target.row)A" }
        out += "\r"
        if target.column > 0 { out += "\u{1B}[\(target.column)C" }
        cursorRow = target.row
        emit(out)
    }

    /// Moves below the line (after its last row) before the caller prints anything.
    private func finishLine(prompt: String) {
        let columns = terminalColumns()
        let afterPrompt = Self.position(after: Self.visible(prompt), columns: columns)
        var end = Self.position(after: buffer.text, columns: columns, from: afterPrompt)
        if end.column >= columns { end = (end.row + 1, 0) }
        var out = ""
        if end.row > cursorRow { out += "\u{1B}[\(end.row - cursorRow)B" }
        out += "\r\n"
        cursorRow = 0
        emit(out)
    }

    private func emit(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(output, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
