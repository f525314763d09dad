// libFuzzer harness: the JSONL record reader, line by line, and the typed field reads on each record.

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONLRecords(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var start = 0
    var line = 1
    while start <= size {
        var end = start
        while end < size && bytes[end] != 0x0A { end += 1 }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if let object = try? JSONLReader.parseObject(slice, path: "fuzz.jsonl", line: line) {
            let record = JSONRecord(object: object, location: SourceLocation(path: "fuzz.jsonl", line: line))
            for field in ["id", "text", "item", "annotator", "label", "start", "end"] {
                _ = try? record.string(field)
                _ = try? record.identifier(field)
                _ = try? record.int(field)
                _ = try? record.double(field)
                _ = try? record.optionalString(field)
            }
        }
        start = end + 1
        line += 1
    }
    return 0
}
