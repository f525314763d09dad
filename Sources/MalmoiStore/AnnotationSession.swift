import MalmoiCore
import MalmoiText
/// What an annotator typed: a line, or one JSON value (`--answers-jsonl`).
public enum AnnotatorInput: Sendable {
    /// A typed line: an answer or a `:command`.
    case line(String)
    /// A JSON value: `{"command": "skip"}`, `{"answer": …}`, or the answer itself.
    case json(JSONValue)
}

/// What the annotate loop did with one input.
public enum AnnotationEvent: Sendable {
    /// The answer was saved (its warnings are in the annotation).
    case saved(Annotation)
    /// The previous submission was replaced by an edit.
    case edited(Annotation)
    /// The answer was not saved; the same item stays. The findings or message say why.
    case invalid(String)
    /// The item was left to others.
    case skipped(Item)
    /// `:undo`: the next answer replaces this earlier submission.
    case editing(Annotation, Item)
    /// `:guide`: the guideline text.
    case guide(String)
    /// `:help`: commands and how to answer.
    case help(String)
    /// `:quit`.
    case quit
}

/// The annotate loop, without the terminal: claims items, parses and validates answers through the
/// task module, and saves each answer in its own transaction the moment it is given.
///
/// ```swift
/// let session = try AnnotationSession(store: store, project: project, module: module, annotator: "kim")
/// while let claim = try session.next() {
///     let event = try session.respond(to: .line(readLine() ?? ":quit"))
///     if case .quit = event { break }
/// }
/// try session.finish()
/// ```
/// The CLI does the reading and printing; this type never prints.
public final class AnnotationSession {
    /// The store.
    public let store: any AnnotationStore
    /// The project.
    public let project: Project
    /// The project's task module.
    public let module: any TaskModule
    /// Who is annotating.
    public let annotator: String
    /// Whether an answer is followed by the next item (false when the caller stops after it, at a limit): a store
    /// that claims the next item with the answer then does so (``Submission/claimsNext``).
    public var claimsNext = true
    /// The item being worked on.
    public private(set) var current: Claim?
    /// The earlier submission being edited after `:undo`.
    public private(set) var editing: Annotation?
    /// Answers saved in this session.
    public private(set) var savedCount = 0
    /// Items skipped in this session.
    public private(set) var skippedCount = 0
    /// Edits saved in this session.
    public private(set) var editedCount = 0
    private let clock: @Sendable () -> Double
    private var shownAt: Double
    private var editingItem: Item?

    /// Starts a session.
    /// - Throws: ``StoreError`` `.notQualified` when the project requires a qualification the annotator lacks.
    public init(store: any AnnotationStore, project: Project, module: any TaskModule, annotator: String,
                clock: @escaping @Sendable () -> Double = Timestamp.now) throws {
        if let required = project.requiredQualification {
            let holder = try store.annotator(annotator)
            guard holder?.qualifications.contains(required) == true else {
                throw StoreError(.notQualified, """
                    annotator "\(annotator)" does not hold the qualification "\(required)" that project "\(project.name)" requires; \
                    a project lead can grant it with `malmoi project qualify \(annotator) \(required)`
                    """)
            }
        }
        self.store = store
        self.project = project
        self.module = module
        self.annotator = annotator
        self.clock = clock
        self.shownAt = clock()
    }

    /// The item to work on: the current one, or a newly claimed one; nil when nothing is left.
    public func next() throws -> Claim? {
        if let current { return current }
        current = try store.claimNextItem(in: project, for: annotator)
        shownAt = clock()
        return current
    }

    /// Done, remaining and points so far.
    public func progress() throws -> AnnotatorProgress {
        try store.progress(in: project, for: annotator)
    }

    /// The text shown for an item: the task module's prompt.
    public func prompt(for item: Item) -> String { module.prompt(for: item) }

    /// Handles one input for the current item (or the submission being edited).
    public func respond(to input: AnnotatorInput) throws -> AnnotationEvent {
        let answer: JSONValue
        // Typed answers go through the same step as the items' text (NFC unless the project is verbatim).
        let step: InputNormalization = project.isVerbatim ? .none : .nfc
        do {
            switch try Self.interpret(input) {
            case .command(let command):
                return try perform(command)
            case .line(let typed):
                let line = step.normalizedText(typed)
                if let item = editingItem ?? current?.item {
                    answer = try module.parse(answer: line, for: item)
                } else {
                    answer = try module.parse(answer: line)
                }
            case .json(let typed):
                let value = ItemReader.normalizedStrings(typed, step)
                if let item = editingItem ?? current?.item {
                    answer = try module.parse(json: value, for: item)
                } else {
                    answer = try module.parse(json: value)
                }
            }
        } catch let error as TaskError {
            return .invalid(error.message)
        }
        if let editing, let item = editingItem {
            let findings = module.validate(answer, for: item)
            if let blocking = Self.blockingMessage(findings) { return .invalid(blocking) }
            let gold = try store.goldAnswer(for: item.id, in: project)
            let edited = try store.edit(annotation: editing.id, payload: answer, warnings: findings.filter { !$0.isError },
                                        seconds: Self.rounded(editing.seconds + (clock() - shownAt)),
                                        goldScore: gold.map { module.goldScore(answer, gold: $0) },
                                        draftOutcome: DraftAcceptance.outcome(of: answer, for: item, module: module))
            self.editing = nil
            editingItem = nil
            editedCount += 1
            shownAt = clock()
            return .edited(edited)
        }
        guard let claim = current else { return .invalid("there is no item to answer") }
        let findings = module.validate(answer, for: claim.item)
        if let blocking = Self.blockingMessage(findings) { return .invalid(blocking) }
        var goldScore: Double?
        if claim.isGold, let gold = try store.goldAnswer(for: claim.item.id, in: project) {
            goldScore = module.goldScore(answer, gold: gold)
        }
        let saved = try store.submit(Submission(project: project, item: claim.item.id, annotator: annotator, payload: answer,
                                                warnings: findings.filter { !$0.isError },
                                                seconds: Self.rounded(max(0, clock() - shownAt)), goldScore: goldScore,
                                                draftOutcome: DraftAcceptance.outcome(of: answer, for: claim.item, module: module),
                                                claimsNext: claimsNext))
        current = nil
        savedCount += 1
        return .saved(saved)
    }

    /// Releases the open claim (if any) so others can take the item; call at `:quit` or end of input.
    public func finish() throws {
        try store.releaseClaims(in: project, for: annotator)
        current = nil
    }

    private func perform(_ command: PromptCommand) throws -> AnnotationEvent {
        switch command {
        case .skip:
            if editing != nil {
                editing = nil
                editingItem = nil
                return .invalid("edit cancelled; back to the current item")
            }
            guard let claim = current else { return .invalid("there is no item to skip") }
            try store.skip(item: claim.item.id, in: project, for: annotator)
            current = nil
            skippedCount += 1
            return .skipped(claim.item)
        case .undo:
            guard let previous = try store.latestAnnotation(in: project, by: annotator) else {
                return .invalid("nothing to undo: no earlier submission in this project")
            }
            guard try store.reviews(of: previous.id).isEmpty else {
                return .invalid("your previous submission (item \(previous.item)) was already reviewed and cannot be edited")
            }
            guard let item = try store.item(previous.item, in: project) else {
                return .invalid("the item of your previous submission no longer exists")
            }
            editing = previous
            editingItem = item
            return .editing(previous, item)
        case .guide:
            return .guide(Self.guidelineText(project.guideline))
        case .help:
            return .help(PromptCommand.helpText + "\n\n" + module.answerHelp)
        case .quit:
            return .quit
        }
    }

    enum Interpreted {
        case command(PromptCommand)
        case line(String)
        case json(JSONValue)
    }

    static func interpret(_ input: AnnotatorInput) throws -> Interpreted {
        switch input {
        case .line(let line):
            if let command = PromptCommand(parsing: line) { return .command(command) }
            return .line(line)
        case .json(let value):
            if case .string(let text) = value, let command = PromptCommand(parsing: text) { return .command(command) }
            if let name = value["command"]?.stringValue {
                let text = name.hasPrefix(":") ? name : ":" + name
                guard let command = PromptCommand(parsing: text) else {
                    throw TaskError(.invalidAnswer, "unknown command \"\(name)\"; use skip, undo, guide, help or quit")
                }
                return .command(command)
            }
            if let answer = value["answer"] { return .json(answer) }
            return .json(value)
        }
    }

    /// Seconds to the millisecond, as stored.
    static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    static func blockingMessage(_ findings: [Finding]) -> String? {
        let errors = findings.filter(\.isError)
        guard !errors.isEmpty else { return nil }
        return errors.map(\.message).joined(separator: "; ")
    }

    static func guidelineText(_ path: String?) -> String {
        guard let path else { return "this project has no guideline" }
        guard let reader = try? ByteLineReader(path: path) else { return "the guideline \(path) cannot be read" }
        var lines: [String] = []
        try? reader.forEachLine { bytes, _ in lines.append(String(decoding: bytes, as: UTF8.self)) }
        return lines.joined(separator: "\n")
    }
}
