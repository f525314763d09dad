import MalmoiCore
import MalmoiMorph

extension TaskKind {
    /// KorQuAD-style question–answer collection.
    public static let qa: TaskKind = "qa"
}

/// The QA task (`qa`): annotators write a question and its answer span over a passage (`mode: write`),
/// or answer an existing question without seeing the first answer (`mode: answer`, the validation pass).
///
/// ```swift
/// let task = try QATask(configuration: ["allow_unanswerable": true], morphemes: nil)
/// let payload = try task.parse(answer: "훈민정음을 만든 임금은 누구인가? | 세종", for: item)
/// // {"question":"훈민정음을 만든 임금은 누구인가?","answers":[{"text":"세종","answer_start":24}]}
/// task.validate(payload, for: item)   // [Finding]
/// ```
/// The payload is a KorQuAD question object, so export is direct: `{"question", "answers": [{"text",
/// "answer_start"}]}`, or `{"question", "answers": [], "is_impossible": true}` (with
/// `plausible_answers` when given). In answer mode the payload is `{"answers": [...]}` (or
/// `{"answers": [], "is_impossible": true}`) and the question is the item's `question` field.
/// `answer_start` is a Unicode scalar offset into the item's text.
///
/// Typed answers: `질문 | 답` (write) or `답` (answer). When the answer occurs more than once the
/// annotator is shown the occurrences with their context, numbered, and adds `#N` (`질문 | 서울 #2`).
/// `-` as the answer marks an unanswerable question (`질문 | - | 그럴듯한 오답` adds a plausible answer).
/// Resolving the occurrence needs the passage, so the annotate loop should call
/// ``parse(answer:for:)``; ``parse(answer:)`` leaves `answer_start` out and validation then asks for it.
public struct QATask: TaskModule {
    /// `qa`.
    public static let kind: TaskKind = .qa

    /// The project settings.
    public let settings: QASettings
    private let validator: QAValidator

    /// Creates the task; the particle check uses mecab-ko-dic when one is found (`dictionary` names a
    /// directory; `"morphemes": false` turns the analyzer off).
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public init(configuration: JSONObject) throws {
        try self.init(configuration: configuration, morphemes: Analyzer(taskConfiguration: configuration))
    }

    /// Creates the task with an explicit morpheme source (nil: the particle check is skipped).
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public init(configuration: JSONObject, morphemes: (any MorphemeSource)?) throws {
        settings = try QASettings(configuration: configuration)
        validator = QAValidator(settings: settings, morphemes: morphemes)
    }

    public func prompt(for item: Item) -> String {
        var lines: [String] = []
        if let title = item.fields["title"]?.stringValue { lines.append("[\(title)]") }
        lines.append(item.text)
        lines.append("")
        switch settings.mode {
        case .write:
            let asked = QAValidator.existingQuestions(item)
            if !asked.isEmpty { lines.append("이미 있는 질문: " + asked.joined(separator: " / ")) }
            lines.append("질문 | 답" + (settings.allowsUnanswerable ? " (답이 없으면 -)" : ""))
        case .answer:
            lines.append("질문: " + (item.fields["question"]?.stringValue ?? "?"))
            lines.append("답" + (settings.allowsUnanswerable ? " (답이 없으면 -)" : ""))
        }
        return lines.joined(separator: "\n")
    }

    public var answerHelp: String {
        let first = settings.mode == .write ? "Type the question, |, and the answer copied from the passage: 세종은 언제 태어났나? | 1397년"
                                            : "Type the answer copied from the passage: 1397년"
        return first + ". If the answer occurs more than once, add #N to pick the occurrence (서울 #2)"
            + (settings.allowsUnanswerable ? "; type - as the answer when the passage does not answer the question." : ".")
    }

    /// Parses a typed answer without the passage: `answer_start` stays unresolved (see ``parse(answer:for:)``).
    public func parse(answer: String) throws -> JSONValue {
        try typed(answer).payload(start: nil)
    }

    /// Parses a typed answer and locates it in the passage.
    /// - Throws: ``TaskError`` `.invalidAnswer` when the answer is not in the passage, or occurs several
    ///   times and no `#N` says which (the message lists the numbered occurrences with context).
    public func parse(answer: String, for item: Item) throws -> JSONValue {
        let parsed = try typed(answer)
        guard let text = parsed.answer else { return parsed.payload(start: nil) }
        let locator = AnswerLocator(passage: item.text)
        let found = locator.occurrences(of: text)
        guard !found.isEmpty else {
            throw TaskError(.invalidAnswer, "\"\(text)\" does not occur in the passage; copy the answer exactly as it is written there")
        }
        if let choice = parsed.occurrence {
            guard choice >= 1, choice <= found.count else {
                throw TaskError(.invalidAnswer, "\"\(text)\" occurs \(found.count) time(s); #\(choice) is not one of them")
            }
            return parsed.payload(start: found[choice - 1])
        }
        guard found.count == 1 else {
            let length = text.unicodeScalars.count
            let list = found.enumerated().map { "  \($0.offset + 1)) \(locator.context(at: $0.element, length: length))" }.joined(separator: "\n")
            throw TaskError(.invalidAnswer, "\"\(text)\" occurs \(found.count) times; type the answer again with #N for the one you mean:\n\(list)")
        }
        return parsed.payload(start: found[0])
    }

    /// Reads a JSON answer: a typed string, or a payload object (KorQuAD question shape).
    public func parse(json: JSONValue) throws -> JSONValue {
        if case .string(let text) = json { return try parse(answer: text) }
        return try checkedPayload(json)
    }

    /// Reads a JSON answer, locating a typed string in the passage.
    public func parse(json: JSONValue, for item: Item) throws -> JSONValue {
        if case .string(let text) = json { return try parse(answer: text, for: item) }
        return try checkedPayload(json)
    }

    public func validate(_ payload: JSONValue, for item: Item) -> [Finding] {
        validator.validate(payload, for: item)
    }

    /// Answer mode: one record per annotation with the answer as a span list (`[]` when unanswerable),
    /// for Krippendorff's alpha over spans. Write mode has no shared unit across annotators (each writes
    /// a different question) and gives no records; pair a write project with an answer-mode project.
    public func agreementRecords(for annotations: [Annotation]) -> [AgreementRecord] {
        guard settings.mode == .answer else { return [] }
        return annotations.map { annotation in
            let spans: [JSONValue] = (annotation.payload["answers"]?.arrayValue ?? []).compactMap { answer in
                guard let start = answer["answer_start"]?.intValue, let text = answer["text"]?.stringValue else { return nil }
                return .object(JSONObject([("start", .int(start)), ("end", .int(start + text.unicodeScalars.count)), ("label", "answer")]))
            }
            return AgreementRecord(task: "qa-answer-span", item: annotation.item, annotator: annotation.annotator, label: .array(spans))
        }
    }

    /// Pairwise agreement of annotators' answers to the same question: KorQuAD exact match and
    /// character F1 (0–1), exact span and span IoU on scalar offsets.
    public func taskAgreement(for annotations: [Annotation]) -> JSONObject? {
        let report = QAAgreement.measure(annotations)
        guard report.pairs > 0 else { return nil }
        return JSONObject([("measure", "qa pairwise answers"), ("items", .int(report.items)), ("pairs", .int(report.pairs)),
                           ("exact_match", .number(report.exactMatch)), ("f1", .number(report.f1)),
                           ("exact_span", .number(report.exactSpan)), ("span_iou", .number(report.spanIoU))])
    }

    /// KorQuAD character F1 of the first answer against the gold answers (a payload of the same shape);
    /// unanswerable matches unanswerable.
    public func goldScore(_ payload: JSONValue, gold: JSONValue) -> Double {
        let given = (payload["answers"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        let wanted = (gold["answers"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        if given.isEmpty { return wanted.isEmpty ? 1 : 0 }
        return KorQuADMetric.f1(given[0], golds: wanted)
    }

    public func summary(of payload: JSONValue) -> String {
        let answers = (payload["answers"]?.arrayValue ?? []).compactMap { answer -> String? in
            guard let text = answer["text"]?.stringValue else { return nil }
            return answer["answer_start"]?.intValue.map { "\(text) @\($0)" } ?? text
        }
        let answer = answers.isEmpty ? "(답 없음)" : answers.joined(separator: ", ")
        if let question = payload["question"]?.stringValue { return "Q: \(question) → A: \(answer)" }
        return "A: \(answer)"
    }

    /// The question, so the workflow can spot an annotator writing the same question twice.
    public func duplicateText(of payload: JSONValue) -> String? {
        guard settings.mode == .write, let question = payload["question"]?.stringValue, !question.isEmpty else { return nil }
        return question
    }

    // MARK: - Typed answers

    private struct Typed {
        var question: String?
        var answer: String?
        var occurrence: Int?
        var plausible: String?

        func payload(start: Int?) -> JSONValue {
            var pairs: [(String, JSONValue)] = []
            if let question { pairs.append(("question", .string(question))) }
            if let answer {
                var answerPairs: [(String, JSONValue)] = [("text", .string(answer))]
                if let start { answerPairs.append(("answer_start", .int(start))) }
                pairs.append(("answers", .array([.object(JSONObject(answerPairs))])))
            } else {
                pairs.append(("answers", .array([])))
                pairs.append(("is_impossible", .bool(true)))
                if let plausible { pairs.append(("plausible_answers", .array([.object(JSONObject([("text", .string(plausible))]))]))) }
            }
            return .object(JSONObject(pairs))
        }
    }

    private func typed(_ line: String) throws -> Typed {
        var parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0) }
        var result = Typed()
        if settings.mode == .write {
            guard parts.count >= 2 else {
                throw TaskError(.invalidAnswer, "type the question, then | and the answer: 세종은 언제 태어났나? | 1397년")
            }
            result.question = Self.trimmed(parts.removeFirst())
            if result.question!.isEmpty { throw TaskError(.invalidAnswer, "the question is empty") }
        }
        guard !parts.isEmpty else { throw TaskError(.invalidAnswer, "the answer is empty") }
        var answer = parts.removeFirst()
        if Self.trimmed(answer) == "-" {
            guard settings.allowsUnanswerable else {
                throw TaskError(.invalidAnswer, "this project does not take unanswerable questions; give the answer from the passage")
            }
            if let plausible = parts.first.map(Self.trimmed), !plausible.isEmpty { result.plausible = plausible }
            return result
        }
        guard parts.isEmpty else { throw TaskError(.invalidAnswer, "too many | separators; type 질문 | 답") }
        // "#N" at the end picks the occurrence.
        let scalars = Array(answer.unicodeScalars)
        if let hash = scalars.lastIndex(of: "#"), hash + 1 < scalars.count,
           let number = Int(String(String.UnicodeScalarView(scalars[(hash + 1)...])).trimmingSpaces),
           hash > 0, scalars[hash - 1].properties.isWhitespace {
            result.occurrence = number
            answer = String(String.UnicodeScalarView(scalars[..<hash]))
        }
        // The typed answer is trimmed of the spaces around the | separator; the validator still checks
        // spaces or punctuation inside the span itself.
        let text = Self.trimmed(answer)
        guard !text.isEmpty else { throw TaskError(.invalidAnswer, "the answer is empty; copy it from the passage") }
        result.answer = text
        return result
    }

    private func checkedPayload(_ json: JSONValue) throws -> JSONValue {
        do {
            let question = try KorQuADQuestion(json: json, requiresID: false)
            if settings.mode == .write && question.question.isEmpty {
                throw TaskError(.invalidAnswer, "the payload needs a \"question\"")
            }
            return json
        } catch let error as QAError {
            throw TaskError(.invalidAnswer, error.description)
        }
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars.drop { $0.properties.isWhitespace }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension String {
    fileprivate var trimmingSpaces: String { QATask.trimmed(self) }
}
