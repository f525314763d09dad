import Foundation
import MalmoiCore
import MalmoiText
import Testing

@Suite("Normalizing several files into one stream")
struct NormalizerFilesTests {
    func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-normalize-\(UUID().uuidString).txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func output(of body: (ByteWriter) throws -> Void) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-normalized-\(UUID().uuidString).txt").path
        try AtomicFile.write(to: path, refusing: []) { try body($0) }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test("files follow one another, line ends kept, typed jamo composed, replacements counted over all files")
    func filesInOrder() throws {
        let first = try file(Array("ㅅㅣㅂㅏㄹ 진짜\r\n".utf8))
        let second = try file(Array("\u{1112}\u{1161}\u{11AB}".utf8) + [0xFF] + Array("글\n".utf8))
        var replaced = 0
        let bytes = try output { writer in
            replaced = try Normalizer(.nfc).normalize(files: [first, second], to: writer, lossy: true, composingJamo: true)
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "시발 진짜\r\n한\u{FFFD}글\n")
        #expect(replaced == 1)
    }

    @Test("invalid UTF-8 names the file when not lossy")
    func invalidBytesAreLocated() throws {
        let bad = try file([0x61, 0xFF, 0x0A])
        #expect {
            _ = try output { writer in _ = try Normalizer(.nfc).normalize(files: [bad], to: writer) }
        } throws: { error in
            (error as? InputError)?.description.hasPrefix(bad) == true
        }
    }
}
