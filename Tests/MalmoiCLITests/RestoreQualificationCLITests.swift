import Foundation
import Testing

/// Restored work passes the project's required qualification, as typed work does (issue 12, item 2).
@Suite struct RestoreQualificationCLITests {
    @Test func anAnnotatorWithoutTheRequiredQualificationIsRefusedUntilGrantedIt() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try WorkflowCLI.run(["project", "create", "원어민감성", "--labels", "긍정,부정", "--points", "10",
                                           "--qualification", "korean-native"], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let path = directory.appendingPathComponent("export.jsonl").path
        let line = """
            {"schema_version":1,"record":"item","id":"r1","text":"배송이 빨라서 좋아요",\
            "annotations":[{"annotator":"김","payload":{"labels":["긍정"]},"submitted_at":"2026-03-01T09:30:00.000Z","seconds":4,\
            "reviews":[{"reviewer":"이","verdict":"accepted","reasons":[],"at":"2026-03-01T10:00:00.000Z","points":10}]}]}
            """
        FileManager.default.createFile(atPath: path, contents: Data((line + "\n").utf8))
        let refused = try WorkflowCLI.run(["import", "--project", "원어민감성", "--restore", path], in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(path):1: field \"annotations[0].annotator\""), "\(refused.stderr)")
        #expect(refused.stderr.contains("korean-native"), "\(refused.stderr)")
        #expect(try WorkflowCLI.stats("원어민감성", in: directory)["items"] as? Int == 0)

        let granted = try WorkflowCLI.run(["project", "qualify", "김", "korean-native"], in: directory)
        #expect(granted.status == 0, "\(granted.stderr)")
        let restored = try WorkflowCLI.run(["import", "--project", "원어민감성", "--restore", path], in: directory)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stderr.contains("restored 1 annotations and 1 reviews"), "\(restored.stderr)")
    }
}
