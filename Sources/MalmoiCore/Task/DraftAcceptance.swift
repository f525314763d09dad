/// Accepting a machine draft at the `annotate` prompt: `ok` (or `ㅐㅏ`, the same keys with the Korean
/// layout on) submits the item's stored draft as the answer, for kinds that do not give `ok` a meaning
/// of their own (the morph kind already reads `ok` as "the analysis is right").
public enum DraftAcceptance {
    /// Whether a line asks for the draft: `ok` or `ㅐㅏ`, in any case, with spaces or tabs around.
    public static func isAccept(_ line: String) -> Bool {
        let word = line.trimmingBlanks.lowercased()
        return word == "ok" || word == "ㅐㅏ"
    }

    /// The draft to submit for a typed line: the item's draft without its `model_score` when the line
    /// accepts it, the module cannot read the line itself and the item has a draft; otherwise nil.
    public static func answer(for line: String, item: Item?, module: any TaskModule) -> JSONValue? {
        guard isAccept(line), let item, let draft = item.preAnnotation,
              (try? module.parse(answer: line, for: item)) == nil else { return nil }
        guard case .object(var object) = draft else { return draft }
        object["model_score"] = nil
        return .object(object)
    }
}
