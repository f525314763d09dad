import MalmoiCore

/// The plain classification task (`label`): choose one label, or several with `multi`, from the
/// project's label set, optionally with a free-text rationale (근거).
///
/// ```swift
/// let task = try LabelTask(configuration: ["labels": ["긍정", "부정", "중립"]])
/// try task.parse(answer: "2 | 환불을 요구함")   // {"labels":["부정"],"rationale":"환불을 요구함"}
/// ```
/// Configuration: `labels` (array of distinct strings, required), `multi` (Boolean, default false).
/// Payload: `{"labels": [String], "rationale": String?}`, labels in label-set order. A typed answer is
/// labels (names or 1-based numbers) separated by commas, then optionally `|` and the rationale.
public struct LabelTask: TaskModule {
    /// `label`.
    public static let kind: TaskKind = .label

    /// The label set, in display order.
    public let labels: [String]
    /// Whether several labels may be chosen for one item.
    public let isMulti: Bool

    /// Creates the task from `{"labels": [...], "multi": false}`.
    /// - Throws: ``TaskError`` when the label set is missing, empty, or repeats a label.
    public init(configuration: JSONObject) throws {
        guard let array = configuration["labels"]?.arrayValue else {
            throw TaskError(.invalidConfiguration, "the label task needs a label set: --labels 긍정,부정,중립")
        }
        var labels: [String] = []
        for value in array {
            guard let label = value.stringValue, !label.isEmpty else {
                throw TaskError(.invalidConfiguration, "labels must be non-empty strings, found \(value.serialized())")
            }
            guard !labels.contains(label) else {
                throw TaskError(.invalidConfiguration, "label \"\(label)\" appears twice in the label set")
            }
            labels.append(label)
        }
        guard !labels.isEmpty else {
            throw TaskError(.invalidConfiguration, "the label set is empty: --labels 긍정,부정,중립")
        }
        self.labels = labels
        self.isMulti = try configuration["multi"].map { try TaskSetting.flag($0, "multi") } ?? false
    }

    public func prompt(for item: Item) -> String {
        var lines = [item.text, ""]
        let choices = labels.enumerated().map { "\($0.offset + 1)) \($0.element)" }.joined(separator: "  ")
        lines.append((isMulti ? "레이블 (여러 개 가능, 쉼표로): " : "레이블: ") + choices)
        if let draft = item.preAnnotation, let payload = try? parse(json: draft) {
            lines.append("초안: " + summary(of: payload))
        }
        return lines.joined(separator: "\n")
    }

    public var answerHelp: String {
        "Type a label name or its number" + (isMulti ? " (several: 1,3)" : "")
            + ", optionally followed by | and a rationale: 2 | 환불을 요구함"
    }

    public func parse(answer: String) throws -> JSONValue {
        var labelPart = Substring(answer)
        var rationale: Substring = ""
        if let bar = answer.firstIndex(of: "|") {
            labelPart = answer[..<bar]
            rationale = answer[answer.index(after: bar)...]
        }
        var chosen: [String] = []
        for token in labelPart.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" }) {
            let name = Self.trimmed(token)
            if name.isEmpty { continue }
            chosen.append(try resolve(name))
        }
        return try payload(labels: chosen, rationale: Self.trimmed(rationale))
    }

    public func parse(json: JSONValue) throws -> JSONValue {
        switch json {
        case .string(let text):
            return try parse(answer: text)
        case .array(let values):
            return try payload(labels: try values.map(labelName), rationale: "")
        case .object(let object):
            var names: [String] = []
            if let many = object["labels"] {
                guard let values = many.arrayValue else {
                    throw TaskError(.invalidAnswer, "\"labels\" must be an array of label names")
                }
                names = try values.map(labelName)
            } else if let one = object["label"] {
                names = [try labelName(one)]
            }
            var rationale = ""
            if let value = object["rationale"], !value.isNull {
                guard let text = value.stringValue else {
                    throw TaskError(.invalidAnswer, "\"rationale\" must be a string")
                }
                rationale = text
            }
            return try payload(labels: names, rationale: rationale)
        default:
            throw TaskError(.invalidAnswer, "expected a label, an array of labels or {\"labels\": [...]}, found \(json.typeName)")
        }
    }

    public func validate(_ payload: JSONValue, for item: Item) -> [Finding] {
        var findings: [Finding] = []
        let chosen = (payload["labels"]?.arrayValue ?? []).compactMap(\.stringValue)
        if chosen.isEmpty {
            findings.append(Finding(.error, code: "no-label", "choose at least one label"))
        }
        for name in chosen where !labels.contains(name) {
            findings.append(Finding(.error, code: "unknown-label", "\"\(name)\" is not in the label set"))
        }
        if !isMulti && chosen.count > 1 {
            findings.append(Finding(.error, code: "one-label-only", "this project takes exactly one label"))
        }
        if let rationale = payload["rationale"]?.stringValue {
            let trimmedText = Self.trimmed(Substring(item.text))
            if !rationale.isEmpty && rationale == trimmedText {
                findings.append(Finding(.warning, code: "rationale-copies-text",
                                        "the rationale repeats the item text instead of explaining the label"))
            }
        }
        return findings
    }

    public func agreementRecords(for annotations: [Annotation]) -> [AgreementRecord] {
        annotations.map { annotation in
            let chosen = annotation.payload["labels"]?.arrayValue ?? []
            let label: JSONValue = isMulti ? .array(chosen) : (chosen.first ?? .null)
            return AgreementRecord(item: annotation.item, annotator: annotation.annotator, label: label)
        }
    }

    public func goldScore(_ payload: JSONValue, gold: JSONValue) -> Double {
        guard let expected = try? parse(json: gold) else { return 0 }
        let given = Set((payload["labels"]?.arrayValue ?? []).compactMap(\.stringValue))
        let wanted = Set((expected["labels"]?.arrayValue ?? []).compactMap(\.stringValue))
        if given.isEmpty && wanted.isEmpty { return 1 }
        return Double(given.intersection(wanted).count) / Double(given.union(wanted).count)
    }

    public func summary(of payload: JSONValue) -> String {
        let chosen = (payload["labels"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
        if let rationale = payload["rationale"]?.stringValue, !rationale.isEmpty {
            return chosen + " | " + rationale
        }
        return chosen
    }

    public func duplicateText(of payload: JSONValue) -> String? {
        guard let rationale = payload["rationale"]?.stringValue, !rationale.isEmpty else { return nil }
        return rationale
    }

    private func resolve(_ name: String) throws -> String {
        if labels.contains(name) { return name }
        if let number = Int(name), number >= 1, number <= labels.count { return labels[number - 1] }
        let choices = labels.enumerated().map { "\($0.offset + 1)) \($0.element)" }.joined(separator: " ")
        throw TaskError(.invalidAnswer, "unknown label \"\(name)\"; choose from \(choices)")
    }

    private func labelName(_ value: JSONValue) throws -> String {
        guard let name = value.stringValue else {
            throw TaskError(.invalidAnswer, "labels must be strings, found \(value.typeName)")
        }
        return try resolve(name)
    }

    private func payload(labels chosen: [String], rationale: String) throws -> JSONValue {
        guard !chosen.isEmpty else {
            throw TaskError(.invalidAnswer, "no label given; \(answerHelp)")
        }
        let ordered = labels.filter { chosen.contains($0) }
        if !isMulti && ordered.count > 1 {
            throw TaskError(.invalidAnswer, "choose exactly one label (got \(ordered.joined(separator: ", ")))")
        }
        var pairs: [(String, JSONValue)] = [("labels", .array(ordered.map { .string($0) }))]
        if !rationale.isEmpty { pairs.append(("rationale", .string(rationale))) }
        return .object(JSONObject(pairs))
    }

    static func trimmed(_ text: Substring) -> String {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
