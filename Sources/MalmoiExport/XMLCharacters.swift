/// Keeps characters that XML 1.0 forbids out of exported documents.
///
/// XML 1.0 allows only `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`, and
/// the others (most C0 controls, U+FFFE, U+FFFF) are illegal even as character references. libxml2's
/// writer, FoundationXML and Python's ElementTree all write them raw, producing documents no parser
/// accepts, so the exporter handles them itself:
/// - in text content (`<text>`, comments, warnings) each one becomes U+FFFD, one scalar for one, so
///   offsets do not move, and the element's `replaced` attribute lists `OFFSET:HEX` pairs (scalar offset
///   within the element, original code point) so the original is recoverable;
/// - in JSON-bearing elements they are written as JSON `\uXXXX` escapes (lossless);
/// - in attribute values they become U+FFFD and are counted in the summary's `replacedInAttributes`.
public enum XMLCharacters {
    /// Whether the scalar may appear in an XML 1.0 document.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Whether the UTF-8 of `text` holds a forbidden character (a byte scan, no decoding).
    public static func needsReplacement(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte < 0x20 && byte != 0x9 && byte != 0xA && byte != 0xD { return true }
                if byte == 0xEF && index + 2 < count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF) {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// The text with forbidden characters replaced by U+FFFD, and the `OFFSET:HEX` list of what was replaced
    /// (nil when nothing was).
    public static func replacingForbidden(_ text: String) -> (text: String, replaced: String?) {
        guard needsReplacement(text) else { return (text, nil) }
        var output = String.UnicodeScalarView()
        var notes: [String] = []
        var offset = 0
        for scalar in text.unicodeScalars {
            if isAllowed(scalar) {
                output.append(scalar)
            } else {
                output.append("\u{FFFD}")
                notes.append("\(offset):" + String(scalar.value, radix: 16, uppercase: true))
            }
            offset += 1
        }
        return (String(output), notes.joined(separator: " "))
    }

    /// JSON text with forbidden characters written as `\uXXXX` escapes (valid because they can occur only
    /// inside JSON strings).
    public static func escapingForbiddenInJSON(_ json: String) -> String {
        guard needsReplacement(json) else { return json }
        var output = ""
        for scalar in json.unicodeScalars {
            if isAllowed(scalar) {
                output.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return output
    }
}
