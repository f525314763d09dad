import MalmoiCore

/// Copies what one store holds into another (`malmoi store copy`): annotators with their
/// qualifications, then each project with its settings and claim timeout, items, gold answers, current
/// annotations, their reviews and the ledger entries those reviews wrote. Exporting a project from
/// both stores afterwards gives the same bytes.
///
/// ```swift
/// let summary = try StoreCopy(from: sqlite, to: postgres).run()
/// ```
/// Not copied: open claims (they are transient; annotators claim again) and annotations replaced by an
/// edit (only current annotations travel). Each project is one import transaction in the target.
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
    }

    /// The store read.
    public let source: any AnnotationStore
    /// The store written; it must not hold projects of the same names.
    public let target: any AnnotationStore

    /// Prepares a copy.
    public init(from source: any AnnotationStore, to target: any AnnotationStore) {
        self.source = source
        self.target = target
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
        for annotator in try source.annotators() {
            _ = try target.registerAnnotator(annotator.id, qualifications: annotator.qualifications)
        }
        for project in projects {
            var created = project
            created.id = 0
            created = try target.createProject(created)
            try target.setClaimTimeout(try source.claimTimeout(of: project), of: created)
            let imported = try target.importItems(into: created, options: ImportOptions()) { consume in
                try source.forEachExportItem(in: project, includeAll: true) { exported in
                    let annotations = exported.annotations.map { annotation in
                        ImportedAnnotation(
                            annotator: annotation.annotation.annotator, payload: annotation.annotation.payload,
                            warnings: annotation.annotation.warnings, submittedAt: annotation.annotation.submittedAt,
                            seconds: annotation.annotation.seconds, goldScore: annotation.goldScore,
                            reviews: annotation.reviews.map { review, points in
                                ImportedReview(reviewer: review.reviewer, verdict: review.verdict, reasons: review.reasons,
                                               comment: review.comment, at: review.at, points: points)
                            })
                    }
                    try consume(ImportRecord(item: exported.item, gold: exported.gold, annotations: annotations))
                }
            }
            summary.projects += 1
            summary.items += imported.inserted
            summary.annotations += imported.annotations
            summary.reviews += imported.reviews
            progress(project.name)
        }
        return summary
    }
}
