// libFuzzer harness: the JSON parser (compiled into the MalmoiCore module by Scripts/fuzz.sh).
// Any input either fails with JSONSyntaxError or parses to a value whose serialization parses back
// to the same value; a trap, a sanitizer report or a round-trip difference is a finding.

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONValue.parse(bytes) else { return 0 }
    let text = value.serialized()
    guard let again = try? JSONValue.parse(text) else { fatalError("serialized JSON does not parse: \(text)") }
    precondition(again == value, "JSON round trip changed the value")
    return 0
}
