// libFuzzer harness: the abuse task kind's answer parsers (typed `categories | severity | target | spans`
// answers and JSON payloads), then validated against a message, with the built-in taxonomy.
import MalmoiAbuse
import MalmoiCore

private let module = try? AbuseTask(configuration: JSONObject())
private let item = Item(id: "f", text: "ㅅㅂ 진짜 틀딱들 때문에 못 살겠다")

/// Called by libFuzzer once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAbuseAnswers(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let module else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    var payloads: [JSONValue] = []
    if let payload = try? module.parse(answer: text) { payloads.append(payload) }
    if let json = try? JSONValue.parse(bytes), let payload = try? module.parse(json: json) { payloads.append(payload) }
    for payload in payloads {
        _ = module.validate(payload, for: item)
        _ = module.summary(of: payload)
        _ = module.goldScore(payload, gold: payload)
    }
    return 0
}
