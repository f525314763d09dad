import MalmoiCore

extension KorQuADEvaluation.Result {
    /// What `malmoi qa eval` warns about on standard error, in order: a version other than the
    /// script's, questions whose prediction differs from gold only by Unicode normalization (named, the
    /// first 20), the first 20 unanswered questions (and how many more), and predictions that match no
    /// question.
    public var warnings: [String] {
        var lines: [String] = []
        if let versionWarning { lines.append(versionWarning) }
        for (ids, form) in [(matchUnderNFC, "nfc"), (matchUnderNFKCOnly, "nfkc")] where !ids.isEmpty {
            let named = ids.prefix(20).joined(separator: ", ") + (ids.count > 20 ? " … (\(ids.count) in all)" : "")
            lines.append("prediction and gold differ only by Unicode normalization (scored as different, as the "
                         + "official script does; --normalize \(form) scores them equal): \(named)")
        }
        for id in missing.prefix(20) { lines.append("unanswered question \(id) will receive score 0") }
        if missing.count > 20 { lines.append("… and \(missing.count - 20) more unanswered questions") }
        if !unknown.isEmpty { lines.append("\(unknown.count) prediction(s) match no question, e.g. \(unknown[0])") }
        return lines
    }
}

extension KorQuADDataset {
    /// Warnings for answers whose text is not at their `answer_start`: the first 20, each prefixed
    /// with `path`, then how many there are in all when more.
    public func misplacedAnswerWarnings(path: String) -> [String] {
        let broken = misplacedAnswers()
        var lines = broken.prefix(20).map { "\(path): \($0.description)" }
        if broken.count > 20 { lines.append("\(broken.count) answers in all do not match their context") }
        return lines
    }
}

extension KorQuADConverter {
    /// The KorQuAD dataset of a JSONL file (nil or `-`: standard input) of items made by `malmoi qa
    /// import` or of a `malmoi export --format jsonl` of a QA project, whose lines other than item
    /// records are skipped. See ``dataset(from:acceptedOnly:version:)``.
    /// - Throws: ``InputError`` for a bad line; ``QAError`` for an item that is not a QA item.
    public static func dataset(readingJSONL path: String?, acceptedOnly: Bool = false,
                               version: String = "KorQuAD_v1.0") throws -> KorQuADDataset {
        var records: [(object: JSONObject, location: SourceLocation?)] = []
        _ = try JSONLReader(path: path).forEachRecord { record in
            if record.object["record"]?.stringValue.map({ $0 != "item" }) ?? false { return }
            records.append((record.object, record.location))
        }
        return try dataset(from: records, acceptedOnly: acceptedOnly, version: version)
    }
}
