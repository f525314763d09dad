import MalmoiCore

/// The rules and tallies every ``AnnotationStore`` shares, written once: what a new project, a review's
/// reason codes or a claim timeout must satisfy, and how per-annotator counts become
/// ``ProjectStatistics``. Each store only reads its rows and hands them here.
///
/// ```swift
/// let created = try StoreRules.newProject(project, createdAt: "2026-12-03T13:00:00Z")
/// ```
public enum StoreRules {
    /// Checks a project about to be created and fills in its creation time when it has none.
    /// - Throws: ``StoreError`` `.invalidValue` naming the first setting out of range.
    public static func newProject(_ project: Project, createdAt now: String) throws -> Project {
        guard !project.name.isEmpty else { throw StoreError(.invalidValue, "a project needs a name") }
        guard project.overlap >= 1 else { throw StoreError(.invalidValue, "overlap must be at least 1, got \(project.overlap)") }
        guard project.pointsPerAccept >= 0 else { throw StoreError(.invalidValue, "points must not be negative") }
        guard (0...1).contains(project.goldRate) else { throw StoreError(.invalidValue, "gold rate must be in [0, 1], got \(project.goldRate)") }
        guard (0...1).contains(project.nearDuplicateThreshold) else {
            throw StoreError(.invalidValue, "near-duplicate threshold must be in [0, 1], got \(project.nearDuplicateThreshold)")
        }
        var created = project
        if created.createdAt.isEmpty { created.createdAt = now }
        return created
    }

    /// Checks the reason codes of a review against the project's list (a rejection needs at least one
    /// when the project has a list; every code must be on it).
    /// - Throws: ``StoreError`` `.invalidValue`.
    public static func checkReasons(_ submission: ReviewSubmission) throws {
        let project = submission.project
        guard submission.verdict == .rejected && !project.reasonCodes.isEmpty else { return }
        guard !submission.reasons.isEmpty else {
            throw StoreError(.invalidValue, "a rejection needs a reason code: \(project.reasonCodes.joined(separator: ", "))")
        }
        for reason in submission.reasons where !project.reasonCodes.contains(reason) {
            throw StoreError(.invalidValue, "unknown reason code \"\(reason)\"; use one of \(project.reasonCodes.joined(separator: ", "))")
        }
    }

    /// The annotator whose annotation a review is about, after checking that it exists (`annotator` nil
    /// when the store found no such annotation in the project), is current, and is not the reviewer's own.
    /// - Throws: ``StoreError`` `.notFound` or `.conflict`.
    public static func reviewedAnnotator(_ submission: ReviewSubmission, annotator: String?, isCurrent: Bool) throws -> String {
        guard let annotator else {
            throw StoreError(.notFound, "no annotation \(submission.annotation) in project \"\(submission.project.name)\"")
        }
        guard isCurrent else {
            throw StoreError(.conflict, "annotation \(submission.annotation) was replaced by an edit; review the new one")
        }
        guard annotator != submission.reviewer else {
            throw StoreError(.conflict, "\(submission.reviewer) cannot review their own annotation")
        }
        return annotator
    }

    /// The reason codes a review stores: none for an acceptance.
    public static func storedReasons(_ submission: ReviewSubmission) -> [String] {
        submission.verdict == .accepted ? [] : submission.reasons
    }

    /// What a verdict does to the points ledger, given the annotation's previous verdict (nil when none).
    public enum LedgerChange: Equatable, Sendable {
        /// Nothing is written.
        case none
        /// A credit of this many points.
        case credit(Int)
        /// The last unreversed credit of the annotation is reversed (a rejection after an acceptance).
        case reverseLastCredit
    }

    /// The ledger change of a verdict: an acceptance credits the project's points once (not again after
    /// an earlier acceptance); a rejection after an acceptance reverses that credit.
    public static func ledgerChange(_ verdict: Review.Verdict, previous: String?, pointsPerAccept: Int) -> LedgerChange {
        if verdict == .accepted && previous != Review.Verdict.accepted.rawValue && pointsPerAccept > 0 { return .credit(pointsPerAccept) }
        if verdict == .rejected && previous == Review.Verdict.accepted.rawValue { return .reverseLastCredit }
        return .none
    }

    /// The error a store call throws for `error`: the project's own errors (a ``StoreError``, an input
    /// error, any ``MalmoiReportableError``) pass unchanged; anything else (the database driver's) becomes a
    /// ``StoreError`` `.database` with `message`, and `describe(error)` as its cause.
    public static func storeFailure(_ error: any Error, _ message: String,
                                    describe: (any Error) -> String = { "\($0)" }) -> any Error {
        if error is any MalmoiReportableError { return error }
        return StoreError(.database, message, cause: describe(error))
    }

    /// Checks a claim timeout in seconds.
    /// - Throws: ``StoreError`` `.invalidValue` unless it is positive and finite.
    public static func checkClaimTimeout(_ seconds: Double) throws {
        guard seconds > 0, seconds.isFinite else { throw StoreError(.invalidValue, "a claim timeout must be positive, got \(seconds)") }
    }

    /// Whether a claim is to be a gold item, drawn at `rate` (0 to 1) from the system's random numbers, so that
    /// nothing an annotator sees tells the outcome of the next draw.
    public static func drawsGold(rate: Double) -> Bool {
        rate > 0 && Double.random(in: 0..<1) < rate
    }

    /// A random gold ordinal from 1 to `last` (where the draw of a gold item starts its seek).
    public static func goldOrdinal(upTo last: Int64) -> Int64 {
        Int64.random(in: 1...max(last, 1))
    }
}

/// Per-annotator counts of a project's current annotations and points, gathered row by row (or group by
/// group) by a store and turned into ``ProjectStatistics``.
public struct StatisticsTally: Sendable {
    private var perAnnotator: [String: AnnotatorStatistics] = [:]
    private var goldSums: [String: Double] = [:]
    private var secondSums: [String: Double] = [:]
    private var annotations = 0
    private var accepted = 0
    private var rejected = 0

    /// An empty tally.
    public init() {}

    /// Adds `submitted` current annotations of one annotator (one row, or one group of rows).
    /// - Parameters:
    ///   - seconds: the seconds they took, summed.
    ///   - goldAnswered: how many of them answered gold items; `goldSum` is the sum of their gold scores.
    ///   - accepted: how many a review accepted last; `rejected` likewise.
    public mutating func add(annotator: String, submitted: Int, seconds: Double, goldAnswered: Int, goldSum: Double,
                             accepted: Int, rejected: Int) {
        var record = perAnnotator[annotator] ?? Self.blank(annotator)
        record.submitted += submitted
        record.accepted += accepted
        record.rejected += rejected
        record.goldAnswered += goldAnswered
        perAnnotator[annotator] = record
        secondSums[annotator, default: 0] += seconds
        goldSums[annotator, default: 0] += goldSum
        annotations += submitted
        self.accepted += accepted
        self.rejected += rejected
    }

    /// Adds one annotation with its last review's verdict (`"accepted"`, `"rejected"` or nil) and gold score.
    public mutating func add(annotator: String, seconds: Double, verdict: String?, goldScore: Double?) {
        add(annotator: annotator, submitted: 1, seconds: seconds, goldAnswered: goldScore == nil ? 0 : 1, goldSum: goldScore ?? 0,
            accepted: verdict == "accepted" ? 1 : 0, rejected: verdict == "rejected" ? 1 : 0)
    }

    /// Sets an annotator's points (the sum of their ledger entries in the project).
    public mutating func setPoints(annotator: String, points: Int) {
        var record = perAnnotator[annotator] ?? Self.blank(annotator)
        record.points = points
        perAnnotator[annotator] = record
    }

    /// The statistics, annotators in id order, with their mean seconds and gold accuracy.
    public func statistics(items: Int, goldItems: Int, shortItems: Int, shortItemSample: [String],
                           claimsHeld: [String: Int]) -> ProjectStatistics {
        let annotators = perAnnotator.keys.sorted().map { key -> AnnotatorStatistics in
            var record = perAnnotator[key]!
            if record.goldAnswered > 0 { record.goldAccuracy = goldSums[key, default: 0] / Double(record.goldAnswered) }
            if record.submitted > 0 { record.meanSeconds = secondSums[key, default: 0] / Double(record.submitted) }
            return record
        }
        return ProjectStatistics(items: items, goldItems: goldItems, completeItems: items - shortItems, shortItems: shortItems,
                                 shortItemSample: shortItemSample, annotations: annotations, accepted: accepted,
                                 rejected: rejected, pending: annotations - accepted - rejected,
                                 annotators: annotators, claimsHeld: claimsHeld)
    }

    private static func blank(_ annotator: String) -> AnnotatorStatistics {
        AnnotatorStatistics(annotator: annotator, submitted: 0, accepted: 0, rejected: 0, points: 0, goldAnswered: 0,
                            goldAccuracy: nil, meanSeconds: 0)
    }
}

/// The merge join behind every store's export: the current annotations (sorted by item, then annotator)
/// and their reviews (sorted the same way, then by review) are read as two streams beside the items
/// (sorted by id), and each item gets its annotations with their review histories, in one pass and
/// bounded memory.
public struct ExportJoin {
    /// The next annotation of the stream: its item's row id and the annotation.
    public typealias NextAnnotation = () throws -> (item: Int64, annotation: ExportAnnotation)?
    /// The next review of the stream: its item's row id, its annotation's id and the review with its points.
    public typealias NextReview = () throws -> (item: Int64, annotation: Int64, review: (review: Review, points: Int))?

    private let nextAnnotation: NextAnnotation
    private let nextReview: NextReview
    private var pendingAnnotation: (item: Int64, annotation: ExportAnnotation)?
    private var pendingReview: (item: Int64, annotation: Int64, review: (review: Review, points: Int))?

    /// Starts the join, reading the first row of each stream.
    public init(annotations: @escaping NextAnnotation, reviews: @escaping NextReview) throws {
        nextAnnotation = annotations
        nextReview = reviews
        pendingAnnotation = try annotations()
        pendingReview = try reviews()
    }

    /// The export entry of the item with row id `itemID` and id `key` (items are asked in ascending row
    /// id order), or nil when only accepted annotations are wanted and it has none; `make` decodes the
    /// item and its gold answer, only when the entry is wanted.
    public mutating func exportItem(_ itemID: Int64, key: String, includeAll: Bool,
                                    _ make: () throws -> (item: Item, gold: JSONValue?)) throws -> ExportItem? {
        var gathered: [ExportAnnotation] = []
        while let (annotationItem, annotation) = pendingAnnotation, annotationItem <= itemID {
            if annotationItem == itemID {
                var history: [(review: Review, points: Int)] = []
                while let (reviewItem, reviewAnnotation, review) = pendingReview,
                      reviewItem < itemID || (reviewItem == itemID && reviewAnnotation == annotation.annotation.id) {
                    if reviewItem == itemID { history.append(review) }
                    pendingReview = try nextReview()
                }
                var complete = annotation
                complete.annotation.item = key
                complete.reviews = history
                gathered.append(complete)
            }
            pendingAnnotation = try nextAnnotation()
        }
        let selected = includeAll ? gathered : gathered.filter { $0.status == "accepted" }
        if !includeAll && selected.isEmpty { return nil }
        let (item, gold) = try make()
        return ExportItem(item: item, gold: gold, annotations: selected,
                          allPayloads: gathered.map { ($0.annotation.annotator, $0.annotation.payload) })
    }
}
