import Foundation
import MalmoiCore
import MalmoiModel
import Testing

@Suite("Labelling lines in blocks")
struct PredictLinesTests {
    /// Runs `predictLines` over a file and returns what it wrote and what it threw.
    private func label(_ model: TextClassifier, _ lines: [String], threads: Int) throws -> (String, Error?) {
        let input = TestData.write(lines)
        let output = TestData.temporaryPath(".jsonl")
        defer { try? FileManager.default.removeItem(atPath: input); try? FileManager.default.removeItem(atPath: output) }
        var thrown: Error?
        do {
            let writer = try ByteWriter(creatingFileAt: output)
            do { try model.predictLines(of: [input], threads: threads, to: writer) } catch { thrown = error }
            try writer.flush()
        }
        return (try String(contentsOfFile: output, encoding: .utf8), thrown)
    }

    @Test("every line gets exactly what predict gives it, in order, on one thread and on four")
    func sameAsPredict() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        let texts = try LabeledText.read(path: TestData.reviewsHeldOut).map(\.text)
        // 600 lines, so the block is split into pieces; every fifth line is JSONL with an id.
        var lines: [String] = []
        var expected = ""
        for i in 0..<600 {
            let text = texts[i % texts.count] + (i % 7 == 0 ? " ㅅ1발" : "")
            var line: [UInt8] = []
            if i % 5 == 0 {
                let object: JSONValue = ["id": .string("r\(i)"), "text": .string(text)]
                lines.append(object.serialized())
                model.predict(text).appendJSON(id: .string("r\(i)"), to: &line)
            } else {
                lines.append(text)
                model.predict(text).appendJSON(to: &line)
            }
            expected += String(decoding: line, as: UTF8.self) + "\n"
        }
        for threads in [1, 4] {
            let (written, error) = try label(model, lines, threads: threads)
            #expect(error == nil)
            #expect(written == expected, "threads \(threads)")
        }
    }

    @Test("a bad line stops the run with its location after the lines before it are written")
    func badLineLocated() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        var lines = (0..<300).map { "배송이 빠르고 좋아요 \($0)" }
        lines[250] = #"{"id": "x", "text": 5}"#
        let (written, error) = try label(model, lines, threads: 4)
        #expect(written.split(separator: "\n").count == 250)
        let message = "\(error.map { "\($0)" } ?? "no error")"
        #expect(message.contains(":251"), "\(message)")
        #expect(message.contains("text"), "\(message)")
    }

    @Test("a plain line of invalid UTF-8 is named by line and byte after the lines before it are written")
    func invalidUTF8Located() throws {
        let model = try TextClassifier.train(try LabeledText.read(path: TestData.reviewsTrain), options: TestData.options)
        var bytes = Array((0..<200).map { "배송이 빠르고 좋아요 \($0)" }.joined(separator: "\n").utf8) + [0x0A]
        bytes += Array("포장은 ".utf8) + [0xED, 0xA0, 0x80] + Array(" 괜찮아요\n마지막 줄\n".utf8)   // an encoded surrogate
        let input = TestData.temporaryPath(".txt"), output = TestData.temporaryPath(".jsonl")
        defer { try? FileManager.default.removeItem(atPath: input); try? FileManager.default.removeItem(atPath: output) }
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        var thrown: Error?
        do {
            let writer = try ByteWriter(creatingFileAt: output)
            do { try model.predictLines(of: [input], threads: 2, to: writer) } catch { thrown = error }
            try writer.flush()
        }
        #expect(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count == 200)
        let message = "\(thrown.map { "\($0)" } ?? "no error")"
        #expect(thrown is InputError && message.contains(":201") && message.contains("byte 11"), "\(message)")
    }
}
