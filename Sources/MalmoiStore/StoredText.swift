/// Free text (item texts, review comments) as both stores keep it.
///
/// SQLite's driver binds and reads a Swift string as a C string, which ends at U+0000, and PostgreSQL
/// refuses U+0000 in `text` altogether. So the stores write U+0000 as U+FFFF followed by `0`, and
/// U+FFFF itself as U+FFFF U+FFFF; text without either character (nearly all text) is stored as it is.
/// ``decode(_:)`` undoes ``encode(_:)`` exactly. A U+FFFF followed by anything else (text stored before
/// this encoding) is read back unchanged.
///
/// ```swift
/// StoredText.encode("앞\u{0}뒤")   // "앞\u{FFFF}0뒤"
/// StoredText.decode("앞\u{FFFF}0뒤") // "앞\u{0}뒤"
/// ```
public enum StoredText {
    /// The escape character: a Unicode noncharacter, never in interchanged text.
    static let escape: Unicode.Scalar = "\u{FFFF}"

    /// The form to bind when writing `text`.
    public static func encode(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "\u{0}" || $0 == escape }) else { return text }
        var stored = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{0}": stored.append(escape); stored.append("0")
            case escape: stored.append(escape); stored.append(escape)
            default: stored.append(scalar)
            }
        }
        return String(stored)
    }

    /// The form to bind when writing an optional text.
    public static func encode(_ text: String?) -> String? { text.map { encode($0) } }

    /// The text a stored value stands for.
    public static func decode(_ stored: String) -> String {
        guard stored.unicodeScalars.contains(escape) else { return stored }
        var text = String.UnicodeScalarView()
        var escaped = false
        for scalar in stored.unicodeScalars {
            if escaped {
                escaped = false
                switch scalar {
                case "0": text.append("\u{0}")
                case escape: text.append(escape)
                default: text.append(escape); text.append(scalar)
                }
            } else if scalar == escape {
                escaped = true
            } else {
                text.append(scalar)
            }
        }
        if escaped { text.append(escape) }
        return String(text)
    }

    /// The text an optional stored value stands for.
    public static func decode(_ stored: String?) -> String? { stored.map { decode($0) } }
}
