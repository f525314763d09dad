// libFuzzer harness: the dictionary file headers (dicrc settings), compiled into the MalmoiMorph module.

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDictionaryHeader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? DictionarySettings(parsing: text, path: "dicrc")
    return 0
}
