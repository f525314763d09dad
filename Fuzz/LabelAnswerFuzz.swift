// libFuzzer harness: the label task kind's answer parsers (typed answers and JSON answers), single-
// and multi-label, compiled into the MalmoiLabel module.
import MalmoiCore

private let modules: [LabelTask] = [false, true].compactMap { multi in
    try? LabelTask(configuration: JSONObject([("labels", .array(["긍정", "부정", "중립"].map { .string($0) })), ("multi", .bool(multi))]))
}

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLabelAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let json = try? JSONValue.parse(bytes)
    for module in modules {
        _ = try? module.parse(answer: text)
        if let json { _ = try? module.parse(json: json) }
    }
    return 0
}
