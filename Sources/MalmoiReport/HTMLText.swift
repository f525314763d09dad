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

    /// `value` with `digits` decimals, half away from zero (`fixed(0.4567, 2)` is `0.46`); `-` for nil/NaN.
    static func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let value, value.isFinite, abs(value) < 1e12 else { return "–" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = String(Int(scaled) - whole * Int(scale))
            text += "." + String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        }
        return text
    }

    /// A share as a percentage with one decimal (`0.953` → `95.3%`); `–` for nil.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return fixed(value * 100, 1) + "%"
    }

    /// A coordinate for SVG (one decimal).
    static func coordinate(_ value: Double) -> String { fixed(value, 1) }
}
