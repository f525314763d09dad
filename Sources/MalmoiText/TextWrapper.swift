/// Wraps text to a terminal width between words, measuring by display width.
///
/// ```swift
/// TextWrapper.wrap("훈민정음 해례본을 국보로 지정했다", width: 12)
/// // ["훈민정음", "해례본을", "국보로", "지정했다"]
/// ```
/// Lines break at spaces; runs of spaces at a break are dropped. A word wider than the line (a URL, a
/// long run of Hangul without spaces) is cut between grapheme clusters, so a syllable or a combining
/// sequence is never split. Existing line breaks are kept. An indent is added to every line after the
/// first when `hangingIndent` is given.
public enum TextWrapper {
    /// The lines of `text` wrapped to `width` columns.
    /// - Parameters:
    ///   - text: The text; `\n` starts a new paragraph line.
    ///   - width: Columns per line (at least 2 are used).
    ///   - hangingIndent: Spaces before every line but the first.
    public static func wrap(_ text: String, width: Int, hangingIndent: Int = 0) -> [String] {
        let width = max(2, width)
        var lines: [String] = []
        let indent = String(repeating: " ", count: max(0, min(hangingIndent, width - 1)))
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            func flush() {
                lines.append((lines.isEmpty ? "" : indent) + line)
                line = ""
                used = 0
            }
            let words = paragraph.split(separator: " ", omittingEmptySubsequences: true)
            if words.isEmpty {
                lines.append("")
                continue
            }
            for word in words {
                var rest = Substring(word)
                var wordWidth = DisplayWidth.columns(of: rest)
                if used > 0 && used + 1 + wordWidth <= (lines.isEmpty ? width : width - indent.count) {
                    line += " " + rest
                    used += 1 + wordWidth
                    continue
                }
                if used > 0 { flush() }
                while wordWidth > (lines.isEmpty ? width : width - indent.count) {
                    let room = lines.isEmpty ? width : width - indent.count
                    var piece = DisplayWidth.prefix(of: rest, fitting: room)
                    if piece.isEmpty { piece = rest.prefix(1) }
                    line = String(piece)
                    flush()
                    rest = rest[piece.endIndex...]
                    wordWidth = DisplayWidth.columns(of: rest)
                }
                line = String(rest)
                used = wordWidth
            }
            if used > 0 || !line.isEmpty { flush() }
        }
        return lines
    }
}
