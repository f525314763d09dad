import MalmoiCore
/// A person who annotates or reviews, with the qualifications they hold.
public struct Annotator: Hashable, Sendable {
    /// The annotator's pseudonymous id (what `--annotator` takes).
    public var id: String
    /// Qualifications held, e.g. `korean-native`, `abuse-expert`.
    public var qualifications: [String]

    /// Creates an annotator.
    public init(id: String, qualifications: [String] = []) {
        self.id = id
        self.qualifications = qualifications
    }
}

/// An item given to one annotator to work on, until they submit or skip it.
public struct Claim: Hashable, Sendable {
    /// The item.
    public var item: Item
    /// Whether the item is a gold item (scored against a known answer; the annotator is not told).
    public var isGold: Bool
    /// Whether this claim was left open by an earlier session and is being resumed.
    public var isResumed: Bool

    /// Creates a claim.
    public init(item: Item, isGold: Bool, isResumed: Bool) {
        self.item = item
        self.isGold = isGold
        self.isResumed = isResumed
    }
}

/// An answer to save.
public struct Submission: Sendable {
    /// The project.
    public var project: Project
    /// The item's id.
    public var item: String
    /// Who answered.
    public var annotator: String
    /// The parsed payload.
    public var payload: JSONValue
    /// The validator's warnings (errors never reach the store).
    public var warnings: [Finding]
    /// Seconds spent on the item.
    public var seconds: Double
    /// The gold score in `[0, 1]` when the item is a gold item.
    public var goldScore: Double?
    /// What the annotator did with the item's machine draft (see ``DraftAcceptance/outcome(of:for:module:)``).
    public var draftOutcome: DraftOutcome?
    /// The client-made id of this submission: a retry with the same id returns the stored answer instead of
    /// saving it twice (unique per annotator; nil: no retry recognition).
    public var submissionID: String?
    /// Whether the annotator goes on to the next item after this one: a store that can claim it with the answer
    /// (the team server's client, one request instead of two) does so. Stores that cannot ignore it.
    public var claimsNext: Bool

    /// Creates a submission.
    public init(project: Project, item: String, annotator: String, payload: JSONValue,
                warnings: [Finding] = [], seconds: Double = 0, goldScore: Double? = nil, draftOutcome: DraftOutcome? = nil,
                submissionID: String? = nil, claimsNext: Bool = false) {
        self.submissionID = submissionID
        self.claimsNext = claimsNext
        self.project = project
        self.item = item
        self.annotator = annotator
        self.payload = payload
        self.warnings = warnings
        self.seconds = seconds
        self.goldScore = goldScore
        self.draftOutcome = draftOutcome
    }
}

/// Where an annotator stands in a project.
public struct AnnotatorProgress: Hashable, Sendable {
    /// Items the annotator has submitted (gold items included).
    public var done: Int
    /// Items still available to this annotator (not done by them and still short of the overlap).
    public var remaining: Int
    /// Points in the ledger so far (credits minus reversals).
    public var points: Int

    /// Creates a progress record.
    public init(done: Int, remaining: Int, points: Int) {
        self.done = done
        self.remaining = remaining
        self.points = points
    }
}

/// Which annotations a review listing returns.
public enum ReviewFilter: String, Hashable, Sendable {
    /// Only annotations without any review yet.
    case pending
    /// Every current annotation, reviewed or not (for revisiting verdicts).
    case all
}

/// A verdict to record.
public struct ReviewSubmission: Sendable {
    /// The project (its points per accepted annotation are credited).
    public var project: Project
    /// The annotation reviewed.
    public var annotation: Int64
    /// The reviewer.
    public var reviewer: String
    /// Accepted or rejected.
    public var verdict: Review.Verdict
    /// Reason codes (required for a rejection when the project lists codes).
    public var reasons: [String]
    /// An optional comment.
    public var comment: String?
    /// The client-made id of this verdict: a retry with the same id returns the recorded verdict instead of
    /// recording it twice (unique per reviewer; nil: no retry recognition).
    public var submissionID: String?

    /// Creates a verdict.
    public init(project: Project, annotation: Int64, reviewer: String, verdict: Review.Verdict,
                reasons: [String] = [], comment: String? = nil, submissionID: String? = nil) {
        self.submissionID = submissionID
        self.project = project
        self.annotation = annotation
        self.reviewer = reviewer
        self.verdict = verdict
        self.reasons = reasons
        self.comment = comment
    }
}

/// One append-only entry of the points ledger.
public struct LedgerEntry: Hashable, Sendable {
    /// The entry's id.
    public var id: Int64
    /// Who the points go to.
    public var annotator: String
    /// The annotation credited.
    public var annotation: Int64
    /// The review that caused the entry.
    public var review: Int64
    /// Points: positive for a credit, negative for a reversal.
    public var points: Int
    /// The credit this entry reverses, if it is a reversal.
    public var reverses: Int64?
    /// When, ISO 8601 UTC.
    public var at: String

    /// Creates an entry.
    public init(id: Int64, annotator: String, annotation: Int64, review: Int64, points: Int, reverses: Int64?, at: String) {
        self.id = id
        self.annotator = annotator
        self.annotation = annotation
        self.review = review
        self.points = points
        self.reverses = reverses
        self.at = at
    }
}

/// What recording a verdict did.
public struct ReviewOutcome: Hashable, Sendable {
    /// The review row.
    public var review: Review
    /// Ledger entries written (a credit, a reversal, or none).
    public var ledgerEntries: [LedgerEntry]

    /// Creates an outcome.
    public init(review: Review, ledgerEntries: [LedgerEntry]) {
        self.review = review
        self.ledgerEntries = ledgerEntries
    }
}

/// Per-annotator figures of a project.
public struct AnnotatorStatistics: Hashable, Sendable {
    /// The annotator.
    public var annotator: String
    /// Current annotations submitted.
    public var submitted: Int
    /// Of those, accepted by the latest review.
    public var accepted: Int
    /// Of those, rejected by the latest review.
    public var rejected: Int
    /// Points in the ledger.
    public var points: Int
    /// Gold items answered.
    public var goldAnswered: Int
    /// Mean gold score, nil when no gold item was answered.
    public var goldAccuracy: Double?
    /// Mean seconds per annotation.
    public var meanSeconds: Double

    /// Creates a record.
    public init(annotator: String, submitted: Int, accepted: Int, rejected: Int, points: Int,
                goldAnswered: Int, goldAccuracy: Double?, meanSeconds: Double) {
        self.annotator = annotator
        self.submitted = submitted
        self.accepted = accepted
        self.rejected = rejected
        self.points = points
        self.goldAnswered = goldAnswered
        self.goldAccuracy = goldAccuracy
        self.meanSeconds = meanSeconds
    }

    /// accepted / (accepted + rejected), nil before any review.
    public var acceptanceRate: Double? {
        accepted + rejected == 0 ? nil : Double(accepted) / Double(accepted + rejected)
    }
}

/// A project's progress and quality figures (`malmoi stats`).
public struct ProjectStatistics: Hashable, Sendable {
    /// Items in the project, gold items excluded.
    public var items: Int
    /// Gold items.
    public var goldItems: Int
    /// Items that have all the annotations the overlap asks for.
    public var completeItems: Int
    /// Items still short of their overlap.
    public var shortItems: Int
    /// The first (up to 20) ids of items short of their overlap.
    public var shortItemSample: [String]
    /// Current annotations.
    public var annotations: Int
    /// Annotations whose latest review accepted them.
    public var accepted: Int
    /// Annotations whose latest review rejected them.
    public var rejected: Int
    /// Annotations not reviewed yet.
    public var pending: Int
    /// Per annotator, sorted by id.
    public var annotators: [AnnotatorStatistics]
    /// Claims held now (not yet submitted, skipped, released or expired), by annotator.
    public var claimsHeld: [String: Int]

    /// Creates statistics.
    public init(items: Int, goldItems: Int, completeItems: Int, shortItems: Int, shortItemSample: [String],
                annotations: Int, accepted: Int, rejected: Int, pending: Int, annotators: [AnnotatorStatistics],
                claimsHeld: [String: Int] = [:]) {
        self.claimsHeld = claimsHeld
        self.items = items
        self.goldItems = goldItems
        self.completeItems = completeItems
        self.shortItems = shortItems
        self.shortItemSample = shortItemSample
        self.annotations = annotations
        self.accepted = accepted
        self.rejected = rejected
        self.pending = pending
        self.annotators = annotators
    }

    /// accepted / (accepted + rejected), nil before any review.
    public var acceptanceRate: Double? {
        accepted + rejected == 0 ? nil : Double(accepted) / Double(accepted + rejected)
    }

    /// Claims held now, all annotators together.
    public var totalClaimsHeld: Int { claimsHeld.values.reduce(0, +) }
}
