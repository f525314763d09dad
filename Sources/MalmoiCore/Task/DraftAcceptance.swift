/// Accepting a machine draft at the `annotate` prompt: an empty line (Enter) or `ok` (or `ㅐㅏ`, the
/// same keys with the Korean layout on) submits the item's draft as the answer, for kinds that do not
/// give the line a meaning of their own (the morph kind already reads `ok` as "the analysis is right").
///
/// ```swift
/// DraftAcceptance.isAccept("")      // true: Enter
/// DraftAcceptance.isAccept(" OK ")  // true
/// let outcome = DraftAcceptance.outcome(of: payload, for: item, module: module)   // .kept, .changed, .replaced or nil
/// ```
public enum DraftAcceptance {
    /// Whether a line asks for the draft: empty (Enter), `ok` or `ㅐㅏ`, in any case, with spaces or tabs around.
    public static func isAccept(_ line: String) -> Bool {
        let word = line.trimmingBlanks.lowercased()
        return word.isEmpty || word == "ok" || word == "ㅐㅏ"
    }

    /// The draft an item shows: its stored draft, else the module's own (`TaskModule.preAnnotate`).
    public static func draft(of item: Item, module: any TaskModule) -> JSONValue? {
        item.preAnnotation ?? module.preAnnotate(item)
    }

    /// The draft to submit for a typed line: the item's draft without its `model_score` when the line
    /// accepts it, the module cannot read the line itself and the item has a draft; otherwise nil.
    public static func answer(for line: String, item: Item?, module: any TaskModule) -> JSONValue? {
        guard isAccept(line), let item, let draft = draft(of: item, module: module),
              (try? module.parse(answer: line, for: item)) == nil else { return nil }
        return withoutScore(draft)
    }

    /// What the annotator did with the item's draft, judged from the saved payload; nil when the item
    /// has no draft (or the draft does not fit the task).
    ///
    /// Both sides are read by the module (so the same answer written differently is equal). Equal
    /// payloads are ``DraftOutcome/kept``. Otherwise, payloads with `labels` (or `categories`) compare
    /// those sets (see ``DraftOutcome/init(draft:final:)``; equal sets with another field changed are
    /// ``DraftOutcome/changed``); other payloads compare their words (strings split at
    /// blanks, numbers and booleans as written): some in common is ``DraftOutcome/changed``, none is
    /// ``DraftOutcome/replaced``.
    public static func outcome(of payload: JSONValue, for item: Item, module: any TaskModule) -> DraftOutcome? {
        guard let raw = draft(of: item, module: module),
              let draft = try? module.parse(json: withoutScore(raw), for: item) else { return nil }
        if draft == payload { return .kept }
        for key in ["labels", "categories"] {
            guard let before = draft[key]?.arrayValue, let after = payload[key]?.arrayValue else { continue }
            let outcome = DraftOutcome(draft: before.map(word), final: after.map(word))
            // Same labels, but something else (a severity, a span) differs.
            return outcome == .kept ? .changed : outcome
        }
        var before: [String] = []
        var after: [String] = []
        words(of: draft, into: &before)
        words(of: payload, into: &after)
        if before == after { return .kept }
        return Set(before).isDisjoint(with: after) ? .replaced : .changed
    }

    static func withoutScore(_ draft: JSONValue) -> JSONValue {
        guard case .object(var object) = draft else { return draft }
        object["model_score"] = nil
        return .object(object)
    }

    static func word(_ value: JSONValue) -> String {
        value.stringValue ?? value.serialized()
    }

    static func words(of value: JSONValue, into out: inout [String]) {
        switch value {
        case .object(let object):
            for (_, member) in object { words(of: member, into: &out) }
        case .array(let elements):
            for element in elements { words(of: element, into: &out) }
        case .string(let text):
            out += text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        case .null:
            break
        default:
            out.append(value.serialized())
        }
    }
}

/// What an annotator did with a machine draft (a pre-label, a suggestion, an analysis or a summary),
/// stored with each annotation and exported.
///
/// ```swift
/// DraftOutcome(draft: ["욕설"], final: ["욕설"])          // .kept
/// DraftOutcome(draft: ["욕설", "혐오"], final: ["욕설"])  // .changed
/// DraftOutcome(draft: ["욕설"], final: ["정상"])          // .replaced
/// ```
public enum DraftOutcome: String, CaseIterable, Hashable, Sendable {
    /// The final answer is the draft.
    case kept
    /// The final answer shares some labels (or words) with the draft but not all.
    case changed
    /// The final answer shares nothing with the draft.
    case replaced

    /// Compares a draft's labels with the labels finally submitted (order does not matter).
    public init(draft: [String], final: [String]) {
        let a = Set(draft)
        let b = Set(final)
        if a == b { self = .kept } else if !a.isDisjoint(with: b) { self = .changed } else { self = .replaced }
    }
}

/// How often annotators kept, changed or replaced the drafts they were shown, over a set of annotations
/// (their stored ``Annotation/draftOutcome``).
///
/// ```swift
/// let counts = DraftOutcomeCounts(annotations)
/// counts.changedShare   // (changed + replaced) / annotations with a draft
/// ```
public struct DraftOutcomeCounts: Hashable, Sendable {
    /// Annotations per outcome.
    public var counts: [DraftOutcome: Int] = [:]
    /// Annotations without a recorded outcome (no draft, an edit, or stored before outcomes were kept).
    public var withoutDraft = 0

    /// Empty counts.
    public init() {}

    /// Counts the outcomes of `annotations`.
    public init(_ annotations: some Sequence<Annotation>) {
        for annotation in annotations { add(annotation.draftOutcome) }
    }

    /// Adds one annotation's outcome (nil: no draft).
    public mutating func add(_ outcome: DraftOutcome?) {
        if let outcome { counts[outcome, default: 0] += 1 } else { withoutDraft += 1 }
    }

    /// Annotations with a recorded outcome.
    public var withDraft: Int { counts.values.reduce(0, +) }

    /// The share of annotations with a draft whose draft was not kept as it was (nil when none had a draft).
    public var changedShare: Double? {
        withDraft > 0 ? Double(withDraft - (counts[.kept] ?? 0)) / Double(withDraft) : nil
    }

    /// `{"kept", "changed", "replaced", "without_draft", "changed_share"}`.
    public var json: JSONValue {
        var object = JSONObject()
        for outcome in DraftOutcome.allCases { object[outcome.rawValue] = .int(counts[outcome] ?? 0) }
        object["without_draft"] = .int(withoutDraft)
        object["changed_share"] = changedShare.map { .number($0) } ?? .null
        return .object(object)
    }
}
