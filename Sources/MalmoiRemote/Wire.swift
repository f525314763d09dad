import MalmoiCore
import MalmoiStore

/// The JSON shapes of the team server's API (`/api/v1`, described in `docs/openapi.yaml`).
///
/// ```swift
/// let body = Wire.project(project)          // what the server sends
/// let back = try Wire.project(from: body)   // what the client reads
/// ```
/// Both sides use these functions, so the server and ``RemoteStore`` cannot drift apart. Keys are snake_case;
/// ids of annotations, reviews and ledger entries are JSON numbers (exact up to 2^53).
public enum Wire {
    /// The path that the location of a body's field errors names (`body: field "item": …`).
    public static let bodyPath = "body"

    /// A malformed body: the field reader's ``InputError``, located at path ``bodyPath`` and the field's name
    /// (`field "item": expected a string, found number`). Deliberately not a ``MalmoiReportableError``: the server
    /// answers it with 400, and in a client a malformed answer from the server is a runtime failure (exit 1), not
    /// bad input of the user's.
    public struct BodyError: Error, Sendable, CustomStringConvertible {
        /// The located error.
        public var error: InputError
        /// The located error's text.
        public var description: String { error.description }
    }

    /// The typed-field reader behind every reading helper (``JSONFieldReader``, its errors wrapped as ``BodyError``).
    public static let reader = JSONFieldReader(path: bodyPath, wrap: { BodyError(error: $0) })

    // MARK: Reading helpers

    /// The object a body must be; `name` is the field named in the error (the whole body by default).
    public static func object(_ value: JSONValue, _ name: String = "") throws -> JSONObject {
        try reader.object(value, name)
    }

    /// A required string field.
    public static func string(_ object: JSONObject, _ key: String) throws -> String {
        try reader.string(object, key)
    }

    /// An optional string field: nil when absent or null.
    public static func optionalString(_ object: JSONObject, _ key: String) throws -> String? {
        try reader.optionalString(object, key)
    }

    /// A required number field.
    public static func number(_ object: JSONObject, _ key: String) throws -> Double {
        try reader.double(object, key)
    }

    /// An optional number field: nil when absent or null.
    public static func optionalNumber(_ object: JSONObject, _ key: String) throws -> Double? {
        guard let value = object[key], !value.isNull else { return nil }
        return try reader.double(object, key)
    }

    /// A required integer field.
    public static func int(_ object: JSONObject, _ key: String) throws -> Int {
        try reader.int(object, key)
    }

    /// A required id field (annotations, reviews and ledger entries have integer ids).
    public static func id(_ object: JSONObject, _ key: String) throws -> Int64 { Int64(try int(object, key)) }

    /// An optional id field: nil when absent or null.
    public static func optionalID(_ object: JSONObject, _ key: String) throws -> Int64? {
        guard let value = object[key], !value.isNull else { return nil }
        return Int64(try reader.int(object, key))
    }

    /// A required boolean field.
    public static func bool(_ object: JSONObject, _ key: String) throws -> Bool {
        let value = try reader.value(object, key)
        guard let bool = value.boolValue else {
            throw reader.error(key, "expected true or false, found \(value.typeName)", code: .wrongType)
        }
        return bool
    }

    /// An optional boolean field: false when absent or null.
    public static func flag(_ object: JSONObject, _ key: String) throws -> Bool {
        guard let value = object[key], !value.isNull else { return false }
        return try bool(object, key)
    }

    /// An array of strings (empty strings allowed); absent or null is the empty list.
    public static func strings(_ object: JSONObject, _ key: String) throws -> [String] {
        guard let value = object[key], !value.isNull else { return [] }
        return try reader.array(value, key).enumerated().map { index, element in
            guard let text = element.stringValue else {
                throw reader.error("\(key)[\(index)]", "expected a string, found \(element.typeName)", code: .wrongType)
            }
            return text
        }
    }

    /// A required array field.
    public static func array(_ object: JSONObject, _ key: String) throws -> [JSONValue] {
        try reader.array(object, key)
    }

    /// An id as it is written: a JSON number.
    public static func id(_ value: Int64) -> JSONValue { .number(Double(value)) }
    /// An optional id as it is written: a JSON number, or null.
    public static func id(_ value: Int64?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }
    /// An optional number as it is written: the number, or null.
    public static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    /// A list of strings as it is written: a JSON array.
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    // MARK: Projects

    /// A project, every setting included (unlike `Project.jsonValue`, which is for people).
    public static func project(_ project: Project) -> JSONValue {
        .object(JSONObject([
            ("id", id(project.id)), ("name", .string(project.name)), ("kind", .string(project.kind.rawValue)),
            ("task_config", .object(project.taskConfig)), ("guideline", .string(project.guideline)),
            ("points_per_accept", .int(project.pointsPerAccept)), ("overlap", .int(project.overlap)),
            ("required_qualification", .string(project.requiredQualification)),
            ("reason_codes", strings(project.reasonCodes)), ("gold_rate", .number(project.goldRate)),
            ("near_duplicate_threshold", .number(project.nearDuplicateThreshold)),
            ("verbatim", .bool(project.isVerbatim)), ("created_at", .string(project.createdAt)),
        ]))
    }

    /// Reads ``project(_:)``.
    public static func project(from value: JSONValue) throws -> Project {
        let o = try object(value)
        return Project(id: Int64(o["id"]?.intValue ?? 0), name: try string(o, "name"), kind: TaskKind(try string(o, "kind")),
                       taskConfig: o["task_config"]?.objectValue ?? JSONObject(), guideline: try optionalString(o, "guideline"),
                       pointsPerAccept: o["points_per_accept"]?.intValue ?? 1, overlap: o["overlap"]?.intValue ?? 1,
                       requiredQualification: try optionalString(o, "required_qualification"),
                       reasonCodes: try strings(o, "reason_codes"), goldRate: o["gold_rate"]?.doubleValue ?? 0,
                       nearDuplicateThreshold: o["near_duplicate_threshold"]?.doubleValue ?? 0.8,
                       isVerbatim: o["verbatim"]?.boolValue ?? false, createdAt: o["created_at"]?.stringValue ?? "")
    }

    // MARK: Annotators, items, claims

    /// An annotator.
    public static func annotator(_ annotator: Annotator) -> JSONValue {
        .object(JSONObject([("id", .string(annotator.id)), ("qualifications", strings(annotator.qualifications))]))
    }

    /// Reads ``annotator(_:)``.
    public static func annotator(from value: JSONValue) throws -> Annotator {
        let o = try object(value)
        return Annotator(id: try string(o, "id"), qualifications: try strings(o, "qualifications"))
    }

    /// An item.
    public static func item(_ item: Item) -> JSONValue {
        .object(JSONObject([
            ("id", .string(item.id)), ("text", .string(item.text)), ("fields", .object(item.fields)),
            ("source", .string(item.source)), ("pre_annotation", item.preAnnotation ?? .null),
        ]))
    }

    /// Reads ``item(_:)``.
    public static func item(from value: JSONValue) throws -> Item {
        let o = try object(value, "item")
        let pre = o["pre_annotation"]
        return Item(id: try string(o, "id"), text: try string(o, "text"), fields: o["fields"]?.objectValue ?? JSONObject(),
                    source: try optionalString(o, "source"), preAnnotation: pre?.isNull == false ? pre : nil)
    }

    /// A claim.
    public static func claim(_ claim: Claim) -> JSONValue {
        .object(JSONObject([("item", item(claim.item)), ("gold", .bool(claim.isGold)), ("resumed", .bool(claim.isResumed))]))
    }

    /// Reads ``claim(_:)``.
    public static func claim(from value: JSONValue) throws -> Claim {
        let o = try object(value, "claim")
        return Claim(item: try item(from: o["item"] ?? .null), isGold: try bool(o, "gold"), isResumed: try bool(o, "resumed"))
    }

    // MARK: Annotations, reviews, ledger

    /// Findings (validator warnings).
    public static func findings(_ findings: [Finding]) -> JSONValue { .array(findings.map(\.jsonValue)) }

    /// Reads ``findings(_:)``; entries that are not findings are dropped.
    public static func findings(from value: JSONValue?) -> [Finding] {
        (value?.arrayValue ?? []).compactMap(Finding.init(json:))
    }

    /// An annotation.
    public static func annotation(_ annotation: Annotation) -> JSONValue {
        .object(JSONObject([
            ("id", id(annotation.id)), ("item", .string(annotation.item)), ("annotator", .string(annotation.annotator)),
            ("payload", annotation.payload), ("warnings", findings(annotation.warnings)),
            ("submitted_at", .string(annotation.submittedAt)), ("seconds", .number(annotation.seconds)),
            ("supersedes", id(annotation.supersedes)),
            ("draft_outcome", annotation.draftOutcome.map { .string($0.rawValue) } ?? .null),
        ]))
    }

    /// Reads ``annotation(_:)``.
    public static func annotation(from value: JSONValue) throws -> Annotation {
        let o = try object(value, "annotation")
        return Annotation(id: try id(o, "id"), item: try string(o, "item"), annotator: try string(o, "annotator"),
                          payload: o["payload"] ?? .null, warnings: findings(from: o["warnings"]),
                          submittedAt: try string(o, "submitted_at"), seconds: try number(o, "seconds"),
                          supersedes: try optionalID(o, "supersedes"),
                          draftOutcome: o["draft_outcome"]?.stringValue.flatMap(DraftOutcome.init(rawValue:)))
    }

    /// A review.
    public static func review(_ review: Review) -> JSONValue {
        .object(JSONObject([
            ("id", id(review.id)), ("annotation", id(review.annotation)), ("reviewer", .string(review.reviewer)),
            ("verdict", .string(review.verdict.rawValue)), ("reasons", strings(review.reasons)),
            ("comment", .string(review.comment)), ("at", .string(review.at)),
        ]))
    }

    /// Reads ``review(_:)``.
    public static func review(from value: JSONValue) throws -> Review {
        let o = try object(value, "review")
        guard let verdict = Review.Verdict(rawValue: try string(o, "verdict")) else {
            throw reader.error("verdict", "expected accepted or rejected")
        }
        return Review(id: try id(o, "id"), annotation: try id(o, "annotation"), reviewer: try string(o, "reviewer"),
                      verdict: verdict, reasons: try strings(o, "reasons"), comment: try optionalString(o, "comment"),
                      at: try string(o, "at"))
    }

    /// A ledger entry.
    public static func ledgerEntry(_ entry: LedgerEntry) -> JSONValue {
        .object(JSONObject([
            ("id", id(entry.id)), ("annotator", .string(entry.annotator)), ("annotation", id(entry.annotation)),
            ("review", id(entry.review)), ("points", .int(entry.points)), ("reverses", id(entry.reverses)),
            ("at", .string(entry.at)),
        ]))
    }

    /// Reads ``ledgerEntry(_:)``.
    public static func ledgerEntry(from value: JSONValue) throws -> LedgerEntry {
        let o = try object(value, "ledger entry")
        return LedgerEntry(id: try id(o, "id"), annotator: try string(o, "annotator"), annotation: try id(o, "annotation"),
                           review: try id(o, "review"), points: try int(o, "points"), reverses: try optionalID(o, "reverses"),
                           at: try string(o, "at"))
    }

    /// A review outcome.
    public static func reviewOutcome(_ outcome: ReviewOutcome) -> JSONValue {
        .object(JSONObject([("review", review(outcome.review)), ("ledger", .array(outcome.ledgerEntries.map(ledgerEntry)))]))
    }

    /// Reads ``reviewOutcome(_:)``.
    public static func reviewOutcome(from value: JSONValue) throws -> ReviewOutcome {
        let o = try object(value)
        return ReviewOutcome(review: try review(from: o["review"] ?? .null), ledgerEntries: try array(o, "ledger").map(ledgerEntry(from:)))
    }

    /// An annotator's progress.
    public static func progress(_ progress: AnnotatorProgress) -> JSONValue {
        .object(JSONObject([("done", .int(progress.done)), ("remaining", .int(progress.remaining)), ("points", .int(progress.points))]))
    }

    /// Reads ``progress(_:)``.
    public static func progress(from value: JSONValue) throws -> AnnotatorProgress {
        let o = try object(value)
        return AnnotatorProgress(done: try int(o, "done"), remaining: try int(o, "remaining"), points: try int(o, "points"))
    }

    // MARK: Statistics and export

    /// A project's statistics.
    public static func statistics(_ s: ProjectStatistics) -> JSONValue {
        let annotators: [JSONValue] = s.annotators.map { a in
            .object(JSONObject([
                ("annotator", .string(a.annotator)), ("submitted", .int(a.submitted)), ("accepted", .int(a.accepted)),
                ("rejected", .int(a.rejected)), ("points", .int(a.points)), ("gold_answered", .int(a.goldAnswered)),
                ("gold_accuracy", number(a.goldAccuracy)), ("mean_seconds", .number(a.meanSeconds)),
            ]))
        }
        return .object(JSONObject([
            ("items", .int(s.items)), ("gold_items", .int(s.goldItems)), ("complete_items", .int(s.completeItems)),
            ("short_items", .int(s.shortItems)), ("short_item_sample", strings(s.shortItemSample)),
            ("annotations", .int(s.annotations)), ("accepted", .int(s.accepted)), ("rejected", .int(s.rejected)),
            ("pending", .int(s.pending)), ("annotators", .array(annotators)),
            ("claims_held", .object(JSONObject(s.claimsHeld.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }))),
        ]))
    }

    /// Reads ``statistics(_:)``.
    public static func statistics(from value: JSONValue) throws -> ProjectStatistics {
        let o = try object(value)
        let annotators = try array(o, "annotators").map { value -> AnnotatorStatistics in
            let a = try object(value, "annotators[]")
            return AnnotatorStatistics(annotator: try string(a, "annotator"), submitted: try int(a, "submitted"),
                                       accepted: try int(a, "accepted"), rejected: try int(a, "rejected"),
                                       points: try int(a, "points"), goldAnswered: try int(a, "gold_answered"),
                                       goldAccuracy: try optionalNumber(a, "gold_accuracy"), meanSeconds: try number(a, "mean_seconds"))
        }
        var claims: [String: Int] = [:]
        for (key, count) in o["claims_held"]?.objectValue ?? JSONObject() { claims[key] = count.intValue ?? 0 }
        return ProjectStatistics(items: try int(o, "items"), goldItems: try int(o, "gold_items"),
                                 completeItems: try int(o, "complete_items"), shortItems: try int(o, "short_items"),
                                 shortItemSample: try strings(o, "short_item_sample"), annotations: try int(o, "annotations"),
                                 accepted: try int(o, "accepted"), rejected: try int(o, "rejected"), pending: try int(o, "pending"),
                                 annotators: annotators, claimsHeld: claims)
    }

    /// One export item (one line of the export stream).
    public static func exportItem(_ e: ExportItem) -> JSONValue {
        let annotations: [JSONValue] = e.annotations.map { a in
            .object(JSONObject([
                ("annotation", annotation(a.annotation)), ("gold_score", number(a.goldScore)),
                ("reviews", .array(a.reviews.map { .object(JSONObject([("review", review($0.review)), ("points", .int($0.points))])) })),
            ]))
        }
        let payloads: [JSONValue] = e.allPayloads.map {
            .object(JSONObject([("annotator", .string($0.annotator)), ("payload", $0.payload)]))
        }
        return .object(JSONObject([
            ("item", item(e.item)), ("gold", e.gold ?? .null), ("annotations", .array(annotations)), ("all_payloads", .array(payloads)),
        ]))
    }

    /// Reads ``exportItem(_:)``.
    public static func exportItem(from value: JSONValue) throws -> ExportItem {
        let o = try object(value)
        let annotations = try array(o, "annotations").map { value -> ExportAnnotation in
            let a = try object(value, "annotations[]")
            let reviews = try array(a, "reviews").map { value -> (review: Review, points: Int) in
                let r = try object(value, "reviews[]")
                return (review: try review(from: r["review"] ?? .null), points: try int(r, "points"))
            }
            return ExportAnnotation(annotation: try annotation(from: a["annotation"] ?? .null),
                                    goldScore: try optionalNumber(a, "gold_score"), reviews: reviews)
        }
        let payloads = try array(o, "all_payloads").map { value -> (annotator: String, payload: JSONValue) in
            let p = try object(value, "all_payloads[]")
            return (annotator: try string(p, "annotator"), payload: p["payload"] ?? .null)
        }
        let gold = o["gold"]
        return ExportItem(item: try item(from: o["item"] ?? .null), gold: gold?.isNull == false ? gold : nil,
                          annotations: annotations, allPayloads: payloads)
    }

    // MARK: Errors

    /// The body of every error response: `{"error": {"code": …, "message": …}}`.
    public static func error(code: String, message: String) -> JSONValue {
        .object(JSONObject([("error", .object(JSONObject([("code", .string(code)), ("message", .string(message))])))]))
    }
}
