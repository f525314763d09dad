import MalmoiCore
/// Everything a reviewer sees for one submission.
public struct ReviewUnit: Sendable {
    /// The annotation under review.
    public var annotation: Annotation
    /// Its item.
    public var item: Item
    /// Other submissions of the same annotator that duplicate this one, with their item ids.
    public var duplicates: [(match: DuplicateFinder.Match, item: String)]
    /// Other annotators' current annotations of the same item.
    public var others: [Annotation]
    /// For each other annotator, whether their agreement label equals this annotation's.
    public var agreesWith: [String: Bool]
    /// Earlier reviews of this annotation (when revisiting).
    public var previousReviews: [Review]
    /// How many units of this annotator are in the queue, and this one's 1-based position among them.
    public var positionInAnnotator: (index: Int, count: Int)
}

/// What the review loop did with one input.
public enum ReviewEvent: Sendable {
    /// The verdict was recorded, with the ledger entries it wrote.
    case recorded(ReviewOutcome)
    /// The input was not a usable verdict; the same unit stays.
    case invalid(String)
    /// The unit was passed over for now.
    case skipped
    /// `:guide`.
    case guide(String)
    /// `:help`.
    case help(String)
    /// `:quit`.
    case quit
}

/// The review loop (검수), without the terminal: walks submitted annotations grouped by annotator, shows
/// duplicates and how each answer compares with other annotators', and records verdicts.
///
/// ```swift
/// let session = try ReviewSession(store: store, project: project, module: module, reviewer: "park")
/// while let unit = try session.next() {
///     _ = try session.respond(to: .line("r wrong-label 부정에 가깝습니다"))
/// }
/// ```
/// A verdict line is `a [comment]` (accept) or `r CODE[,CODE] [comment]` (reject); `accept`/`reject`,
/// `y`/`n` and the same keys typed with the Korean layout (`ㅁ`, `ㄱ`) work too. JSON input is
/// `{"verdict": "accepted" | "rejected", "reasons": [...], "comment": "..."}`.
public final class ReviewSession {
    /// The store.
    public let store: any AnnotationStore
    /// The project.
    public let project: Project
    /// The task module.
    public let module: any TaskModule
    /// Who reviews.
    public let reviewer: String
    private var queue: [Annotation]
    private var position = 0
    private var duplicateMatches: [Int64: [DuplicateFinder.Match]] = [:]
    private var itemOfAnnotation: [Int64: String] = [:]
    private var groupCounts: [String: Int] = [:]
    private var groupSeen: [String: Int] = [:]
    /// The unit on screen.
    public private(set) var current: ReviewUnit?
    /// Verdicts recorded in this session.
    public private(set) var recordedCount = 0

    /// Starts a session over the project's pending annotations (or all, to revisit verdicts), optionally
    /// of one annotator. The reviewer's own annotations are left out.
    public init(store: any AnnotationStore, project: Project, module: any TaskModule, reviewer: String,
                annotator: String? = nil, filter: ReviewFilter = .pending) throws {
        self.store = store
        self.project = project
        self.module = module
        self.reviewer = reviewer
        queue = try store.annotationsForReview(in: project, annotator: annotator, filter: filter).filter { $0.annotator != reviewer }
        let finder = DuplicateFinder(threshold: project.nearDuplicateThreshold)
        for annotator in Set(queue.map(\.annotator)) {
            let all = try store.annotationsForReview(in: project, annotator: annotator, filter: .all)
            var texts: [(id: Int64, text: String)] = []
            for annotation in all {
                itemOfAnnotation[annotation.id] = annotation.item
                if let text = module.duplicateText(of: annotation.payload) { texts.append((annotation.id, text)) }
            }
            duplicateMatches.merge(finder.matches(in: texts)) { $1 }
        }
        for annotation in queue { groupCounts[annotation.annotator, default: 0] += 1 }
    }

    /// Units left, including the current one.
    public var remaining: Int { queue.count - position + (current == nil ? 0 : 1) }

    /// The next unit to review, or nil when the queue is done.
    public func next() throws -> ReviewUnit? {
        if let current { return current }
        while position < queue.count {
            let annotation = queue[position]
            position += 1
            guard let item = try store.item(annotation.item, in: project) else { continue }
            let others = try store.currentAnnotations(of: annotation.item, in: project).filter { $0.annotator != annotation.annotator }
            let labels = module.agreementRecords(for: [annotation] + others)
            // Another annotator agrees when every unit both labelled (a module may give several records
            // per annotation: per axis, per sentence, per character gap) has the same label.
            var own: [String: JSONValue] = [:]
            for record in labels where record.annotator == annotation.annotator {
                own["\(record.task ?? "")\u{1F}\(record.item)"] = record.label
            }
            var agrees: [String: Bool] = [:]
            for record in labels where record.annotator != annotation.annotator {
                guard let mine = own["\(record.task ?? "")\u{1F}\(record.item)"] else { continue }
                agrees[record.annotator] = (agrees[record.annotator] ?? true) && Self.sameLabel(record.label, mine)
            }
            let duplicates = (duplicateMatches[annotation.id] ?? []).map { ($0, itemOfAnnotation[$0.other] ?? "?") }
            groupSeen[annotation.annotator, default: 0] += 1
            current = ReviewUnit(annotation: annotation, item: item, duplicates: duplicates, others: others, agreesWith: agrees,
                                 previousReviews: try store.reviews(of: annotation.id),
                                 positionInAnnotator: (groupSeen[annotation.annotator]!, groupCounts[annotation.annotator] ?? 0))
            return current
        }
        return nil
    }

    /// Handles one input for the current unit.
    public func respond(to input: AnnotatorInput) throws -> ReviewEvent {
        guard let unit = current else { return .invalid("there is nothing to review") }
        let verdict: (Review.Verdict, [String], String?)
        switch input {
        case .line(let line):
            if let command = PromptCommand(parsing: line) { return try perform(command) }
            guard let parsed = parseVerdict(line) else {
                return .invalid("type a [comment] to accept or r CODE[,CODE] [comment] to reject; reason codes: "
                                + (project.reasonCodes.isEmpty ? "any" : project.reasonCodes.joined(separator: ", ")))
            }
            verdict = parsed
        case .json(let value):
            if let name = value["command"]?.stringValue, let command = PromptCommand(parsing: name.hasPrefix(":") ? name : ":" + name) {
                return try perform(command)
            }
            guard let word = value["verdict"]?.stringValue, let kind = Self.verdictWord(word) else {
                return .invalid("expected {\"verdict\": \"accepted\" | \"rejected\", \"reasons\": [...], \"comment\": \"...\"}")
            }
            verdict = (kind, (value["reasons"]?.arrayValue ?? []).compactMap(\.stringValue), value["comment"]?.stringValue)
        }
        do {
            let outcome = try store.recordReview(ReviewSubmission(project: project, annotation: unit.annotation.id, reviewer: reviewer,
                                                                  verdict: verdict.0, reasons: verdict.1, comment: verdict.2))
            current = nil
            recordedCount += 1
            return .recorded(outcome)
        } catch let error as StoreError where error.code == .invalidValue || error.code == .conflict {
            return .invalid(error.message)
        }
    }

    private func perform(_ command: PromptCommand) throws -> ReviewEvent {
        switch command {
        case .skip:
            current = nil
            return .skipped
        case .undo:
            return .invalid("to change a verdict, review the annotation again (malmoi review --revisit); the ledger keeps both")
        case .guide:
            return .guide(AnnotationSession.guidelineText(project.guideline))
        case .help:
            return .help(PromptCommand.helpText + "\n\na [comment]              accept\nr CODE[,CODE] [comment]  reject; codes: "
                         + (project.reasonCodes.isEmpty ? "any" : project.reasonCodes.joined(separator: ", ")))
        case .quit:
            return .quit
        }
    }

    private func parseVerdict(_ line: String) -> (Review.Verdict, [String], String?)? {
        var rest = Substring(line).drop { $0 == " " || $0 == "\t" }
        let word = rest.prefix { $0 != " " && $0 != "\t" }
        rest = rest.dropFirst(word.count).drop { $0 == " " || $0 == "\t" }
        guard let verdict = Self.verdictWord(String(word)) else { return nil }
        var reasons: [String] = []
        if verdict == .rejected {
            let token = rest.prefix { $0 != " " && $0 != "\t" }
            let codes = token.split(separator: ",").map { code -> String in
                let text = String(code)
                if project.reasonCodes.contains(text) { return text }
                let typed = KoreanKeyboard.latinKeys(for: text)
                return project.reasonCodes.contains(typed) ? typed : text
            }
            if !codes.isEmpty && (project.reasonCodes.isEmpty || codes.allSatisfy(project.reasonCodes.contains) || !token.isEmpty) {
                reasons = codes
                rest = rest.dropFirst(token.count).drop { $0 == " " || $0 == "\t" }
            }
        }
        let comment = String(rest)
        return (verdict, reasons, comment.isEmpty ? nil : comment)
    }

    static func verdictWord(_ word: String) -> Review.Verdict? {
        switch KoreanKeyboard.latinKeys(for: word).lowercased() {
        case "a", "accept", "accepted", "y", "yes", "ok": .accepted
        case "r", "reject", "rejected", "n", "no": .rejected
        default: nil
        }
    }

    static func sameLabel(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .array(let x) = a, case .array(let y) = b { return Set(x) == Set(y) }
        return a == b
    }
}
