import MalmoiAbuse
import MalmoiCore
import Testing

/// Inputs the abuse answer fuzzer (Fuzz/AbuseAnswerFuzz.swift) found crashing, kept as regression tests.
@Suite struct AbuseAnswerFuzzFindingsTests {
    static let task = try! AbuseTask(configuration: JSONObject())

    /// A target made only of colons split into nothing, and reading its type trapped (index out of range).
    @Test(arguments: ["identity_hate | 2 | :", "identity_hate | 2 | :::::::::::::::", "insult | 1 | :elderly", "insult | 1 |  : "])
    func aTargetWithoutATypeIsAnError(answer: String) {
        let error = #expect(throws: TaskError.self) { try Self.task.parse(answer: answer) }
        #expect(error?.message.contains("the target is a type") == true, "\(String(describing: error))")
    }

    @Test func aTargetGroupStillParses() throws {
        let payload = try Self.task.parse(answer: "identity_hate | 2 | group:elderly | ")
        #expect(payload["target_type"]?.stringValue == "group")
        #expect(payload["groups"]?.arrayValue?.compactMap(\.stringValue) == ["elderly"])
    }
}
