import MalmoiCore
/// One item to import, with what a JSONL export carries besides it (gold answer, annotations, reviews).
public struct ImportRecord: Sendable {
    /// The item (its text already normalized as the project wants).
    public var item: Item
    /// The gold answer, when the item is a gold item.
    public var gold: JSONValue?
    /// Annotations to restore (from a Malmoi JSONL export), in order.
    public var annotations: [ImportedAnnotation]
    /// Where the record was read, for error messages.
    public var location: SourceLocation?

    /// Creates a record.
    public init(item: Item, gold: JSONValue? = nil, annotations: [ImportedAnnotation] = [], location: SourceLocation? = nil) {
        self.item = item
        self.gold = gold
        self.annotations = annotations
        self.location = location
    }
}

/// An annotation restored from an export, with its reviews.
public struct ImportedAnnotation: Hashable, Sendable {
    /// Who annotated.
    public var annotator: String
    /// The payload.
    public var payload: JSONValue
    /// The validator's warnings at submission.
    public var warnings: [Finding]
    /// When it was submitted.
    public var submittedAt: String
    /// Seconds spent.
    public var seconds: Double
    /// The gold score, when the item is gold.
    public var goldScore: Double?
    /// Reviews, oldest first.
    public var reviews: [ImportedReview]
    /// What the annotator did with the item's machine draft, when it had one.
    public var draftOutcome: DraftOutcome?

    /// Creates an imported annotation.
    public init(annotator: String, payload: JSONValue, warnings: [Finding] = [], submittedAt: String,
                seconds: Double = 0, goldScore: Double? = nil, reviews: [ImportedReview] = [], draftOutcome: DraftOutcome? = nil) {
        self.draftOutcome = draftOutcome
        self.annotator = annotator
        self.payload = payload
        self.warnings = warnings
        self.submittedAt = submittedAt
        self.seconds = seconds
        self.goldScore = goldScore
        self.reviews = reviews
    }
}

/// A review restored from an export, with the points its ledger entry carried.
public struct ImportedReview: Hashable, Sendable {
    /// The reviewer.
    public var reviewer: String
    /// The verdict.
    public var verdict: Review.Verdict
    /// Reason codes.
    public var reasons: [String]
    /// The comment.
    public var comment: String?
    /// When.
    public var at: String
    /// Ledger points written with this review (credit positive, reversal negative, or 0).
    public var points: Int

    /// Creates an imported review.
    public init(reviewer: String, verdict: Review.Verdict, reasons: [String] = [], comment: String? = nil, at: String, points: Int = 0) {
        self.reviewer = reviewer
        self.verdict = verdict
        self.reasons = reasons
        self.comment = comment
        self.at = at
        self.points = points
    }
}

/// How an import treats existing ids and bad lines.
public struct ImportOptions: Hashable, Sendable {
    /// Replace the text and fields of items whose id already exists instead of refusing.
    public var upsert: Bool
    /// Skip bad lines (counting them) and commit in batches, instead of one all-or-nothing transaction.
    public var skipBad: Bool
    /// Records per batch.
    public var batchSize: Int

    /// Creates options (defaults: refuse existing ids, all or nothing, batches of 10,000).
    public init(upsert: Bool = false, skipBad: Bool = false, batchSize: Int = 10_000) {
        self.upsert = upsert
        self.skipBad = skipBad
        self.batchSize = max(1, batchSize)
    }
}

/// What an import did.
public struct ImportSummary: Hashable, Sendable {
    /// New items.
    public var inserted: Int
    /// Existing items replaced (`upsert`).
    public var updated: Int
    /// Bad lines skipped (`skipBad`).
    public var skipped: Int
    /// The first (up to 20) errors of skipped lines.
    public var skippedErrors: [String]
    /// Annotations restored.
    public var annotations: Int
    /// Reviews restored.
    public var reviews: Int
    /// Annotations in the input not restored because the annotator already had a current annotation
    /// on the item (`upsert` keeps the stored one).
    public var keptAnnotations = 0

    /// Creates a summary.
    public init(inserted: Int = 0, updated: Int = 0, skipped: Int = 0, skippedErrors: [String] = [], annotations: Int = 0, reviews: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.skipped = skipped
        self.skippedErrors = skippedErrors
        self.annotations = annotations
        self.reviews = reviews
    }
}

/// One item with its annotations and their reviews, as export writers receive it.
public struct ExportItem: Sendable {
    /// The item.
    public var item: Item
    /// The gold answer, when it is a gold item.
    public var gold: JSONValue?
    /// The current annotations selected for export, ordered by annotator id.
    public var annotations: [ExportAnnotation]
    /// Every current annotation's agreement label (for per-item agreement), ordered by annotator id;
    /// includes annotations not selected for export.
    public var allPayloads: [(annotator: String, payload: JSONValue)]

    /// Creates an export item.
    public init(item: Item, gold: JSONValue?, annotations: [ExportAnnotation], allPayloads: [(annotator: String, payload: JSONValue)]) {
        self.item = item
        self.gold = gold
        self.annotations = annotations
        self.allPayloads = allPayloads
    }
}

/// An annotation with its review history, as export writers receive it.
public struct ExportAnnotation: Sendable {
    /// The annotation.
    public var annotation: Annotation
    /// Its gold score, for gold items.
    public var goldScore: Double?
    /// Its reviews, oldest first, each with the ledger points it wrote.
    public var reviews: [(review: Review, points: Int)]
    /// The payload's compact JSON text as stored (equal to `annotation.payload.serialized()`), so writers
    /// can copy it without serializing again.
    public var payloadText: String

    /// Creates an export annotation.
    public init(annotation: Annotation, goldScore: Double?, reviews: [(review: Review, points: Int)], payloadText: String? = nil) {
        self.annotation = annotation
        self.goldScore = goldScore
        self.reviews = reviews
        self.payloadText = payloadText ?? annotation.payload.serialized()
    }

    /// `accepted` or `rejected` from the latest review, or `pending`.
    public var status: String { reviews.last?.review.verdict.rawValue ?? "pending" }
}
