import MalmoiCore
import Testing

@Suite("Project task configuration")
struct ProjectConfigurationTests {
    @Test("labels and multi are set over the --config object")
    func merged() throws {
        let configuration = try #require(Project.taskConfiguration(json: #"{"mode": "write", "labels": ["x"]}"#,
                                                                   labels: "긍정, 부정", multi: true))
        #expect(configuration["mode"] == "write")
        #expect(configuration["labels"] == ["긍정", "부정"])
        #expect(configuration["multi"] == true)
        #expect(Project.taskConfiguration(json: nil, labels: nil, multi: false) == JSONObject())
    }

    @Test("a --config that is not a JSON object is refused", arguments: ["[1, 2]", "{\"a\": ", "\"긍정\""])
    func refused(json: String) {
        #expect(Project.taskConfiguration(json: json, labels: nil, multi: false) == nil)
    }
}
