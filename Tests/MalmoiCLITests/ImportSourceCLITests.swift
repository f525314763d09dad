import Foundation
import Testing

/// `malmoi import` from sources that are not small regular files (issue 12, item 5, the adversarial
/// pass): the check for JSON documents read a FIFO's data away (the import then hung), trapped on a
/// folder, and called one long first line "a document over several lines".
@Suite struct ImportSourceCLITests {
    private func makeProject() throws -> URL {
        let directory = WorkflowCLI.makeDirectory()
        let result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        return directory
    }

    @Test func aFIFOIsImportedWhole() throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("items.jsonl").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            let text = "{\"id\":\"1\",\"text\":\"배송이 빨라요\"}\n{\"id\":\"2\",\"text\":\"포장이 엉망이에요\"}\n"
            _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
            close(fd)
        }
        writer.start()
        let result = try WorkflowCLI.run(["import", "--project", "감성", fifo], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try WorkflowCLI.stats("감성", in: directory)["items"] as? Int == 2)
    }

    @Test func aFolderIsABadInputNotACrash() throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("폴더.jsonl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try WorkflowCLI.run(["import", "--project", "감성", folder.path], in: directory)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("Is a directory"), "\(result.stderr)")
    }

    @Test func aFirstLineLongerThanAMebibyteIsOneItem() throws {
        let directory = try makeProject()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("long.jsonl").path
        let text = String(repeating: "가나다라마바사 ", count: 60_000)   // about 1.4 MB of UTF-8
        let lines = "{\"id\":\"긴글\",\"text\":\"\(text)\"}\n{\"id\":\"짧은글\",\"text\":\"좋아요\"}\n"
        FileManager.default.createFile(atPath: path, contents: Data(lines.utf8))
        let result = try WorkflowCLI.run(["import", "--project", "감성", path], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try WorkflowCLI.stats("감성", in: directory)["items"] as? Int == 2)
    }
}
