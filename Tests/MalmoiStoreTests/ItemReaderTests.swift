import Foundation
import MalmoiCore
import MalmoiStore
import Testing

@Suite struct ItemReaderTests {
    func write(_ text: String) throws -> String {
        let path = temporaryPath("items.jsonl")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func decomposedHangulIsNormalizedUnlessVerbatim() throws {
        let decomposed = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}"   // 한글 as conjoining jamo
        let path = try write("{\"id\": 1, \"text\": \"\(decomposed)\"}\n")
        var texts: [String] = []
        _ = try ItemReader(path: path).read(skipBad: false) { texts.append($0.item.text) }
        _ = try ItemReader(path: path, isVerbatim: true).read(skipBad: false) { texts.append($0.item.text) }
        #expect(texts == ["한글", decomposed])
    }

    @Test func badLinesNameFileAndLine() throws {
        let path = try write("{\"id\": \"a\", \"text\": \"좋아요\"}\n{\"id\": \"b\"}\n")
        #expect {
            _ = try ItemReader(path: path).read(skipBad: false) { _ in }
        } throws: { error in
            (error as? InputError)?.description == "\(path):2: field \"text\": missing required field"
        }
        let statistics = try ItemReader(path: path).read(skipBad: true) { _ in }
        #expect(statistics.records == 1 && statistics.skipped == 1)
    }

    @Test func otherFieldsGoldAndDraftAreKept() throws {
        let path = try write(#"{"id": "g1", "text": "최고예요", "category": "품질", "gold": {"labels": ["긍정"]}, "pre_annotation": "긍정"}"# + "\n")
        var records: [ImportRecord] = []
        _ = try ItemReader(path: path).read(skipBad: false) { records.append($0) }
        #expect(records.first?.item.fields == ["category": "품질"])
        #expect(records.first?.gold == ["labels": ["긍정"]])
        #expect(records.first?.item.preAnnotation == "긍정")
    }
}
