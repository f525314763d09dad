import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore {
    /// Current annotations, grouped by annotator (ordered by annotator id, then submission order).
    public func annotationsForReview(in project: Project, annotator: String?, filter: ReviewFilter) throws -> [Annotation] {
        try run { session in
            var sql = """
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = $1 AND a.is_current AND ($2::text IS NULL OR a.annotator_id = $2::text)
                """
            if filter == .pending { sql += " AND NOT EXISTS (SELECT 1 FROM review r WHERE r.annotation_id = a.id)" }
            return try session.rows(sql + " ORDER BY a.annotator_id COLLATE \"C\", a.id", [project.id, annotator]).map(Self.decodeAnnotation)
        }
    }

    /// Every current annotation of one item, ordered by annotator id.
    public func currentAnnotations(of item: String, in project: Project) throws -> [Annotation] {
        try run { session in
            try session.rows("""
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = $1 AND i.key = $2 AND a.is_current ORDER BY a.annotator_id COLLATE "C"
                """, [project.id, item]).map(Self.decodeAnnotation)
        }
    }

    /// Every current annotation of the project, streamed, ordered by annotator id then item.
    public func forEachCurrentAnnotation(in project: Project, _ body: (Annotation) throws -> Void) throws {
        try withCursor("""
            SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
            WHERE i.project_id = $1 AND a.is_current ORDER BY a.annotator_id COLLATE "C", i.id
            """, [project.id]) { cursor in
            while let row = try cursor.next() { try body(try Self.decodeAnnotation(row)) }
        }
    }

    /// Reviews of an annotation, oldest first.
    public func reviews(of annotation: Int64) throws -> [Review] {
        try run { session in
            try session.rows("SELECT * FROM review WHERE annotation_id = $1 ORDER BY id", [annotation]).map(Self.decodeReview)
        }
    }

    /// Reviews of an annotation of `project`, oldest first; none for an annotation of another project.
    public func reviews(of annotation: Int64, in project: Project) throws -> [Review] {
        try run { session in
            try session.rows("""
                SELECT r.* FROM review r JOIN annotation a ON a.id = r.annotation_id JOIN item i ON i.id = a.item_id
                WHERE r.annotation_id = $1 AND i.project_id = $2 ORDER BY r.id
                """, [annotation, project.id]).map(Self.decodeReview)
        }
    }

    static func decodeReview(_ row: PostgresRandomAccessRow) throws -> Review {
        let id: Int64 = try row.get("id")
        let reasons = (try json(try row.get("reasons"), "review", id, "reasons").arrayValue ?? []).compactMap(\.stringValue)
        return Review(id: id, annotation: try row.get("annotation_id"), reviewer: try row.get("reviewer"),
                      verdict: Review.Verdict(rawValue: try row.get("verdict")) ?? .rejected, reasons: reasons,
                      comment: StoredText.decode(try row.get("comment", String?.self)), at: try row.get("at"))
    }

    /// Records a verdict and the ledger entries it causes: a credit when an annotation becomes accepted, a reversing
    /// entry when an accepted one becomes rejected. Ledger entries are never edited.
    public func recordReview(_ submission: ReviewSubmission) throws -> ReviewOutcome {
        let project = submission.project
        try StoreRules.checkReasons(submission)
        return try write { session in
            // The annotation row is locked: two reviewers at once record their verdicts one after the other.
            let row = try session.row("""
                SELECT a.annotator_id, a.is_current FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE a.id = $1 AND i.project_id = $2 FOR UPDATE OF a
                """, [submission.annotation, project.id])
            // Looked up after the lock: a retry racing the first try then sees its committed verdict.
            if let id = submission.submissionID,
               let prior = try session.row("SELECT * FROM review WHERE reviewer = $1 AND submission_id = $2", [submission.reviewer, id]) {
                // A retry of a verdict already recorded (its response was lost): the same outcome, nothing new.
                let review = try Self.decodeReview(prior)
                guard review.annotation == submission.annotation else {
                    throw StoreError(.conflict, "submission id \"\(id)\" of \(submission.reviewer) was used for another verdict")
                }
                let entries = try session.rows("SELECT * FROM ledger WHERE review_id = $1 ORDER BY id", [review.id]).map(Self.decodeLedgerEntry)
                return ReviewOutcome(review: review, ledgerEntries: entries)
            }
            let annotator = try StoreRules.reviewedAnnotator(submission, annotator: try row?.get("annotator_id"),
                                                             isCurrent: try row?.get("is_current", Bool.self) ?? false)
            let previous = try session.row("SELECT verdict FROM review WHERE annotation_id = $1 ORDER BY id DESC LIMIT 1",
                                           [submission.annotation]).map { try $0.get("verdict", String.self) }
            let at = nowText
            let reasons = StoreRules.storedReasons(submission)
            let inserted = try session.row("""
                INSERT INTO review (annotation_id, reviewer, verdict, reasons, comment, at, submission_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """, [submission.annotation, submission.reviewer, submission.verdict.rawValue,
                      JSONValue.array(reasons.map { .string($0) }).serialized(), StoredText.encode(submission.comment), at,
                      submission.submissionID])
            let review = Review(id: try inserted?.get("id") ?? 0, annotation: submission.annotation, reviewer: submission.reviewer,
                                verdict: submission.verdict, reasons: reasons, comment: submission.comment, at: at)
            var entries: [LedgerEntry] = []
            switch StoreRules.ledgerChange(submission.verdict, previous: previous, pointsPerAccept: project.pointsPerAccept) {
            case .credit(let points):
                entries.append(try appendLedger(session, project: project, annotator: annotator, review: review, points: points, reverses: nil))
            case .reverseLastCredit:
                if let credit = try session.row("""
                    SELECT l.id, l.points FROM ledger l WHERE l.annotation_id = $1 AND l.points > 0
                    AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id) ORDER BY l.id DESC LIMIT 1
                    """, [submission.annotation]) {
                    entries.append(try appendLedger(session, project: project, annotator: annotator, review: review,
                                                    points: -(try credit.get("points", Int.self)), reverses: try credit.get("id")))
                }
            case .none:
                break
            }
            let outcome = ReviewOutcome(review: review, ledgerEntries: entries)
            // The audit row commits or rolls back with the verdict.
            try Self.audit(session, submission.reviewer, "review", "\(project.name)/\(submission.annotation)", outcome.auditDetail, at)
            return outcome
        }
    }

    private func appendLedger(_ session: Session, project: Project, annotator: String, review: Review, points: Int,
                              reverses: Int64?) throws -> LedgerEntry {
        let row = try session.row("""
            INSERT INTO ledger (project_id, annotator_id, annotation_id, review_id, points, reverses, at)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, [project.id, annotator, review.annotation, review.id, points, reverses, review.at])
        return LedgerEntry(id: try row?.get("id") ?? 0, annotator: annotator, annotation: review.annotation, review: review.id,
                           points: points, reverses: reverses, at: review.at)
    }

    /// Ledger entries of a project, in order, optionally of one annotator.
    public func ledger(in project: Project, annotator: String?) throws -> [LedgerEntry] {
        try run { session in
            try session.rows("""
                SELECT * FROM ledger WHERE project_id = $1 AND ($2::text IS NULL OR annotator_id = $2::text) ORDER BY id
                """, [project.id, annotator]).map(Self.decodeLedgerEntry)
        }
    }

    static func decodeLedgerEntry(_ row: PostgresRandomAccessRow) throws -> LedgerEntry {
        LedgerEntry(id: try row.get("id"), annotator: try row.get("annotator_id"), annotation: try row.get("annotation_id"),
                    review: try row.get("review_id"), points: try row.get("points"), reverses: try row.get("reverses"),
                    at: try row.get("at"))
    }
}
