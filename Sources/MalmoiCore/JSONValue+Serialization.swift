extension JSONValue {
    /// The compact JSON text of this value: no spaces, object keys in their stored order, non-ASCII
    /// characters written as UTF-8 (not `\u` escapes), control characters escaped, integral numbers
    /// without a fractional part, and non-finite numbers as `null` (JSON has no NaN).
    public func serialized() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        appendSerialized(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the compact JSON text of this value to a byte array (see ``serialized()``).
    public func appendSerialized(to bytes: inout [UInt8]) {
        switch self {
        case .null:
            bytes.append(contentsOf: "null".utf8)
        case .bool(let value):
            bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value):
            JSONValue.appendNumber(value, to: &bytes)
        case .string(let value):
            JSONValue.appendString(value, to: &bytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (offset, element) in elements.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                element.appendSerialized(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for index in object.keys.indices {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.appendString(object.keys[index], to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                object.values[index].appendSerialized(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a number as JSON: integers exactly, other finite values in the shortest form that
    /// reads back to the same `Double`, non-finite values as `null`.
    public static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        guard value.isFinite else {
            bytes.append(contentsOf: "null".utf8)
            return
        }
        if value == value.rounded(), abs(value) < 9.007_199_254_740_992e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// Appends a string as a quoted JSON string: the one JSON string escaper of Malmoi.
    ///
    /// RFC 8259 §7: `"` and `\` are escaped, as is every control character U+0000–U+001F — with the
    /// short forms `\b \f \n \r \t` where JSON has one, else `\u00XX`; everything else, DEL
    /// (U+007F) and non-ASCII included, is copied as UTF-8 (what Python's `json.dumps(…,
    /// ensure_ascii=False)` writes). Runs with nothing to escape are copied whole.
    public static func appendString(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { appendString(utf8: $0, to: &bytes) }
    }

    /// Appends valid UTF-8 as a quoted JSON string, escaped as ``appendString(_:to:)`` does.
    public static func appendString(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            runStart = index + 1
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }
}

extension ByteWriter {
    /// Writes a value as one compact JSON line followed by `\n`.
    public func writeJSONLine(_ value: JSONValue) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        value.appendSerialized(to: &bytes)
        bytes.append(0x0A)
        bytes.withUnsafeBytes { write(bytes: $0) }
    }
}
