import MalmoiMorph
import MalmoiCore

extension TaskKind {
    /// Morpheme correction: confirm or correct the analyzer's morpheme analysis of a sentence.
    public static let morph: TaskKind = "morph"
}

/// The morpheme correction task (`morph`): the annotator sees the analyzer's analysis of a sentence
/// and confirms it or types the corrected analysis on one line (`Guidelines/morph.md`).
///
/// ```swift
/// let task = try MorphCorrectionTask(configuration: [:])        // finds mecab-ko-dic if installed
/// let item = Item(id: "s1", text: "아버지가 방에 들어가신다")
/// task.prompt(for: item)             // the sentence and the draft 아버지/NNG 가/JKS … 시/EP+ㄴ다/EC
/// try task.parse(answer: "", for: item)                                   // the draft, confirmed
/// try task.parse(answer: "아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 신다/EP+EC", for: item)
/// task.validate(payload, for: item)  // spelling and tag-set checks
/// try task.conllu(of: payload, for: item)   // the export's CoNLL-U sentence
/// ```
/// Configuration: `dictionary` (a mecab-ko-dic directory; it must load), `pre_annotate` (Boolean,
/// default true; false leaves the dictionary out). Without `dictionary` the dictionary is found as
/// `malmoi morph` finds it; when none is found the task still works, without a draft (the prompt and
/// the error for a confirmation say so and how to install it), and tags and spelling are still checked.
///
/// Payload: ``MorphAnalysis``'s JSON, aligned with the item's text (scalar offsets). Answers parsed
/// without the item (``parse(answer:)``) cannot be aligned yet, and a bare confirmation is then the
/// marker `{"morphemes": [], "confirmed": true}`, resolved to the draft by ``validate(_:for:)``,
/// ``analysis(of:for:)`` and ``conllu(of:for:)``; the annotate loop should call
/// ``parse(answer:for:)`` so that stored payloads carry their spans, which ``agreementRecords(for:)``
/// needs (it has no item texts).
public struct MorphCorrectionTask: TaskModule {
    /// `morph`.
    public static let kind: TaskKind = .morph
    /// The `task` of the agreement records: boundary decisions, nominal values `"1"`/`"0"`.
    public static let boundaryTask = "morph-boundary"

    /// The analyzer that makes drafts, or nil when no dictionary is in use.
    public let analyzer: Analyzer?
    /// Why there is no analyzer (missing dictionary with the setup hint, or `pre_annotate: false`).
    public let dictionaryProblem: String?

    /// Creates the task from a project's configuration, loading mecab-ko-dic when it can.
    /// - Throws: ``TaskError`` `.invalidConfiguration` for a malformed option or a `dictionary` that
    ///   does not load (a dictionary that discovery cannot find is not an error).
    public init(configuration: JSONObject) throws {
        try Self.checkOptions(configuration)
        if configuration["pre_annotate"]?.boolValue == false {
            self.init(analyzer: nil, problem: "pre-annotation is turned off (\"pre_annotate\": false)")
            return
        }
        if let directory = configuration["dictionary"]?.stringValue {
            do {
                self.init(analyzer: Analyzer(dictionary: try SystemDictionary(contentsOf: directory)), problem: nil)
            } catch {
                throw TaskError(.invalidConfiguration, "\"dictionary\": \(error)")
            }
            return
        }
        do {
            self.init(analyzer: Analyzer(dictionary: try SystemDictionary.discover(explicit: nil)), problem: nil)
        } catch {
            self.init(analyzer: nil, problem: "\(error)")
        }
    }

    /// Creates the task with a given analyzer (nil: no drafts), checking the configuration's options.
    /// - Throws: ``TaskError`` `.invalidConfiguration` for a malformed option.
    public init(configuration: JSONObject, analyzer: Analyzer?) throws {
        try Self.checkOptions(configuration)
        self.init(analyzer: configuration["pre_annotate"]?.boolValue == false ? nil : analyzer,
                  problem: analyzer == nil ? "no mecab-ko-dic dictionary was given; \(SystemDictionary.setupHint)"
                      : "pre-annotation is turned off (\"pre_annotate\": false)")
    }

    private init(analyzer: Analyzer?, problem: String?) {
        self.analyzer = analyzer
        dictionaryProblem = analyzer == nil ? problem : nil
    }

    private static func checkOptions(_ configuration: JSONObject) throws {
        if let value = configuration["pre_annotate"] { _ = try TaskSetting.flag(value, "pre_annotate") }
        if let value = configuration["dictionary"], value.stringValue?.isEmpty != false {
            throw TaskError(.invalidConfiguration, "\"dictionary\" must name a mecab-ko-dic directory")
        }
    }

    // MARK: Draft

    /// The draft of an item: its stored pre-annotation when it reads as an analysis, else the
    /// analyzer's; aligned with the item's text; nil without either.
    public func draft(for item: Item) -> MorphAnalysis? {
        if let stored = item.preAnnotation, let analysis = try? MorphAnalysis(json: stored),
           case .success(let aligned) = MorphAligner.align(analysis, to: item.text) {
            return aligned
        }
        guard let analyzer else { return nil }
        return MorphAnalysis(draftOf: item.text, analyzer: analyzer)
    }

    public func preAnnotate(_ item: Item) -> JSONValue? {
        guard let analyzer else { return nil }
        return MorphAnalysis(draftOf: item.text, analyzer: analyzer)?.jsonValue
    }

    public func prompt(for item: Item) -> String {
        var lines = [item.text, ""]
        if let draft = draft(for: item) {
            lines.append("초안: " + draft.line)
            lines.append("맞으면 ok, 틀리면 고친 분석 전체를 한 줄로: 형태/품사 형태/품사 …")
        } else {
            lines.append("초안 없음 (no draft: \(dictionaryProblem ?? "the analyzer could not analyze this text"))")
            lines.append("분석을 한 줄로 입력하세요: 형태/품사 형태/품사 …")
        }
        return lines.joined(separator: "\n")
    }

    public var answerHelp: String {
        """
        Type ok (or ㅐㅏ) to confirm the draft. To correct it, type the whole analysis on one line: \
        form/TAG separated by spaces, e.g. 아버지/NNG 가/JKS 방/NNG 에/JKB 들어가/VV 시/EP+ㄴ다/EC. \
        A contracted syllable is split into its morphemes (했 → 하/VV+았/EP; + or a space between them), \
        or kept whole with joined tags (신다/EP+EC). Tags are mecab-ko-dic's: \
        \(MorphTagSet.tags.map(\.tag).joined(separator: " ")).
        """
    }

    // MARK: Parsing

    /// Parses a typed line without the item: the analysis without spans, or the confirmation marker.
    /// - Throws: ``TaskError`` `.invalidAnswer` for a token that cannot be read.
    public func parse(answer: String) throws -> JSONValue {
        guard let typed = try MorphAnswerParser.parse(answer) else { return Self.confirmationMarker }
        return (analyzer.map { typed.spelledOut(with: $0) } ?? typed).jsonValue
    }

    /// Parses a typed line for an item: the confirmed draft, or the typed analysis aligned with the
    /// sentence (left without spans when it does not spell it; ``validate(_:for:)`` then says why).
    /// - Throws: ``TaskError`` `.invalidAnswer` for an unreadable token, or a confirmation when there is
    ///   no draft.
    public func parse(answer: String, for item: Item) throws -> JSONValue {
        guard let typed = try MorphAnswerParser.parse(answer) else { return try confirmedDraft(for: item).jsonValue }
        return aligned(typed, for: item).jsonValue
    }

    /// Reads a JSON answer: a typed line (string), a payload object, or an array of `"form/TAG"` strings.
    /// - Throws: ``TaskError`` `.invalidAnswer`.
    public func parse(json: JSONValue) throws -> JSONValue {
        try jsonAnswer(json, item: nil)
    }

    /// Reads a JSON answer for an item, aligning it with the sentence.
    /// - Throws: ``TaskError`` `.invalidAnswer`.
    public func parse(json: JSONValue, for item: Item) throws -> JSONValue {
        try jsonAnswer(json, item: item)
    }

    private func jsonAnswer(_ json: JSONValue, item: Item?) throws -> JSONValue {
        let analysis: MorphAnalysis
        switch json {
        case .string(let text):
            return try item.map { try parse(answer: text, for: $0) } ?? parse(answer: text)
        case .array(let values):
            analysis = try MorphAnalysis(json: .object(JSONObject([("morphemes", .array(values))])))
        case .object(let object):
            if Self.isConfirmationMarker(json) {
                return try item.map { try confirmedDraft(for: $0).jsonValue } ?? Self.confirmationMarker
            }
            analysis = try MorphAnalysis(json: .object(object))
        default:
            throw TaskError(.invalidAnswer, "expected a typed analysis, an array of \"form/TAG\" strings or {\"morphemes\": [...]}, found \(json.typeName)")
        }
        guard let item else { return analysis.jsonValue }
        return aligned(analysis.unaligned, for: item).jsonValue
    }

    /// The typed analysis with contractions spelled out from the dictionary, aligned when it can be.
    private func aligned(_ typed: MorphAnalysis, for item: Item) -> MorphAnalysis {
        var analysis = analyzer.map { typed.spelledOut(with: $0) } ?? typed
        if let draft = draft(for: item), draft.unaligned.entries == analysis.unaligned.entries { analysis.isConfirmed = true }
        if case .success(let aligned) = MorphAligner.align(analysis, to: item.text) { return aligned }
        return analysis
    }

    private func confirmedDraft(for item: Item) throws -> MorphAnalysis {
        guard var draft = draft(for: item) else {
            throw TaskError(.invalidAnswer, "there is no draft to confirm (\(dictionaryProblem ?? "the analyzer could not analyze this text")); type the analysis: form/TAG form/TAG …")
        }
        draft.isConfirmed = true
        return draft
    }

    /// `{"morphemes": [], "confirmed": true}`: a confirmation parsed without the item.
    public static let confirmationMarker: JSONValue = .object(JSONObject([("morphemes", .array([])), ("confirmed", .bool(true))]))

    private static func isConfirmationMarker(_ payload: JSONValue) -> Bool {
        payload["confirmed"]?.boolValue == true && (payload["morphemes"]?.arrayValue?.isEmpty ?? true)
    }

    // MARK: Validation

    /// The analysis a payload stands for, aligned with the item's text: the draft for a confirmation
    /// marker, the payload's morphemes otherwise (spans recomputed).
    /// - Throws: ``TaskError`` `.invalidAnswer` when the payload is malformed, a confirmation has no
    ///   draft, or the morphemes do not spell the sentence (the message says where).
    public func analysis(of payload: JSONValue, for item: Item) throws -> MorphAnalysis {
        if Self.isConfirmationMarker(payload) { return try confirmedDraft(for: item) }
        let analysis = try MorphAnalysis(json: payload)
        switch MorphAligner.align(analysis, to: item.text) {
        case .success(let aligned): return aligned
        case .failure(let failure): throw TaskError(.invalidAnswer, failure.message)
        }
    }

    /// Checks a payload: errors for an unreadable payload, a confirmation without a draft, tags outside
    /// mecab-ko-dic's tag set, morphemes that do not spell the sentence (``MorphAligner``) or stored
    /// spans that disagree with it; a warning for each contraction left unsplit (`신다/EP+EC`).
    public func validate(_ payload: JSONValue, for item: Item) -> [Finding] {
        let analysis: MorphAnalysis
        do {
            analysis = Self.isConfirmationMarker(payload) ? try confirmedDraft(for: item) : try MorphAnalysis(json: payload)
        } catch let error as TaskError {
            return [Finding(.error, code: Self.isConfirmationMarker(payload) ? "no-draft" : "malformed", error.message)]
        } catch {
            return [Finding(.error, code: "malformed", "\(error)")]
        }
        var findings: [Finding] = []
        for (index, entry) in analysis.entries.enumerated() {
            for tag in entry.tags where !MorphTagSet.contains(tag) {
                let hint = MorphTagSet.hint(for: tag).map { ": \($0)" } ?? ""
                findings.append(Finding(.error, code: "unknown-tag",
                                        "morpheme \(index + 1) \"\(entry.typed)\": \(tag) is not a mecab-ko-dic tag\(hint)"))
            }
        }
        switch MorphAligner.align(analysis, to: item.text) {
        case .failure(let failure):
            findings.append(Finding(.error, code: "spelling", failure.message))
        case .success(let aligned):
            if analysis.entries.contains(where: { $0.start != nil }) && aligned.entries != analysis.entries {
                findings.append(Finding(.error, code: "stale-spans",
                                        "the stored start/end/eojeol do not match the sentence; leave them out and they are computed"))
            }
        }
        for entry in analysis.entries where entry.tags.count > 1 {
            findings.append(Finding(.warning, code: "unsplit-contraction",
                                    "\"\(entry.typed)\" is not split into morphemes; export keeps it whole (split it as form/TAG+form/TAG if you can)"))
        }
        return findings
    }

    // MARK: Agreement, gold, review

    /// One record per boundary decision of each aligned annotation: task ``boundaryTask``, item
    /// `"ITEM#GAP"` (GAP = scalar offset of the character after the gap), label `"1"` (a morpheme
    /// boundary) or `"0"`, for nominal Krippendorff's alpha (``MorphemeAgreement``). Annotations whose
    /// payload has no spans (parsed without the item) give no records.
    public func agreementRecords(for annotations: [Annotation]) -> [AgreementRecord] {
        var records: [AgreementRecord] = []
        for annotation in annotations {
            guard let analysis = try? MorphAnalysis(json: annotation.payload) else { continue }
            for decision in MorphemeAgreement.boundaries(of: analysis) {
                records.append(AgreementRecord(task: Self.boundaryTask, item: "\(annotation.item)#\(decision.gap)",
                                               annotator: annotation.annotator, label: .string(decision.isBoundary ? "1" : "0")))
            }
        }
        return records
    }

    /// Mean pairwise morpheme F1 and boundary agreement of the annotations of one item. With the item,
    /// payloads without spans are aligned first (and confirmation markers resolved); without it, they
    /// count for the form+tag F1 only.
    public func itemAgreement(for annotations: [Annotation], item: Item? = nil) -> MorphItemAgreement {
        let analyses = annotations.compactMap { annotation -> MorphAnalysis? in
            if let item { return try? analysis(of: annotation.payload, for: item) }
            return try? MorphAnalysis(json: annotation.payload)
        }
        return MorphItemAgreement(item: item?.id ?? annotations.first?.item ?? "", analyses: analyses)
    }

    /// Morpheme F1 over the project: each item's mean pairwise F1 (``itemAgreement(for:item:)``),
    /// averaged over the items that have at least two annotations.
    ///
    /// Keys: `items` (items with a pair), `pairs`, `morpheme_f1_form_tag`, `morpheme_f1_boundary`
    /// (pairs whose analyses both carry spans), `boundary_agreement` (mean share of agreeing gap
    /// decisions); `null` where undefined. Nil when no item has two annotations.
    public func taskAgreement(for annotations: [Annotation]) -> JSONObject? {
        var byItem: [String: [Annotation]] = [:]
        var order: [String] = []
        for annotation in annotations {
            if byItem[annotation.item] == nil { order.append(annotation.item) }
            byItem[annotation.item, default: []].append(annotation)
        }
        let summaries = order.map { itemAgreement(for: byItem[$0]!) }.filter { $0.pairs > 0 }
        guard !summaries.isEmpty else { return nil }
        func mean(_ values: [Double?]) -> JSONValue {
            let present = values.compactMap { $0 }
            return present.isEmpty ? .null : .number(present.reduce(0, +) / Double(present.count))
        }
        return JSONObject([
            ("items", .int(summaries.count)), ("pairs", .int(summaries.map(\.pairs).reduce(0, +))),
            ("morpheme_f1_form_tag", mean(summaries.map(\.formTagF1))),
            ("morpheme_f1_boundary", mean(summaries.map(\.boundaryF1))),
            ("boundary_agreement", mean(summaries.map(\.boundaryAgreement))),
        ])
    }

    /// The form+tag morpheme F1 of a payload against a gold analysis (``MorphemeAgreement``).
    public func goldScore(_ payload: JSONValue, gold: JSONValue) -> Double {
        guard let given = try? MorphAnalysis(json: payload), let expected = try? MorphAnalysis(json: (try? parse(json: gold)) ?? gold)
        else { return 0 }
        return MorphemeAgreement.compare(expected, given).formTag.f1
    }

    /// The analysis as the annotator types it (`아버지/NNG 가/JKS …`), or `(초안 확인)` for a bare
    /// confirmation marker.
    public func summary(of payload: JSONValue) -> String {
        if Self.isConfirmationMarker(payload) { return "(초안 확인 / draft confirmed)" }
        guard let analysis = try? MorphAnalysis(json: payload) else { return payload.serialized() }
        return analysis.line + (analysis.isConfirmed ? "  (초안 확인)" : "")
    }

    // MARK: Export

    /// The CoNLL-U sentence of an accepted payload: `# sent_id = ITEM`, `# text = TEXT`, one word line
    /// per eojeol with the morphemes `+`-joined in LEMMA and their tags in XPOS (``CoNLLUSentence``, the
    /// same lines as `malmoi morph --format conllu`), ending with a blank line.
    /// - Throws: ``TaskError`` `.invalidAnswer` when the payload does not spell the item's text.
    public func conllu(of payload: JSONValue, for item: Item) throws -> String {
        CoNLLUSentence(id: item.id, text: item.text, analysis: try analysis(of: payload, for: item)).rendered
    }
}
