// libFuzzer harness: the summary task kind's answer parsers (sentence numbers, typed summaries, JSON
// payloads), in extractive and abstractive mode, then validated against a document (no morpheme analyzer).
import MalmoiCore
import MalmoiSummary

private let modules: [SummaryTask] = ["extractive", "abstractive"].compactMap { mode in
    try? SummaryTask(configuration: JSONObject([("mode", .string(mode))]), morphemes: nil)
}
private let item = Item(id: "f", text: "서울시는 내년부터 버스 요금을 올린다. 인상 폭은 300원이다. 시민들은 반발했다.")

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSummaryAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let json = try? JSONValue.parse(bytes)
    for module in modules {
        var payloads: [JSONValue] = []
        if let payload = try? module.parse(answer: text) { payloads.append(payload) }
        if let json, let payload = try? module.parse(json: json) { payloads.append(payload) }
        for payload in payloads {
            _ = module.validate(payload, for: item)
            _ = module.summary(of: payload)
            _ = module.goldScore(payload, gold: payload)
        }
    }
    return 0
}
