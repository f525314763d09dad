import MalmoiCore
import MalmoiMorph
import MalmoiText

extension TaskKind {
    /// Summary writing (abstractive) or sentence picking (extractive).
    public static let summary: TaskKind = "summary"
}

/// The summary task (`summary`): annotators write a summary of a document (`mode: abstractive`) or pick
/// its key sentences (`mode: extractive`), starting from a TextRank/LexRank draft.
///
/// ```swift
/// let task = try SummaryTask(configuration: ["mode": "extractive"], morphemes: nil)
/// let item = Item(id: "news-1", text: article)
/// let draft = task.preAnnotate(item)            // {"sentences":[0,2,4],"summary":"…"}
/// let payload = try task.parse(answer: "1, 3, 5")  // {"sentences":[0,2,4]}
/// task.validate(payload, for: item)
/// ```
/// The document's sentences are the item's `sentences` field when the import gave one (a list of
/// strings, as in the AI Hub and Dacon summary sets), and ``SentenceSplitter``'s otherwise.
/// Payloads: `{"summary": String}` (abstractive; a multi-line answer keeps its line breaks) or
/// `{"sentences": [Int]}` with 0-based sentence indices (typed as 1-based numbers, the way the prompt
/// shows them).
public struct SummaryTask: TaskModule {
    /// `summary`.
    public static let kind: TaskKind = .summary

    /// The project settings.
    public let settings: SummarySettings
    private let validator: SummaryValidator
    private let drafter: ExtractiveDrafter
    private let splitter = SentenceSplitter()
    private let morphemes: (any MorphemeSource)?

    /// Creates the task; drafts use morpheme similarity when a mecab-ko-dic dictionary is found
    /// (`dictionary` names one; `"morphemes": false` keeps character bigrams).
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public init(configuration: JSONObject) throws {
        try self.init(configuration: configuration, morphemes: Analyzer(taskConfiguration: configuration))
    }

    /// Creates the task with an explicit morpheme source (nil: character-bigram similarity).
    /// - Throws: ``TaskError`` `.invalidConfiguration`.
    public init(configuration: JSONObject, morphemes: (any MorphemeSource)?) throws {
        settings = try SummarySettings(configuration: configuration)
        validator = SummaryValidator(settings: settings)
        drafter = ExtractiveDrafter(method: settings.draftMethod, sentenceCount: settings.draftSentences, morphemes: morphemes)
        self.morphemes = morphemes
    }

    /// Abstractive projects: pairwise ROUGE between annotators' summaries of the same document — the
    /// mean P/R/F of ROUGE-1/2/L/Lsum and the quartiles of each F — by morphemes when the dictionary is
    /// present, by characters otherwise (the tokenizer is named in the output).
    public func taskAgreement(for annotations: [Annotation]) -> JSONObject? {
        guard settings.mode == .abstractive else { return nil }
        let tokenizer = morphemes.flatMap { try? RougeTokenizer(.morph, morphemes: $0) } ?? RougeTokenizer(.char)
        var scorer = RougeScorer(tokenizer: tokenizer)
        let aggregate = SummaryAgreement.pairwiseRouge(annotations, scorer: &scorer)
        guard aggregate.count > 0 else { return nil }
        var object = JSONObject([("measure", "summary pairwise rouge"), ("tokenize", .string(morphemes == nil ? "char" : "morph")),
                                 ("pairs", .int(aggregate.count))])
        let mean = aggregate.mean
        for (index, (name, score)) in [("rouge1", mean.rouge1), ("rouge2", mean.rouge2), ("rougeL", mean.rougeL), ("rougeLsum", mean.rougeLsum)].enumerated() {
            object[name] = .object(JSONObject([("p", .number(score.precision)), ("r", .number(score.recall)), ("f", .number(score.fmeasure)),
                                               ("f_quartiles", .array(aggregate.fmeasureQuantiles(variant: index).map { .number($0) }))]))
        }
        return object
    }

    /// The document's sentences.
    public func sentences(of item: Item) -> [String] {
        if let list = item.fields["sentences"]?.arrayValue {
            let texts = list.compactMap(\.stringValue)
            if texts.count == list.count { return texts }
        }
        return splitter.split(item.text)
    }

    public func prompt(for item: Item) -> String {
        var lines: [String] = []
        for (index, sentence) in sentences(of: item).enumerated() { lines.append("\(index + 1)) \(sentence)") }
        lines.append("")
        if let draft = item.preAnnotation, let picked = draft["sentences"]?.arrayValue?.compactMap(\.intValue) {
            lines.append("초안: " + picked.map { String($0 + 1) }.joined(separator: ", "))
        }
        switch settings.mode {
        case .abstractive: lines.append("요약을 쓰세요 (여러 줄이면 마지막에 . 한 줄)")
        case .extractive: lines.append("핵심 문장 \(settings.draftSentences)개의 번호: 1, 3, 5")
        }
        return lines.joined(separator: "\n")
    }

    public var answerHelp: String {
        switch settings.mode {
        case .abstractive: "Write the summary in your own words; end a multi-line summary with a line holding only a period."
        case .extractive: "Type the numbers of the \(settings.draftSentences) key sentences, separated by commas: 1, 3, 5"
        }
    }

    /// Abstractive summaries are typed over several lines, ending with a line holding only `.`.
    public var takesMultilineAnswers: Bool { settings.mode == .abstractive }

    public func parse(answer: String) throws -> JSONValue {
        switch settings.mode {
        case .abstractive:
            var lines = answer.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let last = lines.last, Self.trimmed(last) == "." { lines.removeLast() }
            let text = Self.trimmed(lines.joined(separator: "\n"))
            guard !text.isEmpty else { throw TaskError(.invalidAnswer, "the summary is empty") }
            return .object(JSONObject([("summary", .string(text))]))
        case .extractive:
            var indices: [JSONValue] = []
            for token in answer.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "，" }) where !token.isEmpty {
                guard let number = Int(token), number >= 1 else {
                    throw TaskError(.invalidAnswer, "\"\(token)\" is not a sentence number; \(answerHelp)")
                }
                indices.append(.int(number - 1))
            }
            guard !indices.isEmpty else { throw TaskError(.invalidAnswer, "no sentence chosen; \(answerHelp)") }
            return .object(JSONObject([("sentences", .array(indices))]))
        }
    }

    public func parse(json: JSONValue) throws -> JSONValue {
        switch json {
        case .string(let text): return try parse(answer: text)
        case .object(let object):
            if settings.mode == .abstractive, object["summary"]?.stringValue != nil { return json }
            if settings.mode == .extractive, let list = object["sentences"]?.arrayValue, list.allSatisfy({ $0.intValue != nil }) { return json }
            throw TaskError(.invalidAnswer, settings.mode == .abstractive ? "expected {\"summary\": \"...\"}" : "expected {\"sentences\": [0, 2, 4]}")
        default:
            throw TaskError(.invalidAnswer, "expected a summary text or object, found \(json.typeName)")
        }
    }

    public func validate(_ payload: JSONValue, for item: Item) -> [Finding] {
        let document = sentences(of: item)
        var draft = item.preAnnotation?["summary"]?.stringValue
        if draft == nil, settings.mode == .abstractive, let picked = item.preAnnotation?["sentences"]?.arrayValue {
            draft = picked.compactMap { $0.intValue.flatMap { document.indices.contains($0) ? document[$0] : nil } }.joined(separator: " ")
        }
        return validator.validate(payload, document: document, draft: draft)
    }

    /// The draft: `{"sentences": [indices], "summary": text}` from TextRank or LexRank.
    public func preAnnotate(_ item: Item) -> JSONValue? {
        let document = sentences(of: item)
        guard !document.isEmpty else { return nil }
        let draft = drafter.draft(sentences: document)
        let picked: [JSONValue] = draft.selected.map { JSONValue.int($0) }
        return .object(JSONObject([("sentences", .array(picked)), ("summary", .string(draft.text))]))
    }

    /// Extractive mode: the chosen sentence set per annotator (a set label: MASI and Jaccard alpha), plus
    /// one nominal `"1"`/`"0"` record per sentence (`ITEM#N`) up to the highest sentence anyone chose.
    /// Abstractive summaries have no categorical unit; use ``SummaryAgreement`` (pairwise ROUGE).
    public func agreementRecords(for annotations: [Annotation]) -> [AgreementRecord] {
        guard settings.mode == .extractive else { return [] }
        var records: [AgreementRecord] = []
        var highest: [String: Int] = [:]
        for annotation in annotations {
            let picked = (annotation.payload["sentences"]?.arrayValue ?? []).compactMap(\.intValue)
            highest[annotation.item] = max(highest[annotation.item] ?? -1, picked.max() ?? -1)
            records.append(AgreementRecord(task: "summary-sentence-set", item: annotation.item, annotator: annotation.annotator,
                                           label: .array(picked.sorted().map { .string(String($0)) })))
        }
        for annotation in annotations {
            let picked = Set((annotation.payload["sentences"]?.arrayValue ?? []).compactMap(\.intValue))
            guard let top = highest[annotation.item], top >= 0 else { continue }
            for index in 0...top {
                records.append(AgreementRecord(task: "summary-sentence", item: "\(annotation.item)#\(index)", annotator: annotation.annotator,
                                               label: .string(picked.contains(index) ? "1" : "0")))
            }
        }
        return records
    }

    /// Abstractive: character ROUGE-L F against the gold summary; extractive: Jaccard of the sentence sets.
    public func goldScore(_ payload: JSONValue, gold: JSONValue) -> Double {
        if settings.mode == .extractive {
            let a = Set((payload["sentences"]?.arrayValue ?? []).compactMap(\.intValue))
            let b = Set((gold["sentences"]?.arrayValue ?? []).compactMap(\.intValue))
            let union = a.union(b).count
            return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
        }
        guard let given = payload["summary"]?.stringValue, let wanted = gold["summary"]?.stringValue else { return 0 }
        var scorer = RougeScorer(tokenizer: RougeTokenizer(.char), sentenceMode: .newlines)
        return scorer.score(reference: wanted, candidate: given).rougeL.fmeasure
    }

    public func summary(of payload: JSONValue) -> String {
        if let text = payload["summary"]?.stringValue { return text.replacingNewlines }
        let picked = (payload["sentences"]?.arrayValue ?? []).compactMap(\.intValue).map { String($0 + 1) }
        return "문장 " + picked.joined(separator: ", ")
    }

    /// The abstractive summary, so the workflow can spot an annotator's duplicate summaries.
    public func duplicateText(of payload: JSONValue) -> String? {
        payload["summary"]?.stringValue
    }

    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars.drop { $0.properties.isWhitespace }
        while let last = scalars.last, last.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

extension String {
    fileprivate var replacingNewlines: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" ? " " : $0 }))
    }
}
