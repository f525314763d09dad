import MalmoiCore
import MalmoiModel
import Testing

@Suite("Project examples")
struct ProjectExamplesTests {
    @Test("label projects give their payload's labels; unknown labels name the item and annotation")
    func labelProject() throws {
        let project = Project(name: "리뷰", kind: "label", taskConfig: ["labels": ["긍정", "부정"]])
        var builder = try ProjectExamples(project: project, axis: nil)
        try builder.add(item: Item(id: "r1", text: "정말 좋아요"), annotationID: 1, payload: ["labels": ["긍정"]])
        #expect(builder.examples.map(\.labels) == [["긍정"]])
        let error = #expect(throws: ModelError.self) {
            try builder.add(item: Item(id: "r2", text: "그저 그래요"), annotationID: 7, payload: ["labels": ["보통"]])
        }
        #expect(error?.code == .unknownLabel)
        #expect(error?.description.hasPrefix("project 리뷰, item r2, annotation 7: unknown label \"보통\"") == true)
    }

    @Test("abuse projects give one axis at a time", arguments: [
        (ProjectExamples.AbuseAxis.flagged, ["1"]), (.categories, ["profanity"]), (.severity, ["2"]), (.target, ["individual_addressee"]),
    ])
    func abuseAxes(axis: ProjectExamples.AbuseAxis, expected: [String]) throws {
        let project = Project(name: "욕설", kind: "abuse")
        var builder = try ProjectExamples(project: project, axis: axis)
        let payload: JSONValue = ["categories": ["profanity"], "severity": 2, "target_type": "individual_addressee"]
        try builder.add(item: Item(id: "a1", text: "ㅅㅂ 꺼져"), annotationID: 3, payload: payload)
        #expect(builder.examples.map(\.labels) == [expected])
        #expect(builder.examples[0].isMultiLabel == (axis == .categories))
    }

    @Test("kinds without labels to learn are refused")
    func otherKinds() {
        #expect(throws: ModelError.self) { try ProjectExamples(project: Project(name: "q", kind: "qa"), axis: nil) }
    }
}
