import MalmoiCore

/// The result of scanning one message.
public struct ScanResult: Sendable {
    /// Whether any lexicon hit was found.
    public var flagged: Bool
    /// The canonical text.
    public var canonical: String
    /// The hits, as spans of the original text (Unicode scalar offsets).
    public var hits: [AbuseHit]

    /// The result as the JSON object `malmoi abuse scan` writes:
    /// `{"flagged", "canonical", "hits": [{"start", "end", "surface", "canonical", "category", "techniques"}]}`
    /// (each hit also carries `severity`).
    public var json: JSONValue {
        .object(JSONObject([
            ("flagged", .bool(flagged)),
            ("canonical", .string(canonical)),
            ("hits", .array(hits.map { hit in
                .object(JSONObject([
                    ("start", .int(hit.start)),
                    ("end", .int(hit.end)),
                    ("surface", .string(hit.surface)),
                    ("canonical", .string(hit.canonical)),
                    ("category", .string(hit.category.rawValue)),
                    ("severity", .int(hit.severity)),
                    ("techniques", .array(hit.techniques.map { .string($0.rawValue) })),
                ]))
            })),
        ]))
    }
}

extension ScanResult {
    /// Appends the result's JSON (the same text as `json.serialized()`) to a byte buffer, without
    /// building the intermediate ``JSONValue`` — the fast path of `malmoi abuse scan`.
    public func appendJSON(to bytes: inout [UInt8]) {
        func append(_ literal: StaticString) {
            literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }
        func appendInt(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }
        append(flagged ? #"{"flagged":true,"canonical":"# : #"{"flagged":false,"canonical":"#)
        Self.appendJSONString(canonical, to: &bytes)
        append(#","hits":["#)
        for (index, hit) in hits.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(#"{"start":"#)
            appendInt(hit.start)
            append(#","end":"#)
            appendInt(hit.end)
            append(#","surface":"#)
            Self.appendJSONString(hit.surface, to: &bytes)
            append(#","canonical":"#)
            JSONValue.appendString(hit.canonical, to: &bytes)
            append(#","category":"#)
            JSONValue.appendString(hit.category.rawValue, to: &bytes)
            append(#","severity":"#)
            appendInt(hit.severity)
            append(#","techniques":["#)
            for (k, technique) in hit.techniques.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.appendString(technique.rawValue, to: &bytes)
            }
            append("]}")
        }
        append("]}")
    }

    /// Appends a JSON string literal; text with nothing to escape (the common case) is copied whole.
    static func appendJSONString(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        let plain: Bool = value.withUTF8 { utf8 in
            for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if !plain { JSONValue.appendString(value, to: &bytes) }
    }
}
