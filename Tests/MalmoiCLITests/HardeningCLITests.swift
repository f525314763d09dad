import Foundation
import Testing

/// Unchecked text, numbers, names and exit codes through the real binary (issue 12, items 4–8).
@Suite struct HardeningCLITests {
    private func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    // MARK: item 5, unchecked text

    @Test func agreeCSVWithInvalidUTF8IsAnErrorNamingFileAndLine() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Two different invalid bytes would both become U+FFFD and "agree".
        let csv = Array("item,김,이\n문1,긍정,긍정\n문2,".utf8) + [0xC3] + [0x2C, 0xFF] + Array("\n".utf8)
        let path = try write(csv, "wide.csv", in: directory)
        let result = try MalmoiProcess.run(["agree", "--csv", path], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("wide.csv:3:"))
        #expect(result.stderr.contains("UTF-8"))
    }

    @Test func agreeCSVWithAShortRowIsAnError() throws {
        let result = try MalmoiProcess.run(["agree", "--csv"], input: "item,a,b,c\nq1,1,1,2\nq2,3\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:3"))
    }

    @Test func aLoneSurrogateInJSONLIsALocatedError() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let records = "{\"task\":\"t\",\"item\":\"1\",\"annotator\":\"a\",\"label\":\"긍정\"}\n"
            + "{\"task\":\"t\",\"item\":\"1\",\"annotator\":\"b\",\"label\":\"\\ud800\"}\n"
        let path = try write(Array(records.utf8), "long.jsonl", in: directory)
        let result = try MalmoiProcess.run(["agree", path], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("long.jsonl:2:"))
        #expect(result.stderr.contains("surrogate"))
    }

    @Test func aDuplicateKeyInJSONLIsALocatedError() throws {
        let result = try MalmoiProcess.run(["agree"], input: "{\"task\":\"t\",\"item\":\"1\",\"annotator\":\"a\",\"label\":\"긍정\",\"label\":\"부정\"}\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:1:"))
        #expect(result.stderr.contains("duplicate key \"label\""))
    }

    @Test func qaEvalNamesFileAndLineNotAByteOffset() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gold = try write(Array("{\"version\": \"KorQuAD_v1.0\",\n \"data\": [\n  {\"title\": \"서울\" \"paragraphs\": []}\n]}\n".utf8), "gold.json", in: directory)
        let pred = try write(Array("{}".utf8), "pred.json", in: directory)
        let result = try MalmoiProcess.run(["qa", "eval", "--gold", gold, "--pred", pred], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("gold.json:3:"))
        #expect(!result.stderr.contains("at byte"))
    }

    // MARK: item 7, errors rather than zeros

    @Test func qaEvalWithAGoldQuestionWithoutAnswersIsAnError() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = #"{"version":"KorQuAD_v1.0","data":[{"title":"서울","paragraphs":[{"context":"서울은 수도다.","qas":[{"id":"q1","question":"수도는?","answers":[]}]}]}]}"#
        let gold = try write(Array(json.utf8), "gold.json", in: directory)
        let pred = try write(Array(#"{"q1":"서울"}"#.utf8), "pred.json", in: directory)
        let result = try MalmoiProcess.run(["qa", "eval", "--gold", gold, "--pred", pred], input: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("q1"))
    }

    @Test func summaryRougeOnEmptyInputIsAnError() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let ref = try write([], "ref.txt", in: directory)
        let hyp = try write([], "hyp.txt", in: directory)
        let result = try MalmoiProcess.run(["summary", "rouge", "--ref", ref, "--hyp", hyp, "--tokenize", "eojeol"], input: "")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }

    // MARK: item 6, numbers and names

    @Test(arguments: [
        ["--points", "9223372036854775807"], ["--points", "-5"], ["--overlap", "0"], ["--overlap", "1000000"],
        ["--gold-rate", "2"], ["--gold-rate", "nan"], ["--near-duplicate", "0"], ["--reasons", "ok,\u{1B}[2J"],
    ])
    func anOutOfRangeSettingIsRefusedBeforeTheProjectExists(setting: [String]) throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"] + setting, in: directory)
        #expect(result.status == 2, "\(setting)")
        #expect(!result.stderr.contains("\u{1B}"))
        let list = try WorkflowCLI.run(["project", "list"], in: directory)
        #expect(!list.stdout.contains("감성"))
    }

    @Test(arguments: ["", "   ", "김\n민수", "탭\u{7}"])
    func aBlankOrControlCharacterNameIsRefused(name: String) throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try WorkflowCLI.run(["project", "create", name, "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 2)
        result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0)
        result = try WorkflowCLI.run(["annotate", "--project", "감성", "--annotator", name], in: directory)
        #expect(result.status == 2)
    }

    @Test func namesAreTrimmedAndNFC() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 감성 typed as conjoining jamo (NFD) with spaces around it.
        var result = try WorkflowCLI.run(["project", "create", " \u{1100}\u{1161}\u{11B7}\u{1109}\u{1165}\u{11BC} ", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["project", "show", "감성"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func annotateRetryWithNothingSavedExitsNonZeroAndEscapesIds() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0)
        result = try WorkflowCLI.run(["import", "--project", "감성", "-"], in: directory,
                                     input: "{\"id\":\"a\\u001b[31m1\",\"text\":\"정말 좋아요\"}\n")
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["annotate", "--project", "감성", "--annotator", "김", "--retry"], in: directory,
                                     input: "없는라벨\n또없는라벨\n")
        #expect(result.status != 0)
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stderr.contains("\\u{1B}[31m1"))
    }

    // MARK: item 4, NUL kept intact

    @Test func anEscapedNULInItemTextSurvivesImportAndExport() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0)
        result = try WorkflowCLI.run(["import", "--project", "감성", "-"], in: directory,
                                     input: "{\"id\":\"n1\",\"text\":\"앞\\u0000뒤 문장\"}\n")
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["export", "--project", "감성", "--all"], in: directory)
        #expect(result.status == 0)
        #expect(result.stdout.contains(#"앞\u0000뒤 문장"#))
    }
    @Test func aRawNULInPlainTextSurvivesImportAndExport() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0)
        let path = try write(Array("앞".utf8) + [0] + Array("뒤 평문\n".utf8), "plain.txt", in: directory)
        result = try WorkflowCLI.run(["import", "--project", "감성", path], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        result = try WorkflowCLI.run(["export", "--project", "감성", "--all"], in: directory)
        #expect(result.stdout.contains(#"앞\u0000뒤 평문"#))
    }

    // MARK: item 8, a JSON document given to import

    @Test func importingAKorQuADDocumentNamesTheConvertingCommand() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try WorkflowCLI.run(["project", "create", "질문", "--kind", "qa"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let sample = MalmoiProcess.repository.appendingPathComponent("Corpora/qa/korquad_sample.json").path
        result = try WorkflowCLI.run(["import", "--project", "질문", sample], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("KorQuAD/SQuAD JSON document"))
        #expect(result.stderr.contains("malmoi qa import \(sample)"))
    }

    @Test func importingAJSONArrayIsRefusedWithAHint() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0)
        let path = try write(Array("[\n {\"id\": \"1\", \"text\": \"좋아요\"}\n]\n".utf8), "items.json", in: directory)
        result = try WorkflowCLI.run(["import", "--project", "감성", path], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.contains("one JSON array"))
    }
    // MARK: item 6, empty ids and texts

    @Test(arguments: [(#"{"id":"","text":"좋아요"}"#, "id"), (#"{"id":"e1","text":""}"#, "text"), (#"{"id":"e2","text":"   "}"#, "text"),
                      (#"{"id":" ","text":"좋아요"}"#, "id"), (#"{"id":"e3","text":"\u3000"}"#, "text"),
                      (#"{"schema_version":1,"record":"item","id":"","text":"좋아요","annotations":[]}"#, "id")])
    func anEmptyItemIdOrTextIsRefusedAtImport(line: String, field: String) throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0)
        result = try WorkflowCLI.run(["import", "--project", "감성", "-"], in: directory,
                                     input: #"{"id":"ok","text":"괜찮아요"}"# + "\n" + line + "\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:2: field \"\(field)\""), "\(result.stderr)")
        #expect(result.stderr.contains("empty"))
        #expect(try WorkflowCLI.stats("감성", in: directory)["items"] as? Int == 0)
    }

    @Test func aNULInAnItemIdIsRefusedAtImport() throws {
        let directory = WorkflowCLI.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var result = try WorkflowCLI.run(["project", "create", "감성", "--labels", "긍정,부정"], in: directory)
        #expect(result.status == 0)
        result = try WorkflowCLI.run(["import", "--project", "감성", "-"], in: directory,
                                     input: #"{"id":"앞\u0000뒤","text":"좋아요"}"# + "\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>:1: field \"id\""), "\(result.stderr)")
        #expect(try WorkflowCLI.stats("감성", in: directory)["items"] as? Int == 0)
    }
}
