// libFuzzer harness: the qa task kind's answer parsers (typed `질문 | 답 #N` answers and JSON payloads),
// in write and answer mode, located in a passage and then validated (no morpheme analyzer).
import MalmoiCore
import MalmoiQA

private let modules: [QATask] = ["write", "answer"].compactMap { mode in
    try? QATask(configuration: JSONObject([("mode", .string(mode))]), morphemes: nil)
}
private let item = Item(id: "f", text: "세종은 1397년에 한양에서 태어났다. 세종은 한글을 만들었다.",
                        fields: JSONObject([("question", .string("세종은 언제 태어났나?"))]))

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQAAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let json = try? JSONValue.parse(bytes)
    for module in modules {
        if let payload = try? module.parse(answer: text) { _ = module.validate(payload, for: item) }
        if let payload = try? module.parse(answer: text, for: item) {
            _ = module.validate(payload, for: item)
            _ = module.summary(of: payload)
        }
        if let json, let payload = try? module.parse(json: json, for: item) {
            _ = module.validate(payload, for: item)
            _ = module.summary(of: payload)
            _ = module.goldScore(payload, gold: payload)
        }
    }
    return 0
}
