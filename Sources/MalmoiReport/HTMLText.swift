import MalmoiCore

/// Small text helpers for writing HTML and SVG by hand.
enum HTMLText {
    /// Escapes `&`, `<`, `>`, `"` and `'` for element content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `value` with `digits` decimals, half away from zero (`fixed(0.4567, 2)` is `0.46`; ``FixedDecimal``);
    /// `–` for nil, NaN, infinities and magnitudes of 1e12 or more.
    static func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let value, value.isFinite, abs(value) < 1e12 else { return "–" }
        return FixedDecimal.halfAwayFromZero(value, digits: digits) ?? "–"
    }

    /// A share as a percentage with one decimal (`0.953` → `95.3%`); `–` for nil.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return fixed(value * 100, 1) + "%"
    }

    /// A coordinate for SVG (one decimal).
    static func coordinate(_ value: Double) -> String { fixed(value, 1) }
}
