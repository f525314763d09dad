import Foundation
import MalmoiCore
import Testing

/// The ordered parallel map that `morph`, `summary rouge` and `abuse scan` share.
@Suite struct OrderedParallelMapTests {
    @Test(arguments: [1, 2, 7])
    func outputsKeepSubmissionOrder(workers: Int) {
        let map = OrderedParallelMap(workers: workers, inFlight: 3) { (n: Int) -> String in
            if n % 5 == 0 { usleep(200) }  // later inputs often finish first
            return "문장 \(n)"
        }
        defer { map.stop() }
        var outputs: [String] = []
        for n in 0..<500 { map.submit(n) { outputs.append($0) } }
        map.finish { outputs.append($0) }
        #expect(outputs == (0..<500).map { "문장 \($0)" })
        #expect(map.inFlight == 0)
    }

    @Test(arguments: [1, 3])
    func lineBlocksComeBackInInputOrderWithTheirNumbers(jobs: Int) throws {
        let lines = (1...2_000).map { "\($0)번째 줄: 아버지가 방에 들어가신다" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-blocks-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var seen: [String] = []
        try ByteLineReader(path: path).mapLineBlocks(jobs: jobs, blockBytes: 1 << 10, blockLines: 17, transform: { block in
            var result: [String] = []
            block.forEachLine { bytes, number in result.append("\(number):" + String(decoding: bytes, as: UTF8.self)) }
            return result
        }, emit: { seen += $0 })
        #expect(seen == lines.enumerated().map { "\($0.offset + 1):\($0.element)" })
    }

    @Test func anErrorWhileReadingStopsTheWorkers() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-blocks-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "하나\n둘\n셋\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) {
            try ByteLineReader(path: path).mapLineBlocks(jobs: 2, prepare: { _, number, _ in
                if number == 2 { throw InputError(.invalidValue, "둘째 줄") }
            }, transform: { $0.count }, emit: { _ in })
        }
    }
}

/// Every command that writes a file writes it atomically.
@Suite struct AtomicFileTests {
    @Test func aFailedWriteLeavesTheOldFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-atomic-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try AtomicFile.write(to: path, refusing: []) { $0.write("이전\n") }
        struct Stop: Error {}
        #expect(throws: Stop.self) { try AtomicFile.write(to: path, refusing: []) { writer in writer.write("새것\n"); throw Stop() } }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "이전\n")
    }

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-atomic-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "입력\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try AtomicFile.write(to: path, refusing: ["-", path]) { $0.write("x") } }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "입력\n")
    }
}
