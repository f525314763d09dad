import MalmoiCore
import MalmoiStore

/// The line an annotator's prompt starts with for kinds that have a machine draft (morph analysis,
/// summary, abuse suggestion, a pre-label): the draft as the kind's own answer syntax, so that a
/// correction is a small edit and Enter confirms it.
public enum AnswerDraft {
    /// The draft of `item` as an answer line, or nil when there is none or it is not one line of answer text.
    public static func text(for item: Item, module: any TaskModule) -> String? {
        guard let draft = item.preAnnotation ?? module.preAnnotate(item),
              let payload = try? module.parse(json: draft, for: item) else { return nil }
        return line(module.summary(of: payload))
    }

    /// A kind's summary of a payload as an answer line; nil when it only describes the payload.
    public static func line(_ summary: String) -> String? {
        var line = summary
        for marker in ["  (초안 확인)"] where line.hasSuffix(marker) { line.removeLast(marker.count) }
        // Summaries that only describe the payload are not answers.
        if line.hasPrefix("(") || line.hasPrefix("문장 ") || line.contains("\n") { return nil }
        return line.isEmpty ? nil : line
    }
}

/// Accepting a machine draft at the `annotate` prompt (see ``DraftAcceptance``).
public enum DraftAnswer {
    /// Whether a line asks for the draft.
    public static func isAccept(_ line: String) -> Bool { DraftAcceptance.isAccept(line) }

    /// Whether the item shows a draft that Enter can take.
    public static func hasDraft(_ item: Item, module: any TaskModule) -> Bool { DraftAcceptance.draft(of: item, module: module) != nil }

    /// The input for a line: the draft as a JSON answer when the line accepts it, otherwise the line as typed.
    public static func input(_ line: String, json: Bool, item: Item?, module: any TaskModule) throws -> AnnotatorInput {
        if !json, let answer = DraftAcceptance.answer(for: line, item: item, module: module) { return .json(answer) }
        return try WorkflowTerminal.input(line, json: json)
    }
}
