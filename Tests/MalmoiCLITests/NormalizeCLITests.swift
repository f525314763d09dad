import Foundation
import Testing

@Suite struct NormalizeCLITests {
    @Test func normalizesStandardInputKeepingLines() throws {
        let result = try MalmoiProcess.run(["normalize", "--form", "nfkc"], input: "ＡＢＣ ①번\r\n\n\u{1112}\u{1161}\u{11AB}글\n")
        #expect(result.status == 0)
        #expect(result.stdout == "ABC 1번\r\n\n한글\n")
    }

    @Test func composesJamoBeforeNormalizing() throws {
        let result = try MalmoiProcess.run(["normalize", "--form", "nfkc", "--jamo", "compose"], input: "ㅅㅣㅂㅏㄹ ㅋㅋㅋ\nㄷㅏㄹㄱㅇㅡㄴ")
        #expect(result.status == 0)
        // ㅋ stays a compatibility jamo through reassembly; NFKC then turns it into a conjoining initial.
        #expect(result.stdout == "시발 \u{110F}\u{110F}\u{110F}\n닭은")
    }

    @Test func casefoldsWithNFKCCasefold() throws {
        let result = try MalmoiProcess.run(["normalize", "--form", "nfkc-casefold"], input: "ＳＥＯＵＬ 서울")
        #expect(result.stdout == "seoul 서울")
    }

    @Test func invalidUTF8FailsWithLineAndByteOffsetAndExitCode2() throws {
        var bytes = Data("좋은 줄\n나쁜 ".utf8)
        bytes.append(0xC3)
        bytes.append(Data(" 줄\n".utf8))
        let result = try MalmoiProcess.run(["normalize"], stdin: bytes)
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:2:"))
        #expect(result.stderr.contains("byte offset \(Data("좋은 줄\n나쁜 ".utf8).count)"))
    }

    @Test func lossyReplacesInvalidUTF8() throws {
        var bytes = Data("가".utf8)
        bytes.append(0xFF)
        let result = try MalmoiProcess.run(["normalize", "--lossy"], stdin: bytes)
        #expect(result.status == 0)
        #expect(result.stdout == "가\u{FFFD}")
        #expect(result.stderr.contains("replaced 1 invalid UTF-8"))
    }

    @Test func anUnknownFormIsAUsageErrorWithExitCode2() throws {
        let result = try MalmoiProcess.run(["normalize", "--form", "nfx"], input: "")
        #expect(result.status == 2)
    }

    @Test func readsFilesAndWritesAnOutputFile() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.txt")
        try Data("\u{1100}\u{1161}\n".utf8).write(to: input)
        let output = directory.appendingPathComponent("out.txt")
        let result = try MalmoiProcess.run(["normalize", input.path, "-o", output.path], input: "")
        #expect(result.status == 0)
        #expect(try String(contentsOf: output, encoding: .utf8) == "가\n")
    }

    @Test func aMissingFileIsABadInputError() throws {
        let result = try MalmoiProcess.run(["normalize", "/nonexistent/file.txt"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/file.txt"))
    }

    @Test func anOutputThatIsAlsoAnInputIsRefusedAndTheInputKept() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("same.txt")
        try Data("ＡＢＣ\n한글\n".utf8).write(to: file)
        let result = try MalmoiProcess.run(["normalize", "--form", "nfkc", "-o", file.path, file.path], input: "")
        #expect(result.status == 2)
        #expect(try String(contentsOf: file, encoding: .utf8) == "ＡＢＣ\n한글\n")
    }

    @Test func aFailedRunLeavesAnExistingOutputFileAsItWas() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.txt")
        try Data("이전 결과\n".utf8).write(to: output)
        var bytes = Data("좋은 줄\n".utf8)
        bytes.append(0xFF)
        let result = try MalmoiProcess.run(["normalize", "-o", output.path], stdin: bytes)
        #expect(result.status == 2)
        #expect(try String(contentsOf: output, encoding: .utf8) == "이전 결과\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.txt"])
    }
}
