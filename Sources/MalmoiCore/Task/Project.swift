/// An annotation project: one task kind, its configuration, and the rules of the workflow.
///
/// ```swift
/// var project = Project(name: "reviews", kind: .label,
///                       taskConfig: ["labels": ["긍정", "부정", "중립"]])
/// project.overlap = 2            // two annotators per item
/// project.pointsPerAccept = 10   // credited when a reviewer accepts an annotation
/// ```
public struct Project: Hashable, Sendable {
    /// The store's id (0 until the project is created in a store).
    public var id: Int64
    /// The project's unique name, used on the command line (`--project NAME`).
    public var name: String
    /// The task kind, which picks the task module.
    public var kind: TaskKind
    /// The task module's configuration (for `label`: `labels`, `multi`).
    public var taskConfig: JSONObject
    /// Path of the annotator guideline (Markdown) shown by `:guide`.
    public var guideline: String?
    /// Points credited to an annotator for each accepted annotation.
    public var pointsPerAccept: Int
    /// Annotations wanted per item (how many different annotators see each item).
    public var overlap: Int
    /// The qualification an annotator must hold to work on the project, if any.
    public var requiredQualification: String?
    /// Reason codes a reviewer may give when rejecting; empty means any code is accepted.
    public var reasonCodes: [String]
    /// Share of served items that are gold items, in `[0, 1]`; 0 turns gold items off.
    public var goldRate: Double
    /// Character-trigram similarity (Dice coefficient, `[0, 1]`) at or above which two submissions of one
    /// annotator are shown to the reviewer as near-duplicates.
    public var nearDuplicateThreshold: Double
    /// Whether items keep their bytes at import instead of being NFC-normalized.
    public var isVerbatim: Bool
    /// When the project was created, ISO 8601 in UTC.
    public var createdAt: String

    /// Creates a project description (defaults: overlap 1, 1 point, no gold, near-duplicates at 0.8).
    public init(id: Int64 = 0, name: String, kind: TaskKind, taskConfig: JSONObject = JSONObject(),
                guideline: String? = nil, pointsPerAccept: Int = 1, overlap: Int = 1,
                requiredQualification: String? = nil, reasonCodes: [String] = [], goldRate: Double = 0,
                nearDuplicateThreshold: Double = 0.8, isVerbatim: Bool = false, createdAt: String = "") {
        self.id = id
        self.name = name
        self.kind = kind
        self.taskConfig = taskConfig
        self.guideline = guideline
        self.pointsPerAccept = pointsPerAccept
        self.overlap = overlap
        self.requiredQualification = requiredQualification
        self.reasonCodes = reasonCodes
        self.goldRate = goldRate
        self.nearDuplicateThreshold = nearDuplicateThreshold
        self.isVerbatim = isVerbatim
        self.createdAt = createdAt
    }

    /// The project as a JSON object, in a fixed key order (used by `project show` and export headers).
    public var jsonValue: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .string(name)), ("kind", .string(kind.rawValue)), ("task_config", .object(taskConfig)),
            ("guideline", .string(guideline)), ("points_per_accept", .int(pointsPerAccept)),
            ("overlap", .int(overlap)), ("required_qualification", .string(requiredQualification)),
            ("reason_codes", .array(reasonCodes.map { .string($0) })), ("gold_rate", .number(goldRate)),
            ("near_duplicate_threshold", .number(nearDuplicateThreshold)),
            ("normalization", .string(isVerbatim ? "none" : "NFC")),
        ]
        pairs.append(("created_at", .string(createdAt)))
        return .object(JSONObject(pairs))
    }
}
