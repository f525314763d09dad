/// How many terminal columns text takes: East Asian Wide and Fullwidth characters (Hangul, CJK, most
/// emoji) take two, combining marks and other zero-width characters none, everything else one.
///
/// ```swift
/// DisplayWidth.columns(of: "긍정")      // 4
/// DisplayWidth.columns(of: "e\u{301}")  // 1 (e + combining acute)
/// DisplayWidth.columns(of: "👍🏽")         // 2
/// ```
/// The width of a grapheme cluster is the width of its first scalar, made two when the cluster asks for
/// emoji presentation (U+FE0F, a ZWJ sequence, a skin-tone modifier); this is what current terminals
/// (VTE, kitty, WezTerm, tmux) draw. Wide ranges follow Unicode's `EastAsianWidth.txt` (W and F); emoji
/// use the standard library's `Emoji_Presentation` property. Ambiguous-width characters (A) count one,
/// as terminals do outside East Asian locales. Control characters count zero.
public enum DisplayWidth {
    /// Columns taken by one scalar on its own: 0, 1 or 2.
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        if value < 0xA0 { return 0 }
        if value == 0x00AD { return 1 }
        // Hangul medial vowels and final consonants (conjoining jamo) join the initial before them.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        if value == 0x200B { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns taken by one grapheme cluster.
    public static func columns(of character: Character) -> Int {
        var scalars = character.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        var width = columns(of: first)
        if width == 1 {
            while let next = scalars.next() {
                if next == "\u{FE0F}" || next == "\u{200D}" || (0x1F3FB...0x1F3FF).contains(next.value) {
                    if first.properties.isEmoji { width = 2 }
                    break
                }
            }
        }
        return width
    }

    /// Columns taken by a string (the sum over its grapheme clusters).
    /// - Complexity: O(n) in the string's length; ASCII runs take a fast path.
    public static func columns<S: StringProtocol>(of text: S) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += columns(of: character) }
        return total
    }

    /// The longest prefix of `text` (whole grapheme clusters) that fits in `limit` columns.
    public static func prefix(of text: Substring, fitting limit: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = columns(of: text[index])
            if used + width > limit { break }
            used += width
            end = text.index(after: index)
        }
        return text[text.startIndex..<end]
    }

    /// East Asian Width W or F, outside the emoji ranges (which `isEmojiPresentation` covers).
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CD5, 0x18D00...0x18D08,
             0x1AFF0...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
             0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
