import Foundation
import Testing

@Suite struct MorphCLITests {
    @Test func mecabFormatIsTheDefaultAndEmptyLinesGiveEOS() throws {
        let result = try MalmoiProcess.run(["morph"], input: "아버지가 방에\n\n")
        #expect(result.status == 0)
        #expect(result.stdout == "아버지\tNNG,*,F,아버지,*,*,*,*\n가\tJKS,*,F,가,*,*,*,*\n방\tNNG,장소,T,방,*,*,*,*\n에\tJKB,*,F,에,*,*,*,*\nEOS\nEOS\n")
    }

    @Test func edgeCaseCorpusIsByteIdenticalToMeCab() throws {
        let folder = MalmoiProcess.repository.appendingPathComponent("Corpora/morph")
        let input = try Data(contentsOf: folder.appendingPathComponent("edge-cases.txt"))
        let expected = try Data(contentsOf: folder.appendingPathComponent("edge-cases.mecab"))
        let result = try MalmoiProcess.run(["morph", "--format", "mecab"], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdoutData == expected)
    }

    /// 1,300 lines make three chunks of the `--jobs` pipeline (512 lines each).
    @Test(arguments: [2, 3])
    func jobsKeepTheInputOrder(_ jobs: Int) throws {
        let lines = (0..<1300).map { "문장 \($0)번: 아버지가 방에 들어가신다 \($0 % 7 == 0 ? "😀" : "")" }
        let input = lines.joined(separator: "\n") + "\n"
        let one = try MalmoiProcess.run(["morph", "--format", "jsonl"], input: input)
        let many = try MalmoiProcess.run(["morph", "--format", "jsonl", "--jobs", "\(jobs)"], input: input)
        #expect(one.status == 0 && many.status == 0)
        #expect(one.stdout == many.stdout)
        #expect(one.stdout.split(separator: "\n").count == 1300)
    }

    /// An error in the middle of the input stops the workers and exits 2 without hanging.
    @Test func invalidUTF8WithJobsStopsTheWorkers() throws {
        var bytes = Data(String(repeating: "아버지가 방에 들어가신다\n", count: 1200).utf8)
        bytes.append(contentsOf: [0xFF, 0x0A])
        bytes.append(Data(String(repeating: "방에\n", count: 100).utf8))
        let failed = try MalmoiProcess.run(["morph", "--jobs", "2"], stdin: bytes)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("<stdin>:1201:1: invalid UTF-8 at byte 1"), "\(failed.stderr)")
    }

    @Test func wakatiAndConlluFormats() throws {
        let wakati = try MalmoiProcess.run(["morph", "--format", "wakati"], input: "아버지가 방에\n")
        #expect(wakati.stdout == "아버지 가 방 에 \n")
        let conllu = try MalmoiProcess.run(["morph", "--format", "conllu"], input: "방에\n")
        #expect(conllu.stdout == "# sent_id = 1\n# text = 방에\n1\t방에\t방+에\tNOUN\tNNG+JKB\t_\t_\t_\t_\t_\n\n")
    }

    @Test func nbestPrintsSeveralBlocks() throws {
        let result = try MalmoiProcess.run(["morph", "--nbest", "3"], input: "아버지가방에\n")
        #expect(result.stdout.components(separatedBy: "EOS\n").count == 4)
    }

    @Test func invalidUTF8FailsWithLineAndByteOrIsRepairedWithLossy() throws {
        var bytes = Data("좋은 줄\n나쁜 ".utf8)
        bytes.append(0xC3)
        bytes.append(Data(" 줄\n".utf8))
        let failed = try MalmoiProcess.run(["morph"], stdin: bytes)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("<stdin>:2:\(Data("나쁜 ".utf8).count + 1): invalid UTF-8 at byte \(Data("나쁜 ".utf8).count + 1)"))
        let repaired = try MalmoiProcess.run(["morph", "--lossy", "--format", "wakati"], stdin: bytes)
        #expect(repaired.status == 0)
        #expect(repaired.stdout == "좋 은 줄 \n나쁘 ᆫ \u{FFFD} 줄 \n" || repaired.stdout.contains("\u{FFFD}"))
    }

    @Test func userDictionaryOptionAddsWords() throws {
        let csv = MalmoiProcess.repository.appendingPathComponent("Corpora/morph/user-dictionary.csv").path
        let result = try MalmoiProcess.run(["morph", "--format", "wakati", "--user-dict", csv], input: "말모이를\n")
        #expect(result.stdout == "말모이 를 \n")
    }

    @Test func whereReportsTheDictionaryAndAMissingOneExitsWith2() throws {
        let found = try MalmoiProcess.run(["morph", "--where"], input: "")
        #expect(found.status == 0)
        #expect(FileManager.default.fileExists(atPath: found.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "/sys.dic"))
        let missing = try MalmoiProcess.run(["morph", "--dict", "/nonexistent/mecab-ko-dic"], input: "가\n")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/mecab-ko-dic/sys.dic"))
    }

    @Test func badFormatIsAUsageError() throws {
        let result = try MalmoiProcess.run(["morph", "--format", "xml"], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("--format"))
    }
}
