import MalmoiCore

/// Converts between KorQuAD files and Malmoi item records (the JSONL that `malmoi import` reads and
/// `malmoi export --format jsonl` writes), losslessly.
///
/// ```swift
/// let dataset = try KorQuADDataset(contentsOf: "dev.json")
/// let lines = KorQuADConverter.items(from: dataset, unit: .paragraph)   // one JSONL object per paragraph
/// let back = try KorQuADConverter.dataset(from: lines)                  // equal to `dataset`
/// ```
/// A paragraph item is `{"id", "text": context, "title", "qas": [...], "korquad": {...}}`: `qas` holds
/// the original question objects, and `korquad` the article, paragraph and dataset objects with their
/// big fields set to null (which keeps their other keys and the key order). A question item (for an
/// answer-validation pass) is `{"id": question id, "text": context, "question", "title", "korquad"}`,
/// with the original question object in `korquad.qa`.
///
/// On the way back, questions written by annotators (QA task payloads in an export line's `annotations`)
/// are appended to their paragraph's `qas`, and answers given in a validation pass are appended to the
/// question's `answers` — the dev-set form with several answers per question.
public enum KorQuADConverter {
    /// What one item stands for.
    public enum Unit: String, Sendable, CaseIterable {
        /// A passage with all its questions (question writing).
        case paragraph
        /// One question over its passage (answer validation).
        case question
    }

    /// The item records of a dataset, in file order.
    public static func items(from dataset: KorQuADDataset, unit: Unit = .paragraph) -> [JSONObject] {
        var records: [JSONObject] = []
        for (a, article) in dataset.articles.enumerated() {
            for (p, paragraph) in article.paragraphs.enumerated() {
                var meta: [(String, JSONValue)] = [("article", .int(a)), ("paragraph", .int(p))]
                if a == 0 && p == 0 {
                    var top = dataset.raw
                    top["data"] = .null
                    meta.append(("dataset_json", .object(top)))
                }
                if p == 0 {
                    var object = article.raw
                    if article.hasArticleContext {
                        object["context"] = .null
                        object["qas"] = .null
                    } else {
                        object["paragraphs"] = .null
                    }
                    meta.append(("article_json", .object(object)))
                }
                if !article.hasArticleContext {
                    var object = paragraph.raw
                    object["context"] = .null
                    object["qas"] = .null
                    meta.append(("paragraph_json", .object(object)))
                }
                switch unit {
                case .paragraph:
                    var record: [(String, JSONValue)] = [("id", .string("\(a)-\(p)")), ("text", .string(paragraph.context))]
                    if let title = article.title { record.append(("title", .string(title))) }
                    record.append(("qas", .array(paragraph.questions.map(\.jsonValue))))
                    record.append(("korquad", .object(JSONObject(meta))))
                    records.append(JSONObject(record))
                case .question:
                    if paragraph.questions.isEmpty {
                        var record: [(String, JSONValue)] = [("id", .string("\(a)-\(p)")), ("text", .string(paragraph.context))]
                        if let title = article.title { record.append(("title", .string(title))) }
                        record.append(("korquad", .object(JSONObject(meta + [("empty", .bool(true))]))))
                        records.append(JSONObject(record))
                    }
                    for (q, question) in paragraph.questions.enumerated() {
                        var record: [(String, JSONValue)] = [("id", .string(question.id)), ("text", .string(paragraph.context)),
                                                             ("question", .string(question.question))]
                        if let title = article.title { record.append(("title", .string(title))) }
                        var questionMeta = q == 0 ? meta : [("article", .int(a)), ("paragraph", .int(p))]
                        questionMeta.append(("qa", question.jsonValue))
                        record.append(("korquad", .object(JSONObject(questionMeta))))
                        records.append(JSONObject(record))
                    }
                }
            }
        }
        return records
    }

    /// Rebuilds a dataset from item records (plain items or export lines with `fields` and `annotations`).
    /// - Parameters:
    ///   - records: the records with where each was read.
    ///   - acceptedOnly: keep only annotations whose latest review accepted them.
    ///   - version: the `version` for a dataset built from scratch.
    /// - Throws: ``QAError`` naming the line and field of a record that cannot be used.
    public static func dataset(from records: [(object: JSONObject, location: SourceLocation?)], acceptedOnly: Bool = false,
                               version: String = "KorQuAD_v1.0") throws -> KorQuADDataset {
        var builder = Builder(version: version)
        for (object, location) in records {
            let path = location?.path ?? "<input>"
            let line = location?.line
            // An export line keeps the input's fields under "fields".
            let isExport = object["record"]?.stringValue == "item"
            var fields = object
            if isExport, let inner = object["fields"]?.objectValue { fields = inner }
            guard let text = object["text"]?.stringValue else {
                throw QAError(.missingField, "missing required field", path: path, line: line, field: "text")
            }
            let id = object["id"].flatMap { $0.stringValue ?? $0.intValue.map(String.init) } ?? "\(builder.dataset.articles.count)"
            let annotations = isExport ? try payloads(of: object, acceptedOnly: acceptedOnly, path: path, line: line) : []
            try builder.add(id: id, text: text, fields: fields, annotations: annotations, path: path, line: line)
        }
        return builder.dataset
    }

    /// Builds a dataset one item at a time, so an export holds the dataset in memory once.
    ///
    /// ```swift
    /// var builder = KorQuADConverter.Builder()
    /// try builder.add(id: item.id, text: item.text, fields: item.fields, annotations: payloads)
    /// builder.dataset.jsonValue
    /// ```
    public struct Builder {
        /// The dataset so far.
        public private(set) var dataset: KorQuADDataset
        private var articleKey: Int?
        private var paragraphKey: Int?
        private var nextQuestionNumber: [String: Int] = [:]

        /// Starts an empty dataset with a `version` (replaced by the items' own dataset object, if any).
        public init(version: String = "KorQuAD_v1.0") {
            dataset = KorQuADDataset(version: version, articles: [], raw: JSONObject([("version", .string(version)), ("data", .array([]))]))
        }

        /// Adds one item: a paragraph item (its original questions, then the annotators' questions) or a
        /// question item (the question, with the answers of a validation pass appended).
        /// - Parameters:
        ///   - id: the item's id (names annotators' questions `ID-N`).
        ///   - text: the passage.
        ///   - fields: the item's fields (`korquad`, `title`, `qas` from `malmoi qa import`).
        ///   - annotations: QA payloads with the field path that names each in errors.
        ///   - path: the file named in errors.
        ///   - line: the line named in errors, when the item was read from one.
        /// - Throws: ``QAError`` naming the field that cannot be used.
        public mutating func add(id: String, text: String, fields: JSONObject, annotations: [(value: JSONValue, field: String)],
                                 path: String, line: Int? = nil) throws {
            let meta = fields["korquad"]?.objectValue
            if let top = meta?["dataset_json"]?.objectValue, dataset.articles.isEmpty {
                dataset.raw = top
                dataset.version = top["version"]?.stringValue
            }
            let a = meta?["article"]?.intValue
            let p = meta?["paragraph"]?.intValue
            // Start a new article when the article index changes (or for every item without one).
            if a == nil || a != articleKey || dataset.articles.isEmpty {
                var raw = JSONObject()
                var hasArticleContext = false
                if let articleObject = meta?["article_json"]?.objectValue {
                    raw = articleObject
                    hasArticleContext = articleObject["context"] != nil && articleObject["paragraphs"] == nil
                } else {
                    raw = JSONObject([("title", .string(fields["title"]?.stringValue ?? id)), ("paragraphs", .null)])
                }
                dataset.articles.append(KorQuADArticle(title: raw["title"]?.stringValue ?? fields["title"]?.stringValue,
                                                       paragraphs: [], hasArticleContext: hasArticleContext, raw: raw))
                articleKey = a
                paragraphKey = nil
            }
            let articleIndex = dataset.articles.count - 1
            if p == nil || p != paragraphKey || dataset.articles[articleIndex].paragraphs.isEmpty {
                var raw = meta?["paragraph_json"]?.objectValue ?? JSONObject([("context", .null), ("qas", .null)])
                if dataset.articles[articleIndex].hasArticleContext { raw = JSONObject() }
                dataset.articles[articleIndex].paragraphs.append(KorQuADParagraph(context: text, questions: [], raw: raw))
                paragraphKey = p
            }
            let paragraphIndex = dataset.articles[articleIndex].paragraphs.count - 1
            var questions = dataset.articles[articleIndex].paragraphs[paragraphIndex].questions
            if let original = meta?["qa"] {
                // A question item: the question, plus the answers of a validation pass.
                var question = try KorQuADQuestion(json: original, field: "korquad.qa", path: path)
                for payload in annotations {
                    let answered = try KorQuADQuestion(json: payload.value, field: payload.field, path: path, requiresID: false)
                    question.answers.append(contentsOf: answered.answers)
                    if question.answerForm == .single && question.answers.count > 1 { question.answerForm = .list }
                }
                questions.append(question)
            } else {
                if meta?["empty"]?.boolValue != true, let list = fields["qas"]?.arrayValue {
                    for (index, element) in list.enumerated() {
                        questions.append(try KorQuADQuestion(json: element, field: "qas[\(index)]", path: path))
                    }
                }
                for payload in annotations {
                    var question = try KorQuADQuestion(json: payload.value, field: payload.field, path: path, requiresID: false)
                    if question.id.isEmpty {
                        var number = nextQuestionNumber[id, default: questions.count]
                        var candidate = "\(id)-\(number)"
                        while questions.contains(where: { $0.id == candidate }) {
                            number += 1
                            candidate = "\(id)-\(number)"
                        }
                        nextQuestionNumber[id] = number + 1
                        question.id = candidate
                        question.raw = JSONObject([("id", .string(candidate))] + question.raw.map { ($0.key, $0.value) })
                    }
                    questions.append(question)
                }
            }
            dataset.articles[articleIndex].paragraphs[paragraphIndex].questions = questions
        }
    }

    /// The QA payloads in an export line's `annotations`, with their field paths.
    private static func payloads(of object: JSONObject, acceptedOnly: Bool, path: String, line: Int?) throws -> [(value: JSONValue, field: String)] {
        guard let list = object["annotations"] else { return [] }
        guard let array = list.arrayValue else {
            throw QAError(.wrongType, "expected an array, found \(list.typeName)", path: path, line: line, field: "annotations")
        }
        var result: [(JSONValue, String)] = []
        for (index, element) in array.enumerated() {
            guard let payload = element["payload"] else {
                throw QAError(.missingField, "missing required field", path: path, line: line, field: "annotations[\(index)].payload")
            }
            if acceptedOnly {
                let verdict = element["reviews"]?.arrayValue?.last?["verdict"]?.stringValue
                if verdict != "accepted" { continue }
            }
            result.append((payload, "annotations[\(index)].payload"))
        }
        return result
    }
}
