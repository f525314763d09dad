import MalmoiCore
import GRDB

extension SQLiteStore {
    /// Items open to an annotator: in the project, not gold, never assigned to them, and short of the
    /// overlap counting submissions and unexpired claims. Arguments: project, annotator, cutoff, overlap.
    static let openItemsCondition = """
        i.project_id = ? AND NOT EXISTS (SELECT 1 FROM gold g WHERE g.item_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = ?)
        AND (SELECT count(*) FROM assignment a WHERE a.item_id = i.id
             AND (a.state = 'submitted' OR (a.state = 'claimed' AND a.claimed_at > ?))) < ?
        """

    public func claimNextItem(in project: Project, for annotator: String) throws -> Claim? {
        try write { db in
            try ensureAnnotator(db, annotator)
            let now = clock()
            if let row = try Row.fetchOne(db, sql: """
                SELECT i.*, EXISTS (SELECT 1 FROM gold g WHERE g.item_id = i.id) AS is_gold
                FROM assignment a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.annotator_id = ? AND a.state = 'claimed' ORDER BY i.id LIMIT 1
                """, arguments: [project.id, annotator]) {
                try db.execute(sql: "UPDATE assignment SET claimed_at = ? WHERE item_id = ? AND annotator_id = ?",
                               arguments: [now, row["id"] as Int64, annotator])
                return Claim(item: Self.decodeItem(row), isGold: row["is_gold"], isResumed: true)
            }
            let timeout = try Double.fetchOne(db, sql: "SELECT claim_timeout_seconds FROM project WHERE id = ?",
                                              arguments: [project.id]) ?? 86_400
            let cutoff = now - timeout
            if project.goldRate > 0 {
                let done = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM assignment a JOIN item i ON i.id = a.item_id
                    WHERE i.project_id = ? AND a.annotator_id = ? AND a.state = 'submitted'
                    """, arguments: [project.id, annotator]) ?? 0
                let period = max(1, Int((1 / project.goldRate).rounded()))
                if (done + 1) % period == 0, let row = try Row.fetchOne(db, sql: """
                    SELECT i.* FROM item i JOIN gold g ON g.item_id = i.id
                    WHERE i.project_id = ? AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = ?)
                    ORDER BY i.id LIMIT 1
                    """, arguments: [project.id, annotator]) {
                    try assign(db, item: row["id"], annotator: annotator, now: now)
                    return Claim(item: Self.decodeItem(row), isGold: true, isResumed: false)
                }
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT i.* FROM item i WHERE \(Self.openItemsCondition) ORDER BY i.id LIMIT 1",
                                             arguments: [project.id, annotator, cutoff, project.overlap]) else {
                return nil
            }
            let itemID: Int64 = row["id"]
            // An expired claim of someone else gives its slot to this annotator.
            try db.execute(sql: "DELETE FROM assignment WHERE item_id = ? AND state = 'claimed' AND claimed_at <= ?",
                           arguments: [itemID, cutoff])
            try assign(db, item: itemID, annotator: annotator, now: now)
            return Claim(item: Self.decodeItem(row), isGold: false, isResumed: false)
        }
    }

    private func assign(_ db: Database, item: Int64, annotator: String, now: Double) throws {
        try db.execute(sql: "INSERT INTO assignment (item_id, annotator_id, state, claimed_at) VALUES (?, ?, 'claimed', ?)",
                       arguments: [item, annotator, now])
    }

    public func releaseClaims(in project: Project, for annotator: String) throws {
        try write { db in
            try db.execute(sql: """
                DELETE FROM assignment WHERE annotator_id = ? AND state = 'claimed'
                AND item_id IN (SELECT id FROM item WHERE project_id = ?)
                """, arguments: [annotator, project.id])
        }
    }

    public func submit(_ submission: Submission) throws -> Annotation {
        try write { db in
            let itemID = try itemRowID(db, submission.item, submission.project)
            try db.execute(sql: "UPDATE assignment SET state = 'submitted' WHERE item_id = ? AND annotator_id = ? AND state = 'claimed'",
                           arguments: [itemID, submission.annotator])
            guard db.changesCount == 1 else {
                let state = try String.fetchOne(db, sql: "SELECT state FROM assignment WHERE item_id = ? AND annotator_id = ?",
                                                arguments: [itemID, submission.annotator])
                if state == "submitted" {
                    throw StoreError(.conflict, "\(submission.annotator) already annotated item \"\(submission.item)\"; edit it with :undo")
                }
                throw StoreError(.conflict, "\(submission.annotator) holds no claim on item \"\(submission.item)\" (it expired or was skipped); the answer was not saved")
            }
            let at = nowText
            try db.execute(sql: """
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [itemID, submission.annotator, submission.payload.serialized(),
                                 Self.encodeWarnings(submission.warnings), at, submission.seconds, submission.goldScore])
            return Annotation(id: db.lastInsertedRowID, item: submission.item, annotator: submission.annotator,
                              payload: submission.payload, warnings: submission.warnings, submittedAt: at,
                              seconds: submission.seconds)
        }
    }

    public func skip(item: String, in project: Project, for annotator: String) throws {
        try write { db in
            let itemID = try itemRowID(db, item, project)
            try db.execute(sql: "UPDATE assignment SET state = 'skipped' WHERE item_id = ? AND annotator_id = ? AND state = 'claimed'",
                           arguments: [itemID, annotator])
            guard db.changesCount == 1 else {
                throw StoreError(.conflict, "\(annotator) holds no claim on item \"\(item)\" to skip")
            }
        }
    }

    public func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?) throws -> Annotation {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(Self.annotationColumns), a.is_current, a.item_id FROM annotation a JOIN item i ON i.id = a.item_id WHERE a.id = ?
                """, arguments: [id]) else {
                throw StoreError(.notFound, "no annotation \(id)")
            }
            guard row["is_current"] as Bool else {
                throw StoreError(.conflict, "annotation \(id) was already replaced by an edit")
            }
            if try Int.fetchOne(db, sql: "SELECT 1 FROM review WHERE annotation_id = ? LIMIT 1", arguments: [id]) != nil {
                throw StoreError(.conflict, "annotation \(id) was already reviewed and cannot be edited")
            }
            let old = Self.decodeAnnotation(row)
            try db.execute(sql: "UPDATE annotation SET is_current = 0 WHERE id = ?", arguments: [id])
            let at = nowText
            try db.execute(sql: """
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, supersedes, gold_score)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row["item_id"] as Int64, old.annotator, payload.serialized(), Self.encodeWarnings(warnings),
                                 at, seconds, id, goldScore])
            return Annotation(id: db.lastInsertedRowID, item: old.item, annotator: old.annotator, payload: payload,
                              warnings: warnings, submittedAt: at, seconds: seconds, supersedes: id)
        }
    }

    public func latestAnnotation(in project: Project, by annotator: String) throws -> Annotation? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.annotator_id = ? AND a.is_current = 1 ORDER BY a.id DESC LIMIT 1
                """, arguments: [project.id, annotator]).map(Self.decodeAnnotation)
        }
    }

    public func progress(in project: Project, for annotator: String) throws -> AnnotatorProgress {
        try read { db in
            let done = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.annotator_id = ? AND a.is_current = 1
                """, arguments: [project.id, annotator]) ?? 0
            let timeout = try Double.fetchOne(db, sql: "SELECT claim_timeout_seconds FROM project WHERE id = ?",
                                              arguments: [project.id]) ?? 86_400
            let remaining = try Int.fetchOne(db, sql: "SELECT count(*) FROM item i WHERE \(Self.openItemsCondition)",
                                             arguments: [project.id, annotator, clock() - timeout, project.overlap]) ?? 0
            let points = try Int.fetchOne(db, sql: "SELECT coalesce(sum(points), 0) FROM ledger WHERE project_id = ? AND annotator_id = ?",
                                          arguments: [project.id, annotator]) ?? 0
            return AnnotatorProgress(done: done, remaining: remaining, points: points)
        }
    }
}
