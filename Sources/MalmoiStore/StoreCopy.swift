import MalmoiCore

/// Copies what one store holds into another (`malmoi store copy`): annotators with their
/// qualifications, then each project with its settings and claim timeout, items, gold answers, current
/// annotations, their reviews and the ledger entries those reviews wrote, and then (between stores that
/// are ``HistoryCopying``, as both of this project's are) the annotations replaced by edits, with their
/// chain, and the open claims and skips. Exporting a project from both stores afterwards gives the
/// same bytes.
///
/// ```swift
/// let summary = try StoreCopy(from: sqlite, to: postgres).run()
/// ```
/// Each project is one import transaction in the target, and its history one more.
public struct StoreCopy {
    /// What a copy did.
    public struct Summary: Hashable, Sendable {
        /// Projects created in the target.
        public var projects = 0
        /// Items copied.
        public var items = 0
        /// Annotations copied.
        public var annotations = 0
        /// Reviews copied.
        public var reviews = 0
        /// Annotations replaced by an edit, copied.
        public var superseded = 0
        /// Open claims and skips copied.
        public var assignments = 0
        /// Values the re-check recomputed to something other than the source store held
        /// (`source project "P", item "I": field "annotations[0].reviews[0].points": …`).
        public var recomputed: [String] = []
    }

    /// The store read.
    public let source: any AnnotationStore
    /// The store written; it must not hold projects of the same names.
    public let target: any AnnotationStore

    /// The task module of a project, for re-checking what is copied; nil copies without the re-check
    /// (only for a source store that is trusted).
    public let modules: ((Project) throws -> any TaskModule)?

    /// Prepares a copy.
    /// - Parameter modules: the task module of a project. With it, the source store is not trusted (it may
    ///   be forged): every annotation and review is checked as `import --restore` checks an export line
    ///   (``RestoredWorkCheck``: names, reviewer ≠ annotator, the kind's validation, the project's required
    ///   qualification, ISO 8601 times, finite seconds, points and gold scores recomputed by the project's
    ///   rules), and so are annotator names, item ids and texts, and the history's names, times and numbers.
    public init(from source: any AnnotationStore, to target: any AnnotationStore,
                modules: ((Project) throws -> any TaskModule)? = nil) {
        self.source = source
        self.target = target
        self.modules = modules
    }

    /// The check of a project's copied work (the source store answers the qualification question: its
    /// annotators and their qualifications are what the target receives), or nil without ``modules``.
    private func check(for project: Project) throws -> RestoredWorkCheck? {
        try modules.map { try RestoredWorkCheck(project: project, module: try $0(project), store: source) }
    }

    /// An exported item as a record to import, located at its source row when it is to be checked.
    private static func record(_ exported: ExportItem, project: String, check: Bool) throws -> ImportRecord {
        let annotations = exported.annotations.map { annotation in
            ImportedAnnotation(
                annotator: annotation.annotation.annotator, payload: annotation.annotation.payload,
                warnings: annotation.annotation.warnings, submittedAt: annotation.annotation.submittedAt,
                seconds: annotation.annotation.seconds, goldScore: annotation.goldScore,
                reviews: annotation.reviews.map { review, points in
                    ImportedReview(reviewer: review.reviewer, verdict: review.verdict, reasons: review.reasons,
                                   comment: review.comment, at: review.at, points: points)
                },
                draftOutcome: annotation.annotation.draftOutcome)
        }
        guard check else { return ImportRecord(item: exported.item, gold: exported.gold, annotations: annotations) }
        let location = Self.location(project: project, item: exported.item.id)
        try checkItem(exported.item, at: location)
        return ImportRecord(item: exported.item, gold: exported.gold, annotations: annotations, location: location)
    }

    /// Where a copied row came from, for errors: `source project "P", item "I"`.
    static func location(project: String, item: String?) -> SourceLocation {
        var path = "source project \"\(shown(project))\""
        if let item { path += ", item \"\(shown(item))\"" }
        return SourceLocation(path: path, line: nil)
    }

    /// A name as a location shows it: terminal controls and line breaks escaped.
    static func shown(_ name: String) -> String {
        ProjectLimits.escapedForTerminal(name).replacing("\n", with: "\\n")
    }

    /// A name read from the source store, refused unless it is a name as Malmoi stores them.
    static func checkedName(_ name: String, _ what: String, at location: SourceLocation) throws {
        do {
            guard try ProjectLimits.checkedName(name, what: what) == name else {
                throw InputError(.invalidValue, "\"\(ProjectLimits.escapedForTerminal(name))\" is not a name as Malmoi stores them (trimmed)",
                                 at: location.field(what))
            }
        } catch let error as TaskError {
            throw InputError(.invalidValue, error.message, at: location.field(what))
        }
    }

    /// Refuses an item whose id or text the source store should never have held.
    static func checkItem(_ item: Item, at location: SourceLocation) throws {
        if item.id.unicodeScalars.allSatisfy(\.properties.isWhitespace) || item.id.unicodeScalars.contains("\u{0}") {
            throw InputError(.invalidValue, "the item id is empty or holds U+0000", at: location.field("id"))
        }
        if item.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            throw InputError(.invalidValue, "the item text is empty", at: location.field("text"))
        }
    }

    /// Refuses a replaced annotation or an open claim whose names, times or numbers are not possible.
    static func checkHistory(_ history: ProjectHistory, project: String) throws {
        for (index, version) in history.superseded.enumerated() {
            let location = Self.location(project: project, item: version.item)
            let field = "superseded[\(index)]"
            try checkedName(version.annotator, field + ".annotator", at: location)
            guard RestoredWorkCheck.parseISO8601(version.submittedAt) != nil else {
                throw InputError(.invalidValue, "\"\(ProjectLimits.escapedForTerminal(version.submittedAt))\" is not an ISO 8601 time",
                                 at: location.field(field + ".submitted_at"))
            }
            guard version.seconds.isFinite, (0...RestoredWorkCheck.maximumSeconds).contains(version.seconds) else {
                throw InputError(.invalidValue, "\(version.seconds) is not a number of seconds", at: location.field(field + ".seconds"))
            }
            if let score = version.goldScore, !score.isFinite || !(0...1).contains(score) {
                throw InputError(.invalidValue, "the gold score \(score) is not in [0, 1]", at: location.field(field + ".gold_score"))
            }
        }
        for (index, assignment) in history.assignments.enumerated() {
            let location = Self.location(project: project, item: assignment.item)
            let field = "assignments[\(index)]"
            try checkedName(assignment.annotator, field + ".annotator", at: location)
            guard ["claimed", "skipped"].contains(assignment.state) else {
                throw InputError(.invalidValue, "state \"\(ProjectLimits.escapedForTerminal(assignment.state))\" is neither claimed nor skipped",
                                 at: location.field(field + ".state"))
            }
            for (name, value) in [("claimed_at", assignment.claimedAt), ("expires_at", assignment.expiresAt)]
            where !value.isFinite || !(0..<Double(RestoredWorkCheck.endOfYear9999)).contains(value) {
                throw InputError(.invalidValue, "\(value) is not a time in 1970…9999", at: location.field(field + "." + name))
            }
        }
    }

    /// Copies everything.
    /// - Parameter progress: called after each project with its name.
    /// - Throws: ``StoreError`` `.duplicate` when the target has a project of the same name (before
    ///   anything is written), or any store error.
    public func run(progress: (String) -> Void = { _ in }) throws -> Summary {
        let projects = try source.projects()
        let existing = Set(try target.projects().map(\.name))
        if let clash = projects.first(where: { existing.contains($0.name) }) {
            throw StoreError(.duplicate, "the target store already has a project named \"\(clash.name)\"; nothing was copied")
        }
        var summary = Summary()
        let annotators = try source.annotators()
        if modules != nil {
            for annotator in annotators {
                let location = SourceLocation(path: "source store, annotator \"\(Self.shown(annotator.id))\"", line: nil)
                try Self.checkedName(annotator.id, "annotator", at: location)
                for qualification in annotator.qualifications { try Self.checkedName(qualification, "qualification", at: location) }
            }
            // A first pass checks everything, so that a forged row leaves the target as it was.
            for project in projects {
                if let from = source as? any HistoryCopying { try Self.checkHistory(try from.history(of: project), project: project.name) }
                let check = try self.check(for: project)
                try source.forEachExportItem(in: project, includeAll: true) { exported in
                    _ = try check?.check(try Self.record(exported, project: project.name, check: check != nil))
                }
            }
        }
        for annotator in annotators {
            _ = try target.registerAnnotator(annotator.id, qualifications: annotator.qualifications)
        }
        for project in projects {
            var created = project
            created.id = 0
            created = try target.createProject(created)
            try target.setClaimTimeout(try source.claimTimeout(of: project), of: created)
            let check = try self.check(for: project)
            let imported = try target.importItems(into: created, options: ImportOptions()) { consume in
                try source.forEachExportItem(in: project, includeAll: true) { exported in
                    var record = try Self.record(exported, project: project.name, check: check != nil)
                    if let check {
                        let (checked, notes) = try check.check(record)
                        record = checked
                        summary.recomputed += notes
                    }
                    try consume(record)
                }
            }
            summary.projects += 1
            summary.items += imported.inserted
            summary.annotations += imported.annotations
            summary.reviews += imported.reviews
            if let from = source as? any HistoryCopying, let to = target as? any HistoryCopying {
                let history = try from.history(of: project)
                try to.restoreHistory(history, in: created)
                summary.superseded += history.superseded.count
                summary.assignments += history.assignments.count
            }
            progress(project.name)
        }
        return summary
    }
}

/// What an export leaves out of a project and a store copy carries too: the annotations replaced by an
/// edit, and the claims and skips that are not submissions.
public struct ProjectHistory: Hashable, Sendable {
    /// An annotation replaced by an edit, with its stored text.
    public struct Superseded: Hashable, Sendable {
        /// The item's id.
        public var item: String
        /// Who wrote it.
        public var annotator: String
        /// The payload as stored (JSON text).
        public var payload: String
        /// The warnings as stored (JSON text).
        public var warnings: String
        /// When it was submitted.
        public var submittedAt: String
        /// Seconds spent.
        public var seconds: Double
        /// The gold score, for a gold item.
        public var goldScore: Double?

        /// Creates a record.
        public init(item: String, annotator: String, payload: String, warnings: String, submittedAt: String, seconds: Double,
                    goldScore: Double?) {
            self.item = item
            self.annotator = annotator
            self.payload = payload
            self.warnings = warnings
            self.submittedAt = submittedAt
            self.seconds = seconds
            self.goldScore = goldScore
        }
    }

    /// An open claim or a skip.
    public struct Assignment: Hashable, Sendable {
        /// The item's id.
        public var item: String
        /// Who holds or skipped it.
        public var annotator: String
        /// `claimed` or `skipped`.
        public var state: String
        /// When it was claimed, in seconds since 1970.
        public var claimedAt: Double
        /// When the claim expires, in seconds since 1970.
        public var expiresAt: Double

        /// Creates a record.
        public init(item: String, annotator: String, state: String, claimedAt: Double, expiresAt: Double) {
            self.item = item
            self.annotator = annotator
            self.state = state
            self.claimedAt = claimedAt
            self.expiresAt = expiresAt
        }
    }

    /// Replaced annotations, oldest first (each item and annotator's chain in order).
    public var superseded: [Superseded]
    /// Open claims and skips, in item order.
    public var assignments: [Assignment]

    /// Creates a history.
    public init(superseded: [Superseded], assignments: [Assignment]) {
        self.superseded = superseded
        self.assignments = assignments
    }

    /// Writes the history through a store's three statements: `insert` adds a replaced annotation that
    /// replaces the given earlier one (nil for the first of a chain) and returns its id; `link` makes the
    /// current annotation of an item and annotator replace the last of its chain; `assign` adds a claim
    /// or skip.
    public func replay(insert: (Superseded, _ supersedes: Int64?) throws -> Int64,
                       link: (_ item: String, _ annotator: String, _ last: Int64) throws -> Void,
                       assign: (Assignment) throws -> Void) throws {
        var last: [Chain: Int64] = [:]
        for version in superseded {
            let chain = Chain(item: version.item, annotator: version.annotator)
            last[chain] = try insert(version, last[chain])
        }
        for (chain, id) in last.sorted(by: { $0.value < $1.value }) { try link(chain.item, chain.annotator, id) }
        for assignment in assignments { try assign(assignment) }
    }

    private struct Chain: Hashable {
        let item: String
        let annotator: String
    }
}

/// A store whose project history (``ProjectHistory``) can be read and written, for ``StoreCopy``.
public protocol HistoryCopying: AnnotationStore {
    /// The replaced annotations and the open claims and skips of a project.
    func history(of project: Project) throws -> ProjectHistory

    /// Writes a history into a project that holds the same items and current annotations (just
    /// imported by a copy): replaced annotations are chained before the current ones, claims take
    /// their items' open slots. One transaction.
    /// - Throws: ``StoreError`` `.notFound` when an item of the history is not in the project.
    func restoreHistory(_ history: ProjectHistory, in project: Project) throws
}
