// libFuzzer harness: the CSV reader (agree --csv, user dictionaries), strict and lenient quotes.

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTable(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for lenient in [false, true] {
        if let rows = try? CSVTable.parse(bytes: bytes, path: "fuzz.csv", lenientQuotes: lenient) {
            var previous = 0
            for row in rows {
                precondition(row.line > previous, "CSV rows must start on increasing lines")
                previous = row.line
            }
        }
    }
    return 0
}
