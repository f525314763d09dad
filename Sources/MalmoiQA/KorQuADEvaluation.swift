import MalmoiCore
import MalmoiText

/// Scores predictions against a KorQuAD 1.0 file the way the official evaluation script does.
///
/// ```swift
/// let gold = try KorQuADDataset(contentsOf: "dev.json")
/// let predictions = try KorQuADEvaluation.predictions(contentsOf: "predictions.json")
/// let result = KorQuADEvaluation.evaluate(gold, predictions: predictions)
/// result.exactMatch   // 0–100, e.g. 37.5
/// result.f1           // 0–100
/// ```
/// For every question of every paragraph: a question without a prediction scores 0 (and is listed in
/// ``Result/missing``); otherwise EM and F1 (``KorQuADMetric``) are the maxima over its gold answers.
/// `exact_match = 100 × ΣEM / N` and `f1 = 100 × ΣF1 / N` over all N questions, summed in file order as
/// the script does. A question with no gold answer (SQuAD 2.0 unanswerable) scores 1 when the prediction
/// is empty; the 1.0 script cannot score such questions at all.
public enum KorQuADEvaluation {
    /// The version the script expects (`KorQuAD_v1.0`; the file's `version` minus its last `_` part).
    public static let expectedVersion = "KorQuAD_v1.0"

    /// One question's outcome.
    public struct Detail: Hashable, Sendable {
        /// The question id.
        public var id: String
        /// The prediction, nil when missing.
        public var prediction: String?
        /// The gold answer texts.
        public var golds: [String]
        /// Exact match (0 or 1).
        public var exactMatch: Double
        /// Character F1 in `[0, 1]`.
        public var f1: Double
    }

    /// The scores of a whole file.
    public struct Result: Hashable, Sendable {
        /// Exact match on the 0–100 scale.
        public var exactMatch: Double
        /// F1 on the 0–100 scale.
        public var f1: Double
        /// The number of questions.
        public var total: Int
        /// Ids of questions without a prediction, in file order.
        public var missing: [String]
        /// Prediction ids that match no question.
        public var unknown: [String]
        /// Per-question outcomes, in file order.
        public var details: [Detail]
        /// A warning when the file's version is not the one the script expects.
        public var versionWarning: String?
        /// Questions whose prediction misses every gold answer as code points but matches one exactly
        /// after NFC (their texts differ only by normalization; `--normalize nfc` scores them equal).
        public var matchUnderNFC: [String] = []
        /// Questions that match exactly only after NFKC (full-width, circled characters …).
        public var matchUnderNFKCOnly: [String] = []
    }

    /// Evaluates predictions (`question id → answer text`).
    ///
    /// With `normalization` `.none` (the default) texts are compared as code points, as the official
    /// script does; then questions that would match once normalized are listed in the result
    /// (``Result/matchUnderNFC``). With `.nfc` or `.nfkc` predictions and gold answers are normalized first.
    public static func evaluate(
        _ gold: KorQuADDataset, predictions: [String: String], normalization: InputNormalization = .none
    ) -> Result {
        var matchUnderNFC: [String] = []
        var matchUnderNFKCOnly: [String] = []
        var exactSum = 0
        var f1Sum = 0.0
        var total = 0
        var missing: [String] = []
        var details: [Detail] = []
        var seen: Set<String> = []
        for article in gold.articles {
            for paragraph in article.paragraphs {
                for question in paragraph.questions {
                    total += 1
                    seen.insert(question.id)
                    let golds = question.answers.map { normalization.normalizedText($0.text) }
                    guard let prediction = predictions[question.id].map(normalization.normalizedText) else {
                        missing.append(question.id)
                        details.append(Detail(id: question.id, prediction: nil, golds: golds, exactMatch: 0, f1: 0))
                        continue
                    }
                    let exact = KorQuADMetric.exactMatch(prediction, golds: golds)
                    let f1 = KorQuADMetric.f1(prediction, golds: golds)
                    if exact { exactSum += 1 }
                    f1Sum += f1
                    if !exact, normalization == .none {
                        func matches(_ step: InputNormalization) -> Bool {
                            KorQuADMetric.exactMatch(step.normalizedText(prediction), golds: golds.map(step.normalizedText))
                        }
                        if matches(.nfc) { matchUnderNFC.append(question.id) } else if matches(.nfkc) { matchUnderNFKCOnly.append(question.id) }
                    }
                    details.append(Detail(id: question.id, prediction: prediction, golds: golds, exactMatch: exact ? 1 : 0, f1: f1))
                }
            }
        }
        var warning: String?
        if let version = gold.version {
            let read = version.split(separator: "_", omittingEmptySubsequences: false).dropLast().joined(separator: "_")
            if read != expectedVersion { warning = "evaluation expects \(expectedVersion), but got dataset version \(read)" }
        }
        let unknown = predictions.keys.filter { !seen.contains($0) }.sorted()
        let n = Double(max(total, 1))
        return Result(exactMatch: 100.0 * Double(exactSum) / n, f1: 100.0 * f1Sum / n, total: total, missing: missing,
                      unknown: unknown, details: details, versionWarning: warning,
                      matchUnderNFC: matchUnderNFC, matchUnderNFKCOnly: matchUnderNFKCOnly)
    }

    /// Reads a prediction file: one JSON object mapping question ids to answer strings.
    /// - Throws: ``QAError`` naming the file and the offending id.
    public static func predictions(contentsOf path: String) throws -> [String: String] {
        try predictions(json: try KorQuADDataset.parseJSON(try KorQuADDataset.readFile(path), path: path), path: path)
    }

    /// Reads predictions from a parsed JSON object.
    /// - Throws: ``QAError``.
    public static func predictions(json: JSONValue, path: String = "<input>") throws -> [String: String] {
        guard let object = json.objectValue else {
            throw QAError(.wrongType, "predictions must be one object {\"question id\": \"answer\"}, found \(json.typeName)", path: path)
        }
        var result: [String: String] = [:]
        for (key, value) in object {
            guard let text = value.stringValue else {
                throw QAError(.wrongType, "expected the answer as a string, found \(value.typeName)", path: path, field: key)
            }
            result[key] = text
        }
        return result
    }
}

extension KorQuADEvaluation.Result {
    /// `{"exact_match", "f1"}` on the official 0–100 scale; with `details`, also `"total"` and each
    /// question's `{"id", "prediction", "gold", "exact_match", "f1"}` (`malmoi qa eval --format json`).
    public func jsonValue(details includesDetails: Bool) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("exact_match", .number(exactMatch)), ("f1", .number(f1))]
        if includesDetails {
            pairs.append(("total", .int(total)))
            pairs.append(("details", .array(details.map { detail in
                .object(JSONObject([("id", .string(detail.id)), ("prediction", .string(detail.prediction)),
                                    ("gold", .array(detail.golds.map { .string($0) })),
                                    ("exact_match", .number(detail.exactMatch)), ("f1", .number(detail.f1))]))
            })))
        }
        return .object(JSONObject(pairs))
    }
}
