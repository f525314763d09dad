/// What a model says about one text.
///
/// ```swift
/// let prediction = model.predict("ㅅㅂ 진짜")
/// prediction.label    // "1"
/// prediction.score    // 0.97
/// ```
public struct Prediction: Hashable, Sendable {
    /// The predicted label (the most probable one).
    public var label: String
    /// The probability of ``label``.
    public var score: Double
    /// Every label with its probability, in the model's label order. For single-label models they
    /// sum to 1; for multi-label models each is the label's own probability.
    public var scores: [(label: String, probability: Double)]
    /// For multi-label models, the labels whose probability is at least 0.5; for single-label models, `[label]`.
    public var labels: [String]
    /// Whether the model gives each label its own probability (multi-label) rather than one distribution.
    public var isMultiLabel: Bool

    /// Creates a prediction.
    public init(label: String, score: Double, scores: [(label: String, probability: Double)], labels: [String],
                isMultiLabel: Bool) {
        self.label = label
        self.score = score
        self.scores = scores
        self.labels = labels
        self.isMultiLabel = isMultiLabel
    }

    /// How unsure the model is, from 0 (certain) to 1: one minus the margin between the two most
    /// probable labels (single-label), or one minus the smallest distance of a label's probability
    /// from 0.5, doubled (multi-label). Items with the highest value are the most useful to annotate next.
    public var uncertainty: Double {
        let probabilities = scores.map(\.probability)
        if isMultiLabel {
            let closest = probabilities.map { abs($0 - 0.5) }.min() ?? 0.5
            return 1 - 2 * closest
        }
        let sorted = probabilities.sorted(by: >)
        guard sorted.count >= 2 else { return 0 }
        return 1 - (sorted[0] - sorted[1])
    }

    public static func == (lhs: Prediction, rhs: Prediction) -> Bool {
        lhs.label == rhs.label && lhs.score == rhs.score && lhs.labels == rhs.labels
            && lhs.scores.map(\.label) == rhs.scores.map(\.label)
            && lhs.scores.map(\.probability) == rhs.scores.map(\.probability)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(label)
        hasher.combine(score)
        hasher.combine(labels)
    }
}

import MalmoiCore

extension Prediction {
    /// The prediction as JSON: `{"id"?, "label", "score", "scores": {label: p}}`, plus `"labels"` for
    /// multi-label models.
    public func json(id: JSONValue? = nil) -> JSONValue {
        var object = JSONObject()
        if let id { object["id"] = id }
        object["label"] = .string(label)
        object["score"] = .number(score)
        if isMultiLabel { object["labels"] = .array(labels.map { .string($0) }) }
        object["scores"] = .object(JSONObject(scores.map { ($0.label, .number($0.probability)) }))
        return .object(object)
    }

    /// Appends ``json(id:)`` serialized, without a line end (written directly, without building the value).
    public func appendJSON(id: JSONValue? = nil, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        if let id {
            bytes.append(contentsOf: #""id":"#.utf8)
            id.appendSerialized(to: &bytes)
            bytes.append(UInt8(ascii: ","))
        }
        bytes.append(contentsOf: #""label":"#.utf8)
        JSONValue.appendString(label, to: &bytes)
        bytes.append(contentsOf: #","score":"#.utf8)
        JSONValue.appendNumber(score, to: &bytes)
        if isMultiLabel {
            bytes.append(contentsOf: #","labels":["#.utf8)
            for (index, label) in labels.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.appendString(label, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(contentsOf: #","scores":{"#.utf8)
        for (index, entry) in scores.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.appendString(entry.label, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONValue.appendNumber(entry.probability, to: &bytes)
        }
        bytes.append(contentsOf: "}}".utf8)
    }
}
