import MalmoiCore
/// Where a project's items, annotations, reviews and points live.
///
/// ```swift
/// let store: any AnnotationStore = try SQLiteStore(path: "malmoi.sqlite")
/// let project = try store.createProject(Project(name: "reviews", kind: .label,
///                                               taskConfig: ["labels": ["긍정", "부정"]]))
/// if let claim = try store.claimNextItem(in: project, for: "kim") {
///     _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: "kim",
///                                     payload: ["labels": ["긍정"]]))
/// }
/// ```
/// Callers (the CLI, the annotate and review sessions, export) see only this protocol and value types,
/// so another implementation (PostgreSQL for teams on many machines) can replace ``SQLiteStore``
/// without touching them. Every method is one transaction: it either happens completely or not at all,
/// and a process killed between calls loses nothing a call returned from. `Tests/MalmoiStoreTests`
/// holds a conformance suite that any implementation must pass.
public protocol AnnotationStore: AnyObject, Sendable {
    // MARK: Projects

    /// Creates a project; its `id` is filled in, and `createdAt` unless it is set (a copied project keeps it).
    /// - Throws: ``StoreError`` `.duplicate` when the name is taken, `.invalidValue` for a bad setting.
    func createProject(_ project: Project) throws -> Project

    /// The project with this name.
    /// - Throws: ``StoreError`` `.notFound`.
    func project(named name: String) throws -> Project

    /// Every project, by name.
    func projects() throws -> [Project]

    // MARK: Annotators

    /// Registers an annotator, or adds qualifications to an existing one.
    func registerAnnotator(_ id: String, qualifications: [String]) throws -> Annotator

    /// The annotator with this id, or nil.
    func annotator(_ id: String) throws -> Annotator?

    /// Every annotator the store knows, by id.
    func annotators() throws -> [Annotator]

    // MARK: Items

    /// Imports items streamed by `produce`, which calls its argument once per record.
    ///
    /// Without `skipBad` the whole import is one transaction: any error thrown by `produce` or by a
    /// record (an id that exists without `upsert`) rolls everything back. With `skipBad`, records are
    /// committed every `batchSize`, and a record that fails with an input or store error is skipped and
    /// counted (the error is rethrown to `produce`, whose reader counts it).
    func importItems(into project: Project, options: ImportOptions,
                     from produce: (_ consume: (ImportRecord) throws -> Void) throws -> Void) throws -> ImportSummary

    /// The item with this id, or nil.
    func item(_ id: String, in project: Project) throws -> Item?

    /// The gold answer of an item, or nil when it is not a gold item.
    func goldAnswer(for item: String, in project: Project) throws -> JSONValue?

    /// Sets the queue priority of items (higher is claimed first; `--order uncertainty`), in one
    /// transaction; items not named keep theirs. Returns how many items were updated.
    /// - Throws: ``StoreError`` `.notFound` naming an item the project lacks, `.invalidValue` for a
    ///   priority that is not finite; nothing is changed then.
    @discardableResult
    func setPriorities(_ priorities: [(item: String, priority: Double)], in project: Project) throws -> Int

    // MARK: Annotating

    /// Gives the annotator the next item to work on, atomically: an item the annotator has not had, that
    /// is still short of the project's overlap counting open claims, or a gold item at the project's gold
    /// rate. An open claim of the same annotator is resumed first. Nil when nothing is left.
    func claimNextItem(in project: Project, for annotator: String) throws -> Claim?

    /// Releases the annotator's open claims in the project (at `:quit` or end of input).
    func releaseClaims(in project: Project, for annotator: String) throws

    /// Frees open claims in the project, of one annotator or, with nil, of everyone (`project release`),
    /// giving their slots back. Returns how many claims were freed.
    func releaseClaims(in project: Project, annotator: String?) throws -> Int

    /// Seconds after which an unanswered claim expires and its slot goes back to the queue.
    func claimTimeout(of project: Project) throws -> Double

    /// Sets the project's claim timeout (claims already held keep their expiry).
    /// - Throws: ``StoreError`` `.invalidValue` unless `seconds` is positive.
    func setClaimTimeout(_ seconds: Double, of project: Project) throws

    /// Saves an answer to a claimed item and closes the claim. An answer whose claim expired or was
    /// released meanwhile is still kept when the item has an open slot (nobody took it).
    /// - Throws: ``StoreError`` `.conflict` when the annotator holds no claim on the item and its slots
    ///   are taken, or already annotated it.
    func submit(_ submission: Submission) throws -> Annotation

    /// Leaves a claimed item to others; the annotator will not be given it again.
    func skip(item: String, in project: Project, for annotator: String) throws

    /// Replaces an unreviewed annotation with a new one that supersedes it (history is kept).
    /// - Throws: ``StoreError`` `.conflict` when it was already reviewed or superseded.
    func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?) throws -> Annotation

    /// ``edit(annotation:payload:warnings:seconds:goldScore:)`` that also records whether the new answer
    /// kept, changed or replaced the item's draft (a store that cannot record it drops it).
    func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?,
              draftOutcome: DraftOutcome?) throws -> Annotation

    /// The annotator's most recent current annotation in the project.
    func latestAnnotation(in project: Project, by annotator: String) throws -> Annotation?

    /// Done, remaining and points for the annotator.
    func progress(in project: Project, for annotator: String) throws -> AnnotatorProgress

    // MARK: Reviewing

    /// Current annotations, grouped by annotator (ordered by annotator id, then submission order).
    func annotationsForReview(in project: Project, annotator: String?, filter: ReviewFilter) throws -> [Annotation]

    /// Every current annotation of one item, ordered by annotator id.
    func currentAnnotations(of item: String, in project: Project) throws -> [Annotation]

    /// Every current annotation of the project, streamed, ordered by annotator id then item.
    func forEachCurrentAnnotation(in project: Project, _ body: (Annotation) throws -> Void) throws

    /// Reviews of an annotation, oldest first.
    func reviews(of annotation: Int64) throws -> [Review]

    /// Reviews of an annotation of `project`, oldest first; none for an annotation of another project.
    func reviews(of annotation: Int64, in project: Project) throws -> [Review]

    /// Where `annotator` stands with an item of `project` (nil: never served to them; ``ItemAssignment/lapsed``: their
    /// claim expired or was released and nothing else happened since).
    func assignment(of item: String, in project: Project, for annotator: String) throws -> ItemAssignment?

    /// Records a verdict and the ledger entries it causes: a credit when an annotation becomes accepted, a
    /// reversing entry when an accepted one becomes rejected. Ledger entries are never edited.
    func recordReview(_ submission: ReviewSubmission) throws -> ReviewOutcome

    /// Ledger entries of a project, in order, optionally of one annotator.
    func ledger(in project: Project, annotator: String?) throws -> [LedgerEntry]

    // MARK: Reporting

    /// Progress and quality figures.
    func statistics(for project: Project) throws -> ProjectStatistics

    /// Streams items with their annotations for export, in import order. With `includeAll` false only
    /// items with at least one accepted annotation are given, with their accepted annotations only.
    func forEachExportItem(in project: Project, includeAll: Bool, _ body: (ExportItem) throws -> Void) throws

    /// Ids of annotators with at least one current annotation in the project, sorted.
    func annotatorIDs(in project: Project) throws -> [String]
}

extension AnnotationStore {
    /// Stores that cannot record a draft outcome (a remote store, whose server reads it itself) drop it.
    public func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?,
                     draftOutcome: DraftOutcome?) throws -> Annotation {
        try edit(annotation: id, payload: payload, warnings: warnings, seconds: seconds, goldScore: goldScore)
    }
}

extension Submission {
    /// The refusal of an answer without a live claim, in the same words for gold and other items (so that a
    /// refusal does not tell which items are gold).
    public var noClaimMessage: String { Self.noClaimMessage(annotator: annotator, item: item) }

    /// The refusal of an answer by `annotator` for `item` without a live claim (see ``noClaimMessage``).
    public static func noClaimMessage(annotator: String, item: String) -> String {
        "\(annotator) holds no claim on item \"\(item)\" (it expired and was taken by another annotator, was skipped, or was never served to them); the answer was not saved"
    }
}

/// Where an annotator stands with one item.
public enum ItemAssignment: String, Hashable, Sendable {
    /// The annotator holds a claim on it (possibly past its expiry, not yet swept).
    case claimed
    /// The annotator answered it.
    case submitted
    /// The annotator skipped it.
    case skipped
    /// The annotator's claim expired or was released (an answer is still kept while a slot is open).
    case lapsed
}
