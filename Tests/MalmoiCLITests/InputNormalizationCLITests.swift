import Foundation
import Testing

/// `--normalize` on the commands that read text, with the input users have: decomposed Hangul (macOS),
/// full-width Latin and digits, circled numbers, conjoining jamo, a BOM in the middle, mixed forms.
@Suite struct InputNormalizationCLITests {
    static let sentence = "아버지가 방에 들어가신다"

    static func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }
    static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }
    static func nfkc(_ text: String) -> String { text.precomposedStringWithCompatibilityMapping }
    static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }
    /// What the step does to a piece of text: the form, and U+FEFF removed.
    static func stepped(_ text: String, nfkc compatibility: Bool) -> [Unicode.Scalar] {
        let normal = compatibility ? nfkc(text) : nfc(text)
        return scalars(normal).filter { $0 != "\u{FEFF}" }
    }

    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        /// The text as a user has it.
        var input: String
        /// The same text as typed in NFC (NFKC with `nfkc`).
        var normal: String
        var nfkc = false
        var testDescription: String { name }
    }

    static let conjoined = "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}"

    static let variants: [Variant] = [
        Variant(name: "NFD", input: nfd(sentence), normal: sentence),
        Variant(name: "full-width Latin and digits", input: "ＫＴＸ는 ２０２４년에 들어간다", normal: "KTX는 2024년에 들어간다", nfkc: true),
        Variant(name: "circled numbers", input: "①번 방에 들어간다", normal: "1번 방에 들어간다", nfkc: true),
        Variant(name: "conjoining jamo", input: conjoined + "을 배운다", normal: "한글을 배운다"),
        Variant(name: "BOM in the middle", input: "방에\u{FEFF} 들어가신다", normal: "방에 들어가신다"),
        // A BOM at the very start of the input is the file's and is skipped by the reader; this one is inside the line.
        Variant(name: "mixed forms in one line", input: nfd("아버지가") + "\u{FEFF} ＫＴＸ ①호차에 " + conjoined + " 방에",
                normal: "아버지가 KTX 1호차에 한글 방에", nfkc: true),
    ]

    // MARK: morph

    @Test(arguments: variants)
    func morphAnalyzesTheNormalizedText(_ variant: Variant) throws {
        let form = variant.nfkc ? "nfkc" : "nfc"
        let user = try MalmoiProcess.run(["morph", "--normalize", form], input: variant.input + "\n")
        let typed = try MalmoiProcess.run(["morph", "--normalize", "none"], input: variant.normal + "\n")
        #expect(user.status == 0 && typed.status == 0)
        #expect(user.stdoutData == typed.stdoutData, "\(user.stdout)")
        #expect(!user.stdout.contains("UNKNOWN"))
    }

    @Test func morphWithoutNormalizationReadsNFDAsUnknownWords() throws {
        let raw = try MalmoiProcess.run(["morph", "--normalize", "none"], input: Self.nfd(Self.sentence) + "\n")
        #expect(raw.stdout.contains("UNKNOWN"))
    }

    /// Every token's `start`/`end` index the line as given: the original slice, normalized, is the surface.
    @Test(arguments: variants)
    func morphJSONLOffsetsIndexTheOriginalLine(_ variant: Variant) throws {
        let form = variant.nfkc ? "nfkc" : "nfc"
        let result = try MalmoiProcess.run(["morph", "--format", "jsonl", "--normalize", form], input: variant.input + "\n")
        #expect(result.status == 0)
        let record = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let text = try #require(record["text"] as? String)
        #expect(Self.scalars(text) == Self.scalars(variant.input))
        let original = Self.scalars(variant.input)
        let tokens = try #require(record["tokens"] as? [[String: Any]])
        #expect(!tokens.isEmpty)
        var surfaces: [Unicode.Scalar] = []
        for token in tokens {
            let start = try #require(token["start"] as? Int)
            let end = try #require(token["end"] as? Int)
            let surface = try #require(token["surface"] as? String)
            let slice = String(String.UnicodeScalarView(original[start..<end]))
            #expect(Self.stepped(slice, nfkc: variant.nfkc) == Self.scalars(surface), "\(surface) at \(start)..<\(end)")
            surfaces += Self.scalars(surface)
        }
        #expect(surfaces == Self.scalars(variant.normal).filter { $0 != " " })
    }

    /// NFC input keeps MeCab's bytes: the default (`nfc`) and `none` print the same analysis.
    @Test func morphOnNFCInputIsTheSameWithAndWithoutTheStep() throws {
        let input = try Data(contentsOf: MalmoiProcess.repository.appendingPathComponent("Corpora/morph/edge-cases.txt"))
        let expected = try Data(contentsOf: MalmoiProcess.repository.appendingPathComponent("Corpora/morph/edge-cases.mecab"))
        let normal = try MalmoiProcess.run(["morph"], stdin: input)
        let raw = try MalmoiProcess.run(["morph", "--normalize", "none"], stdin: input)
        let jobs = try MalmoiProcess.run(["morph", "--jobs", "2"], stdin: input)
        #expect(normal.stdoutData == expected)
        #expect(raw.stdoutData == expected)
        #expect(jobs.stdoutData == expected)
    }

    // MARK: summary

    static func write(_ lines: [String], _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    static func rougeF(_ result: MalmoiProcess.Result) throws -> Double {
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let mean = try #require(object["mean"] as? [String: [String: Double]])
        return try #require(mean["rouge1"]?["f"])
    }

    @Test(arguments: variants)
    func rougeScoresTheUserTextAsItsNormalForm(_ variant: Variant) throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = try Self.write([variant.normal], "ref.txt", in: directory)
        let candidate = try Self.write([variant.input], "hyp.txt", in: directory)
        let form = variant.nfkc ? "nfkc" : "nfc"
        for tokenize in ["eojeol", "char", "morph"] {
            let result = try MalmoiProcess.run(["summary", "rouge", "--ref", reference, "--hyp", candidate, "--tokenize", tokenize,
                                                "--normalize", form, "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.rougeF(result) == 1.0, "\(tokenize)")
        }
        let raw = try MalmoiProcess.run(["summary", "rouge", "--ref", reference, "--hyp", candidate, "--tokenize", "eojeol",
                                         "--normalize", "none", "--format", "json"])
        #expect(try Self.rougeF(raw) < 1.0)
    }

    @Test func draftSentenceOffsetsIndexTheOriginalDocument() throws {
        let document = Self.nfd("세종대왕은 한글을 만들었다. ") + "ＫＴＸ는 \u{FEFF}빠르다. " + Self.nfd("서울에서 부산까지 두 시간이 걸린다.")
        let result = try MalmoiProcess.run(["summary", "draft", "--input", "text", "--similarity", "bigram", "--sentences", "2",
                                            "--normalize", "nfkc"], input: document + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let sentences = try #require(object["sentences"] as? [[String: Any]])
        #expect(sentences.count == 3)
        let original = Self.scalars(document)
        var previousEnd = 0
        for sentence in sentences {
            let start = try #require(sentence["start"] as? Int)
            let end = try #require(sentence["end"] as? Int)
            let text = try #require(sentence["text"] as? String)
            #expect(start >= previousEnd && end <= original.count)
            #expect(Self.scalars(text) == Array(original[start..<end]))
            previousEnd = end
        }
        let first = try #require(sentences.first?["text"] as? String)
        #expect(Self.stepped(first, nfkc: true) == Self.scalars("세종대왕은 한글을 만들었다."))
        let summary = try #require(object["summary"] as? String)
        #expect(Self.scalars(summary) == Self.scalars(Self.nfkc(summary)).filter { $0 != "\u{FEFF}" })
    }

    // MARK: qa eval

    static func korquad(_ answers: [(id: String, gold: String)]) -> String {
        let context = answers.map(\.gold).joined(separator: " ")
        var start = 0
        var questions: [[String: Any]] = []
        for answer in answers {
            questions.append(["id": answer.id, "question": "무엇인가?", "answers": [["text": answer.gold, "answer_start": start]]])
            start += answer.gold.unicodeScalars.count + 1
        }
        let object: [String: Any] = ["version": "KorQuAD_v1.0", "data": [["title": "정규화", "paragraphs": [["context": context, "qas": questions]]]]]
        let data = try! JSONSerialization.data(withJSONObject: object)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func qaEvalWarnsByDefaultAndScoresEqualUnderNormalization() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gold = directory.appendingPathComponent("gold.json")
        try Data(Self.korquad([("q-nfd", "세종대왕"), ("q-wide", "1446년"), ("q-same", "훈민정음"), ("q-wrong", "집현전")]).utf8).write(to: gold)
        let predictions: [String: String] = ["q-nfd": Self.nfd("세종대왕"), "q-wide": "１４４６년", "q-same": "훈민정음", "q-wrong": "경복궁"]
        let pred = directory.appendingPathComponent("pred.json")
        try JSONSerialization.data(withJSONObject: predictions).write(to: pred)

        func exactMatch(_ extra: [String]) throws -> (Double, String) {
            let result = try MalmoiProcess.run(["qa", "eval", "--gold", gold.path, "--pred", pred.path, "--format", "json"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
            return (try #require(object["exact_match"] as? Double), result.stderr)
        }
        let (official, warnings) = try exactMatch([])
        #expect(official == 25.0)
        #expect(warnings.contains("--normalize nfc scores them equal): q-nfd"), "\(warnings)")
        #expect(warnings.contains("--normalize nfkc scores them equal): q-wide"), "\(warnings)")
        #expect(!warnings.contains("q-same") && !warnings.contains("q-wrong"))
        #expect(try exactMatch(["--normalize", "none"]).0 == 25.0)
        let (nfc, quiet) = try exactMatch(["--normalize", "nfc"])
        #expect(nfc == 50.0)
        #expect(!quiet.contains("normalization"))
        #expect(try exactMatch(["--normalize", "nfkc"]).0 == 75.0)
    }

    // MARK: qa import

    /// An NFD KorQuAD file (offsets counted in its decomposed context) becomes NFC items whose
    /// `answer_start` still points at each answer.
    @Test func qaImportMovesAnswerStartsWithTheContext() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let context = Self.nfd("훈민정음은 세종이 1446년에 펴냈다.") + " ＫＴＸ\u{FEFF}와 ①번 " + Self.nfd("한글")
        func start(of answer: String) -> Int {
            let scalars = Self.scalars(context)
            let needle = Self.scalars(answer)
            return (0...(scalars.count - needle.count)).first { Array(scalars[$0..<($0 + needle.count)]) == needle }!
        }
        let answers = [Self.nfd("세종"), Self.nfd("1446년"), "①번", Self.nfd("한글")]
        let qas: [[String: Any]] = answers.enumerated().map { index, answer in
            ["id": "q\(index)", "question": Self.nfd("무엇인가?"), "answers": [["text": answer, "answer_start": start(of: answer)]]]
        }
        let object: [String: Any] = ["version": "KorQuAD_v1.0", "data": [["title": Self.nfd("한글"), "paragraphs": [["context": context, "qas": qas]]]]]
        let file = directory.appendingPathComponent("nfd.json")
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        for (form, compatibility) in [("nfc", false), ("nfkc", true)] {
            let result = try MalmoiProcess.run(["qa", "import", file.path, "--normalize", form])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("do not match"), "\(result.stderr)")
            let item = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
            let text = try #require(item["text"] as? String)
            #expect(Self.scalars(text) == Self.stepped(context, nfkc: compatibility))
            let stored = Self.scalars(text)
            let questions = try #require(item["qas"] as? [[String: Any]])
            #expect(questions.count == answers.count)
            for question in questions {
                let answer = try #require((question["answers"] as? [[String: Any]])?.first)
                let answerText = Self.scalars(try #require(answer["text"] as? String))
                let answerStart = try #require(answer["answer_start"] as? Int)
                #expect(Array(stored[answerStart..<(answerStart + answerText.count)]) == answerText, "\(form) \(answerText)")
            }
        }
        let raw = try MalmoiProcess.run(["qa", "import", file.path, "--normalize", "none"])
        let item = try #require(try JSONSerialization.jsonObject(with: raw.stdoutData) as? [String: Any])
        #expect(Self.scalars(try #require(item["text"] as? String)) == Self.scalars(context))
    }

    // MARK: abuse scan

    /// Hits found in the normalized message are reported at the characters of the message as given.
    @Test(arguments: [
        ("야 " + nfd("씨발") + " 진짜", "씨발"),
        ("야\u{FEFF} 씨발 진짜", "씨발"),
        (nfd("진짜") + "\u{FEFF} ＡＢ 씨" + "\u{FEFF}" + "발 ①", "씨발"),
        ("\u{110A}\u{1175}\u{1107}\u{1161}\u{11AF} 진짜", "씨발"),
    ])
    func abuseHitsIndexTheOriginalMessage(_ message: String, _ word: String) throws {
        let result = try MalmoiProcess.run(["abuse", "scan"], input: message + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(object["flagged"] as? Bool == true)
        let hit = try #require((object["hits"] as? [[String: Any]])?.first)
        let start = try #require(hit["start"] as? Int)
        let end = try #require(hit["end"] as? Int)
        let original = Self.scalars(message)
        #expect(Self.scalars(try #require(hit["surface"] as? String)) == Array(original[start..<end]))
        #expect(Self.stepped(String(String.UnicodeScalarView(original[start..<end])), nfkc: false) == Self.scalars(word))
        #expect(hit["canonical"] as? String == word)
    }

    // MARK: import and annotate

    /// `import --normalize nfkc` stores the folded text and moves declared offsets with it; a typed
    /// QA answer in NFD is located in the stored NFC passage.
    @Test func importAndTypedAnswersGoThroughTheStep() throws {
        let directory = try MalmoiProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let create = try MalmoiProcess.run(["project", "create", "qa-nfd", "--kind", "qa"], directory: directory)
        #expect(create.status == 0, "\(create.stderr)")
        let passage = Self.nfd("세종은 1446년에 훈민정음을 펴냈다.") + "\u{FEFF} ＫＴＸ"
        let line = try JSONSerialization.data(withJSONObject: ["id": "p1", "text": passage])
        let items = directory.appendingPathComponent("items.jsonl")
        try (line + Data("\n".utf8)).write(to: items)
        let imported = try MalmoiProcess.run(["import", "--project", "qa-nfd", "--normalize", "nfkc", items.path], directory: directory)
        #expect(imported.status == 0, "\(imported.stderr)")
        let answer = Self.nfd("훈민정음을 펴낸 해는 언제인가? | 1446년") + "\n"
        let annotate = try MalmoiProcess.run(["annotate", "--project", "qa-nfd", "--annotator", "kim"], input: answer, directory: directory)
        #expect(annotate.status == 0, "\(annotate.stdout)\(annotate.stderr)")
        let export = try MalmoiProcess.run(["export", "--project", "qa-nfd", "--format", "jsonl", "--all"], directory: directory)
        #expect(export.status == 0, "\(export.stderr)")
        let record = try #require(export.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.first { $0["record"] as? String == "item" })
        let text = Self.scalars(try #require(record["text"] as? String))
        #expect(text == Self.scalars("세종은 1446년에 훈민정음을 펴냈다. KTX"))
        let annotation = try #require((record["annotations"] as? [[String: Any]])?.first)
        let payload = try #require(annotation["payload"] as? [String: Any])
        #expect(Self.scalars(try #require(payload["question"] as? String)) == Self.scalars("훈민정음을 펴낸 해는 언제인가?"))
        let start = try #require((payload["answers"] as? [[String: Any]])?.first?["answer_start"] as? Int)
        #expect(start == 4)
        #expect(Array(text[start..<(start + 5)]) == Self.scalars("1446년"))
    }
}
