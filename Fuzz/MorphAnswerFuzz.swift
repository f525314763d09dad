// libFuzzer harness: the morph task kind's answer parsers (typed `형태/태그 …` answers and JSON answers),
// compiled into the MalmoiMorphTask module without a dictionary (pre-annotation off).
import MalmoiCore
import MalmoiMorph

private let module = try? MorphCorrectionTask(configuration: JSONObject([("pre_annotate", .bool(false))]))
private let item = Item(id: "f", text: "아버지가 방에 들어가신다")

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMorphAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let module else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    if let answer = try? module.parse(answer: text, for: item) { _ = module.validate(answer, for: item) }
    if let json = try? JSONValue.parse(bytes), let answer = try? module.parse(json: json, for: item) {
        _ = module.validate(answer, for: item)
    }
    return 0
}
