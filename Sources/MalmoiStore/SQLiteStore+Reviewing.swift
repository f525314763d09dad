import MalmoiCore
import GRDB

extension SQLiteStore {
    /// Current annotations, grouped by annotator (ordered by annotator id, then submission order).
    public func annotationsForReview(in project: Project, annotator: String?, filter: ReviewFilter) throws -> [Annotation] {
        try read { db in
            var sql = "SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id WHERE i.project_id = ? AND a.is_current = 1"
            var arguments: StatementArguments = [project.id]
            if let annotator {
                sql += " AND a.annotator_id = ?"
                arguments += [annotator]
            }
            if filter == .pending { sql += " AND NOT EXISTS (SELECT 1 FROM review r WHERE r.annotation_id = a.id)" }
            sql += " ORDER BY a.annotator_id, a.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Self.decodeAnnotation($0) }
        }
    }

    /// Every current annotation of one item, ordered by annotator id.
    public func currentAnnotations(of item: String, in project: Project) throws -> [Annotation] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND i.key = ? AND a.is_current = 1 ORDER BY a.annotator_id
                """, arguments: [project.id, item]).map { try Self.decodeAnnotation($0) }
        }
    }

    /// Every current annotation of the project, streamed, ordered by annotator id then item.
    public func forEachCurrentAnnotation(in project: Project, _ body: (Annotation) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.is_current = 1 ORDER BY a.annotator_id, i.id
                """, arguments: [project.id])
            while let row = try cursor.next() { try body(try Self.decodeAnnotation(row)) }
        }
    }

    /// Reviews of an annotation, oldest first.
    public func reviews(of annotation: Int64) throws -> [Review] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM review WHERE annotation_id = ? ORDER BY id", arguments: [annotation])
                .map { try Self.decodeReview($0) }
        }
    }

    /// Reviews of an annotation of `project`, oldest first; none for an annotation of another project.
    public func reviews(of annotation: Int64, in project: Project) throws -> [Review] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.* FROM review r JOIN annotation a ON a.id = r.annotation_id JOIN item i ON i.id = a.item_id
                WHERE r.annotation_id = ? AND i.project_id = ? ORDER BY r.id
                """, arguments: [annotation, project.id]).map { try Self.decodeReview($0) }
        }
    }

    static func decodeReview(_ row: Row) throws -> Review {
        let id: Int64 = row["id"]
        let reasons = (try storedJSON(row["reasons"], table: "review", id: id, column: "reasons").arrayValue ?? []).compactMap(\.stringValue)
        return Review(id: id, annotation: row["annotation_id"], reviewer: row["reviewer"],
                      verdict: Review.Verdict(rawValue: row["verdict"]) ?? .rejected, reasons: reasons,
                      comment: StoredText.decode(row["comment"] as String?), at: row["at"])
    }

    /// Records a verdict and the ledger entries it causes: a credit when an annotation becomes accepted, a reversing
    /// entry when an accepted one becomes rejected. Ledger entries are never edited.
    public func recordReview(_ submission: ReviewSubmission) throws -> ReviewOutcome {
        let project = submission.project
        try StoreRules.checkReasons(submission)
        return try write { db in
            if let id = submission.submissionID,
               let row = try Row.fetchOne(db, sql: "SELECT * FROM review WHERE reviewer = ? AND submission_id = ?",
                                          arguments: [submission.reviewer, id]) {
                // A retry of a verdict already recorded (its response was lost): the same outcome, nothing new.
                let review = try Self.decodeReview(row)
                guard review.annotation == submission.annotation else {
                    throw StoreError(.conflict, "submission id \"\(id)\" of \(submission.reviewer) was used for another verdict")
                }
                let entries = try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE review_id = ? ORDER BY id", arguments: [review.id]).map {
                    LedgerEntry(id: $0["id"], annotator: $0["annotator_id"], annotation: $0["annotation_id"], review: $0["review_id"],
                                points: $0["points"], reverses: $0["reverses"], at: $0["at"])
                }
                return ReviewOutcome(review: review, ledgerEntries: entries)
            }
            let row = try Row.fetchOne(db, sql: """
                SELECT a.annotator_id, a.is_current FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE a.id = ? AND i.project_id = ?
                """, arguments: [submission.annotation, project.id])
            let annotator = try StoreRules.reviewedAnnotator(submission, annotator: row?["annotator_id"],
                                                             isCurrent: row?["is_current"] ?? false)
            let previous = try String.fetchOne(db, sql: "SELECT verdict FROM review WHERE annotation_id = ? ORDER BY id DESC LIMIT 1",
                                               arguments: [submission.annotation])
            let at = nowText
            let reasons = StoreRules.storedReasons(submission)
            try db.execute(sql: """
                INSERT INTO review (annotation_id, reviewer, verdict, reasons, comment, at, submission_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [submission.annotation, submission.reviewer, submission.verdict.rawValue,
                                JSONValue.array(reasons.map { .string($0) }).serialized(), StoredText.encode(submission.comment), at,
                                submission.submissionID])
            let review = Review(id: db.lastInsertedRowID, annotation: submission.annotation, reviewer: submission.reviewer,
                                verdict: submission.verdict, reasons: reasons, comment: submission.comment, at: at)
            var entries: [LedgerEntry] = []
            switch StoreRules.ledgerChange(submission.verdict, previous: previous, pointsPerAccept: project.pointsPerAccept) {
            case .credit(let points):
                entries.append(try appendLedger(db, project: project, annotator: annotator, review: review, points: points, reverses: nil))
            case .reverseLastCredit:
                if let credit = try Row.fetchOne(db, sql: """
                    SELECT l.id, l.points FROM ledger l WHERE l.annotation_id = ? AND l.points > 0
                    AND NOT EXISTS (SELECT 1 FROM ledger r WHERE r.reverses = l.id) ORDER BY l.id DESC LIMIT 1
                    """, arguments: [submission.annotation]) {
                    entries.append(try appendLedger(db, project: project, annotator: annotator, review: review,
                                                    points: -(credit["points"] as Int), reverses: credit["id"]))
                }
            case .none:
                break
            }
            let outcome = ReviewOutcome(review: review, ledgerEntries: entries)
            // The audit row commits or rolls back with the verdict.
            try Self.audit(db, actor: submission.reviewer, action: "review", subject: "\(project.name)/\(submission.annotation)",
                           detail: outcome.auditDetail, at: at)
            return outcome
        }
    }

    private func appendLedger(_ db: Database, project: Project, annotator: String, review: Review, points: Int,
                              reverses: Int64?) throws -> LedgerEntry {
        try db.execute(sql: """
            INSERT INTO ledger (project_id, annotator_id, annotation_id, review_id, points, reverses, at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [project.id, annotator, review.annotation, review.id, points, reverses, review.at])
        return LedgerEntry(id: db.lastInsertedRowID, annotator: annotator, annotation: review.annotation, review: review.id,
                           points: points, reverses: reverses, at: review.at)
    }

    /// Ledger entries of a project, in order, optionally of one annotator.
    public func ledger(in project: Project, annotator: String?) throws -> [LedgerEntry] {
        try read { db in
            var sql = "SELECT * FROM ledger WHERE project_id = ?"
            var arguments: StatementArguments = [project.id]
            if let annotator {
                sql += " AND annotator_id = ?"
                arguments += [annotator]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map { row in
                LedgerEntry(id: row["id"], annotator: row["annotator_id"], annotation: row["annotation_id"],
                            review: row["review_id"], points: row["points"], reverses: row["reverses"], at: row["at"])
            }
        }
    }
}
