import Foundation
import MalmoiCore
import MalmoiStore
import Testing

@Suite("A JSON document given where JSON Lines are expected")
struct JSONDocumentCheckTests {
    func write(_ text: String) throws -> String {
        let path = temporaryPath("document.json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func refusal(_ text: String) throws -> String? {
        let path = try write(text)
        do {
            try JSONDocumentCheck.refuseDocument(at: path, project: "리뷰")
            return nil
        } catch let error as InputError {
            return error.description.replacingOccurrences(of: path, with: "FILE")
        }
    }

    @Test("a KorQuAD file is refused with the command that converts it")
    func korQuADIsRefused() throws {
        let korquad = "{\"version\": \"KorQuAD_v1.0_dev\",\n \"data\": [{\"title\": \"한국\", \"paragraphs\": [{\"context\": \"서울은 한국의 수도이다.\", \"qas\": []}]}]}\n"
        let message = try #require(try refusal(korquad))
        #expect(message.hasPrefix("FILE:1: "))
        #expect(message.contains("malmoi qa import FILE -o items.jsonl"))
        #expect(message.contains("malmoi import --project 리뷰 items.jsonl"))
    }

    @Test("an array and a pretty-printed object are refused; JSON Lines pass")
    func arraysAndDocumentsAreRefused() throws {
        #expect(try refusal("[{\"id\": \"a\", \"text\": \"좋아요\"}]\n")?.contains("one JSON array") == true)
        #expect(try refusal("{\n  \"items\": [\n    {\"id\": \"a\", \"text\": \"좋아요\"}\n  ]\n}\n")?.contains("over several lines") == true)
        #expect(try refusal("{\"id\": \"a\", \"text\": \"좋아요\"}\n{\"id\": \"b\", \"text\": \"별로예요\"}\n") == nil)
        #expect(try refusal("\u{FEFF}  {\"id\": \"a\", \"text\": \"좋아요\"}\n") == nil)
    }
}
