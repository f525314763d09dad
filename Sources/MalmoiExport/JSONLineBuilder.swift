import MalmoiCore

/// Builds one JSONL record as bytes, copying stored JSON text as is and escaping strings in bulk.
///
/// ```swift
/// var line = JSONLineBuilder()
/// line.open(); line.key("id"); line.string("rev-001"); line.close()
/// ```
/// The export writes millions of lines; building a ``JSONValue`` tree per line and serializing it costs
/// several times more than this (measured in `Benchmarks/workflow`). Output is compact JSON with the same
/// escaping rules as ``JSONValue/serialized()``: `"`, `\` and C0 controls escaped, everything else raw UTF-8.
struct JSONLineBuilder {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(4096) }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    mutating func open() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func close() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func openArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func closeArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
    }

    mutating func string(_ value: String) {
        separate()
        appendEscaped(value)
        needsComma = true
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    mutating func int(_ value: Int) { raw(String(value)) }

    mutating func number(_ value: Double) {
        separate()
        JSONValue.appendNumber(value, to: &bytes)
        needsComma = true
    }

    /// Appends JSON text that is already compact and valid (a stored payload).
    mutating func raw(_ json: String) {
        separate()
        var json = json
        json.withUTF8 { bytes.append(contentsOf: $0) }
        needsComma = true
    }

    mutating func value(_ value: JSONValue) {
        separate()
        value.appendSerialized(to: &bytes)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendEscaped(_ value: String) {
        JSONValue.appendString(value, to: &bytes)
    }
}
