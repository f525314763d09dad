import MalmoiCore

/// A KorQuAD (or SQuAD) file: KorQuAD 1.0 / SQuAD 1.1, and the unanswerable form of SQuAD 2.0, and
/// KorQuAD 2.0's article-level context with one `answer` object per question.
///
/// ```swift
/// let dataset = try KorQuADDataset(contentsOf: "Corpora/qa/korquad_sample.json")
/// dataset.articles[0].paragraphs[0].questions[0].answers[0].text   // "세종"
/// try dataset.serialized() == original   // a round trip keeps every key, value and key order
/// ```
/// Layout (KorQuAD 1.0): `{"version", "data": [{"title", "paragraphs": [{"context", "qas": [{"id",
/// "question", "answers": [{"text", "answer_start"}]}]}]}]}`; SQuAD 2.0 adds `is_impossible` and
/// `plausible_answers`; KorQuAD 2.0 puts `context` and `qas` on the article and gives each question an
/// `answer` object (with `html_answer_text`, `html_answer_start`). `answer_start` is a Unicode scalar
/// offset into the context (Python `str` index).
///
/// Every level keeps its original JSON object (``KorQuADQuestion/raw`` and the like), so keys this type
/// does not model (`url`, `raw_html`, `question_type`, …) and the key order survive a round trip.
public struct KorQuADDataset: Hashable, Sendable {
    /// The `version` string, e.g. `KorQuAD_v1.0_dev`.
    public var version: String?
    /// The articles (`data`).
    public var articles: [KorQuADArticle]
    /// The top-level object as read (its `data` is rebuilt from ``articles`` when written).
    public var raw: JSONObject

    /// A dataset.
    public init(version: String?, articles: [KorQuADArticle], raw: JSONObject = JSONObject()) {
        self.version = version
        self.articles = articles
        self.raw = raw
    }

    /// Reads a KorQuAD file.
    /// - Throws: ``QAError`` naming the file and the field path.
    public init(contentsOf path: String) throws {
        let bytes = try Self.readFile(path)
        try self.init(bytes: bytes, path: path)
    }

    /// Parses KorQuAD JSON from bytes; `path` names the source in errors.
    /// - Throws: ``QAError``.
    public init(bytes: [UInt8], path: String = "<input>") throws {
        try self.init(json: try Self.parseJSON(bytes, path: path), path: path)
    }

    /// Parses one JSON document (a dataset or a prediction file); a syntax error names `path`, line and column.
    /// - Throws: ``QAError`` `.invalidJSON`.
    static func parseJSON(_ bytes: [UInt8], path: String) throws -> JSONValue {
        do {
            return try bytes.withUnsafeBufferPointer { try JSONValue.parse($0) }
        } catch let error as JSONSyntaxError {
            let position = SourceLocation.lineAndColumn(ofByte: error.offset, in: bytes)
            throw QAError(.invalidJSON, "column \(position.column): \(error.message)", path: path, line: position.line)
        }
    }

    /// Reads the dataset from a parsed JSON value.
    /// - Throws: ``QAError``.
    public init(json: JSONValue, path: String = "<input>") throws {
        let reader = KorQuADFieldReader(path: path)
        let top = try reader.object(json, "")
        raw = top
        version = try reader.optionalString(top, "version", "")
        articles = try reader.elements(top, "data", "") { try KorQuADArticle(json: $0, field: $1, reader: reader) }
    }

    /// The dataset as JSON, with every key in its original place.
    public var jsonValue: JSONValue {
        var object = raw
        if let version { object["version"] = .string(version) }
        object["data"] = .array(articles.map(\.jsonValue))
        return .object(object)
    }

    /// Compact JSON text.
    public func serialized() -> String { jsonValue.serialized() }

    /// Every question, with its article and paragraph indices.
    public var questions: [(article: Int, paragraph: Int, question: KorQuADQuestion)] {
        var result: [(Int, Int, KorQuADQuestion)] = []
        for (a, article) in articles.enumerated() {
            for (p, paragraph) in article.paragraphs.enumerated() {
                for question in paragraph.questions { result.append((a, p, question)) }
            }
        }
        return result
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        do {
            let reader = try ByteLineReader(path: path)
            var bytes: [UInt8] = []
            try reader.forEachLine { line, _ in
                bytes.append(contentsOf: line)
                bytes.append(0x0A)
            }
            return bytes
        } catch let error as InputError {
            throw QAError(.unreadableFile, error.message, path: path)
        }
    }
}

/// One article: a title and its paragraphs (KorQuAD 2.0: one article-level context, kept as one paragraph).
public struct KorQuADArticle: Hashable, Sendable {
    /// The `title`.
    public var title: String?
    /// The paragraphs; for KorQuAD 2.0 exactly one, holding the article's `context` and `qas`.
    public var paragraphs: [KorQuADParagraph]
    /// Whether `context` and `qas` sit on the article itself (KorQuAD 2.0) instead of in `paragraphs`.
    public var hasArticleContext: Bool
    /// The article object as read.
    public var raw: JSONObject

    /// An article.
    public init(title: String?, paragraphs: [KorQuADParagraph], hasArticleContext: Bool = false, raw: JSONObject = JSONObject()) {
        self.title = title
        self.paragraphs = paragraphs
        self.hasArticleContext = hasArticleContext
        self.raw = raw
    }

    init(json: JSONValue, field: String, reader: KorQuADFieldReader) throws {
        let object = try reader.object(json, field)
        raw = object
        title = try reader.optionalString(object, "title", field)
        if object["paragraphs"] != nil {
            hasArticleContext = false
            paragraphs = try reader.elements(object, "paragraphs", field) {
                try KorQuADParagraph(object: try reader.object($0, $1), field: $1, reader: reader)
            }
        } else if object["context"] != nil {
            hasArticleContext = true
            var inner = object
            for key in object.keys where key != "context" && key != "qas" { inner[key] = nil }
            paragraphs = [try KorQuADParagraph(object: inner, field: field, reader: reader)]
        } else {
            throw QAError(.missingField, "an article needs \"paragraphs\" (KorQuAD 1.0) or \"context\" and \"qas\" (KorQuAD 2.0)",
                          path: reader.path, field: field)
        }
    }

    /// The article as JSON, keys in their original order.
    public var jsonValue: JSONValue {
        var object = raw
        if let title { object["title"] = .string(title) }
        if hasArticleContext, let paragraph = paragraphs.first {
            object["context"] = .string(paragraph.context)
            object["qas"] = .array(paragraph.questions.map(\.jsonValue))
        } else {
            object["paragraphs"] = .array(paragraphs.map(\.jsonValue))
        }
        return .object(object)
    }
}

/// One context with its questions.
public struct KorQuADParagraph: Hashable, Sendable {
    /// The passage; `answer_start` offsets index its Unicode scalars.
    public var context: String
    /// The questions (`qas`).
    public var questions: [KorQuADQuestion]
    /// The paragraph object as read.
    public var raw: JSONObject

    /// A paragraph.
    public init(context: String, questions: [KorQuADQuestion], raw: JSONObject = JSONObject()) {
        self.context = context
        self.questions = questions
        self.raw = raw
    }

    init(object: JSONObject, field: String, reader: KorQuADFieldReader) throws {
        raw = object
        context = try reader.string(object, "context", field)
        questions = try reader.elements(object, "qas", field) { try KorQuADQuestion(json: $0, field: $1, reader: reader) }
    }

    /// The paragraph as JSON, keys in their original order.
    public var jsonValue: JSONValue {
        var object = raw
        object["context"] = .string(context)
        object["qas"] = .array(questions.map(\.jsonValue))
        return .object(object)
    }
}

/// One question and its gold answers.
public struct KorQuADQuestion: Hashable, Sendable {
    /// How the answers were written.
    public enum AnswerForm: String, Hashable, Sendable {
        /// `answers: [...]` (KorQuAD 1.0, SQuAD).
        case list
        /// One `answer: {...}` object (KorQuAD 2.0).
        case single
    }

    /// The question's id (`id`, or KLUE's `guid`).
    public var id: String
    /// The question text.
    public var question: String
    /// The gold answers; empty for an unanswerable question.
    public var answers: [KorQuADAnswer]
    /// SQuAD 2.0's `is_impossible`, when present.
    public var isImpossible: Bool?
    /// SQuAD 2.0's `plausible_answers` (distractor spans of an unanswerable question), when present.
    public var plausibleAnswers: [KorQuADAnswer]?
    /// How the answers were written.
    public var answerForm: AnswerForm
    /// The question object as read.
    public var raw: JSONObject

    /// A question.
    public init(id: String, question: String, answers: [KorQuADAnswer], isImpossible: Bool? = nil,
                plausibleAnswers: [KorQuADAnswer]? = nil, answerForm: AnswerForm = .list, raw: JSONObject = JSONObject()) {
        self.id = id
        self.question = question
        self.answers = answers
        self.isImpossible = isImpossible
        self.plausibleAnswers = plausibleAnswers
        self.answerForm = answerForm
        self.raw = raw
    }

    /// Reads a question object (also used for QA task payloads, which have the same shape).
    /// - Throws: ``QAError``.
    public init(json: JSONValue, field: String = "", path: String = "<input>", requiresID: Bool = true) throws {
        try self.init(json: json, field: field, reader: KorQuADFieldReader(path: path, isLenient: !requiresID), requiresID: requiresID)
    }

    init(json: JSONValue, field: String, reader: KorQuADFieldReader, requiresID: Bool = true) throws {
        let object = try reader.object(json, field)
        raw = object
        if let id = object["id"] ?? object["guid"] {
            self.id = try reader.identifier(id, field.isEmpty ? "id" : field + ".id")
        } else if requiresID {
            throw QAError(.missingField, "missing required field", path: reader.path, field: field.isEmpty ? "id" : field + ".id")
        } else {
            self.id = ""
        }
        question = try reader.optionalString(object, "question", field) ?? ""
        if object["answer"] != nil && object["answers"] == nil {
            answerForm = .single
            let answer = object["answer"]!
            answers = answer.isNull ? [] : [try KorQuADAnswer(json: answer, field: reader.join(field, "answer"), reader: reader)]
        } else {
            answerForm = .list
            if object["answers"] == nil {
                answers = []
            } else {
                answers = try reader.elements(object, "answers", field) { try KorQuADAnswer(json: $0, field: $1, reader: reader) }
            }
        }
        if let value = object["is_impossible"] {
            guard let flag = value.boolValue else {
                throw QAError(.wrongType, "expected true or false, found \(value.typeName)", path: reader.path, field: reader.join(field, "is_impossible"))
            }
            isImpossible = flag
        } else {
            isImpossible = nil
        }
        if object["plausible_answers"] != nil {
            plausibleAnswers = try reader.elements(object, "plausible_answers", field) {
                try KorQuADAnswer(json: $0, field: $1, reader: reader)
            }
        } else {
            plausibleAnswers = nil
        }
    }

    /// Whether the question has no answer in its context (`is_impossible`, or no answers at all).
    public var isUnanswerable: Bool { isImpossible ?? answers.isEmpty }

    /// The question as JSON, keys in their original order (new questions: `id`, `question`, `answers`,
    /// then `is_impossible` and `plausible_answers` when set).
    public var jsonValue: JSONValue {
        var object = raw
        let idKey = raw["guid"] != nil && raw["id"] == nil ? "guid" : "id"
        let readID = raw[idKey].flatMap { $0.stringValue ?? $0.intValue.map(String.init) }
        if !id.isEmpty && readID != id { object[idKey] = .string(id) }
        object["question"] = .string(question)
        switch answerForm {
        case .list: object["answers"] = .array(answers.map(\.jsonValue))
        case .single: object["answer"] = answers.first?.jsonValue ?? .null
        }
        if let isImpossible { object["is_impossible"] = .bool(isImpossible) }
        if let plausibleAnswers { object["plausible_answers"] = .array(plausibleAnswers.map(\.jsonValue)) }
        return .object(object)
    }
}

/// One answer span.
public struct KorQuADAnswer: Hashable, Sendable {
    /// The answer text, as it appears in the context.
    public var text: String
    /// Unicode scalar offset of the answer in the context.
    public var answerStart: Int
    /// The answer object as read (KorQuAD 2.0 adds `html_answer_text`, `html_answer_start`).
    public var raw: JSONObject

    /// An answer.
    public init(text: String, answerStart: Int, raw: JSONObject = JSONObject()) {
        self.text = text
        self.answerStart = answerStart
        self.raw = raw
    }

    init(json: JSONValue, field: String, reader: KorQuADFieldReader) throws {
        let object = try reader.object(json, field)
        raw = object
        text = try reader.string(object, "text", field)
        guard let start = object["answer_start"] else {
            if reader.isLenient {
                answerStart = -1
                return
            }
            throw QAError(.missingField, "missing required field", path: reader.path, field: reader.join(field, "answer_start"))
        }
        guard let value = start.intValue, value >= 0 else {
            throw QAError(.invalidValue, "expected a non-negative integer, found \(start.serialized())", path: reader.path,
                          field: reader.join(field, "answer_start"))
        }
        answerStart = value
    }

    /// End offset (exclusive) in Unicode scalars (`answerStart` is -1 in a payload whose answer is not located yet).
    public var answerEnd: Int { answerStart + text.unicodeScalars.count }

    /// The answer as JSON (new answers: `text`, `answer_start`).
    public var jsonValue: JSONValue {
        var object = raw
        object["text"] = .string(text)
        if answerStart >= 0 || raw["answer_start"] != nil { object["answer_start"] = .int(answerStart) }
        return .object(object)
    }
}

/// MalmoiCore's ``JSONFieldReader`` with errors that are ``QAError``s naming the file and the field path.
struct KorQuADFieldReader {
    /// The reader underneath.
    let fields: JSONFieldReader
    /// Whether an answer may lack `answer_start` (task payloads before the answer is located).
    var isLenient = false

    init(path: String, isLenient: Bool = false) {
        self.isLenient = isLenient
        fields = JSONFieldReader(path: path) { error in
            let code: QAError.Code = switch error.code {
            case .missingField: .missingField
            case .wrongType: .wrongType
            default: .invalidValue
            }
            return QAError(code, error.message, path: path, field: error.location?.field)
        }
    }

    var path: String { fields.path }

    func join(_ parent: String, _ key: String) -> String { fields.field(parent, key) }

    func object(_ value: JSONValue, _ field: String) throws -> JSONObject { try fields.object(value, field) }

    func array(_ object: JSONObject, _ key: String, _ parent: String) throws -> [JSONValue] { try fields.array(object, key, in: parent) }

    /// The elements of the array `key`, each made from its value and its field path (`parent.key[i]`).
    func elements<T>(_ object: JSONObject, _ key: String, _ parent: String,
                     _ make: (JSONValue, String) throws -> T) throws -> [T] {
        try array(object, key, parent).enumerated().map { try make($0.element, join(parent, "\(key)[\($0.offset)]")) }
    }

    func string(_ object: JSONObject, _ key: String, _ parent: String) throws -> String { try fields.string(object, key, in: parent) }

    func optionalString(_ object: JSONObject, _ key: String, _ parent: String) throws -> String? {
        try fields.optionalString(object, key, in: parent)
    }

    func identifier(_ value: JSONValue, _ field: String) throws -> String { try fields.identifier(value, field) }
}

extension KorQuADDataset {
    /// An answer whose text is not the context at its `answer_start`.
    public struct MisplacedAnswer: Hashable, Sendable {
        /// Index of the article in `data`.
        public var article: Int
        /// Index of the paragraph in the article.
        public var paragraph: Int
        /// The question's id.
        public var question: String
        /// The answer.
        public var answer: KorQuADAnswer

        /// `data[A] paragraph P question Q: answer "X" is not at answer_start N`.
        public var description: String {
            "data[\(article)] paragraph \(paragraph) question \(question): answer \"\(answer.text)\" is not at answer_start \(answer.answerStart)"
        }
    }

    /// Every answer that does not match its context (checked as ``QAValidator`` checks answers,
    /// with ``AnswerLocator/holds(_:)``), in file order.
    public func misplacedAnswers() -> [MisplacedAnswer] {
        var result: [MisplacedAnswer] = []
        for (a, article) in articles.enumerated() {
            for (p, paragraph) in article.paragraphs.enumerated() {
                let locator = AnswerLocator(passage: paragraph.context)
                for question in paragraph.questions {
                    for answer in question.answers where !locator.holds(answer) {
                        result.append(MisplacedAnswer(article: a, paragraph: p, question: question.id, answer: answer))
                    }
                }
            }
        }
        return result
    }
}
