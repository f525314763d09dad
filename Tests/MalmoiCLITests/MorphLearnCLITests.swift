import Foundation
import Testing

/// `malmoi morph-learn` end to end: accepted corrections of a morph project become a user dictionary
/// that `malmoi morph --user-dict` loads.
@Suite struct MorphLearnCLITests {
    @Test func acceptedCorrectionsBecomeAUserDictionary() throws {
        let dir = WorkflowCLI.makeDirectory()
        var result = try WorkflowCLI.run(["project", "create", "형태소", "--kind", "morph"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        try "{\"id\":\"s1\",\"text\":\"말모이가 좋다\"}\n{\"id\":\"s2\",\"text\":\"학교에 간다\"}\n".write(
            to: dir.appendingPathComponent("s.jsonl"), atomically: true, encoding: .utf8)
        result = try WorkflowCLI.run(["import", "--project", "형태소", "s.jsonl"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["annotate", "--project", "형태소", "--annotator", "kim"], in: dir,
                                     input: "말모이/NNP 가/JKS 좋/VA 다/EF\nok\n")
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["review", "--project", "형태소", "--reviewer", "park"], in: dir, input: "a\na\n")
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["morph-learn", "--project", "형태소", "--output", "user.csv"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let csv = try String(contentsOf: dir.appendingPathComponent("user.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("말모이,NNP,"))
        #expect(csv.split(separator: "\n").count == 1)
        result = try WorkflowCLI.run(["morph", "--user-dict", "user.csv", "--format", "wakati"], in: dir, input: "말모이가 좋다\n")
        #expect(result.stdout.hasPrefix("말모이 가 "), "\(result.stdout)")
    }

    @Test func aMalformedCorrectionIsLocated() throws {
        let dir = WorkflowCLI.makeDirectory()
        try "{\"morphemes\":[\"말모이/NNP\",\"가\"]}\n".write(to: dir.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
        let result = try WorkflowCLI.run(["morph-learn", "--data", "c.jsonl", "-o", "u.csv"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("c.jsonl:1: field \"morphemes[1]\": expected \"form/TAG\""), "\(result.stderr)")
    }
}
