import MalmoiCore
import GRDB

extension SQLiteStore {
    /// The project's open, non-gold items not yet touched by the annotator, in queue order; walks the
    /// partial index `item_open_queue`. Arguments: project, annotator.
    static let openQueue = """
        FROM item i INDEXED BY item_open_queue
        WHERE i.project_id = ? AND i.open_slots > 0 AND i.is_gold = 0
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = ?)
        """

    /// The statement that finds the next open item (tests read its query plan).
    static let nextOpenItemSQL = "SELECT i.* \(openQueue) ORDER BY i.priority DESC, i.id LIMIT 1"

    /// The statement that finds the first gold item the annotator never had at or after a gold ordinal (arguments:
    /// project, ordinal, annotator); an index seek on `item_gold_ordinal`.
    static let nextGoldItemSQL = """
        SELECT i.* FROM item i INDEXED BY item_gold_ordinal
        WHERE i.project_id = ? AND i.is_gold = 1 AND i.gold_ordinal >= ?
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = ?)
        ORDER BY i.gold_ordinal LIMIT 1
        """

    /// As ``nextGoldItemSQL``, before the ordinal (the draw's wrap-around).
    static let earlierGoldItemSQL = nextGoldItemSQL.replacingOccurrences(of: "i.gold_ordinal >= ?", with: "i.gold_ordinal < ?")

    /// The statement that finds an item whose claim by the annotator lapsed (expired or was released) and that can
    /// still be theirs: gold, or with a slot open (arguments: annotator, project, annotator); a range of
    /// `lapsed_claim_by_annotator`. Such an item is served to them again before anything else, gold or not, so that
    /// releasing a claim and claiming again tells nothing about the item.
    static let lapsedItemSQL = """
        SELECT i.* FROM lapsed_claim l JOIN item i ON i.id = l.item_id
        WHERE l.annotator_id = ? AND i.project_id = ? AND (i.is_gold = 1 OR i.open_slots > 0)
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = ?)
        ORDER BY i.id LIMIT 1
        """

    /// The statement that finds the project's last gold ordinal (the end of `item_gold_ordinal`).
    static let lastGoldOrdinalSQL = "SELECT max(gold_ordinal) FROM item INDEXED BY item_gold_ordinal WHERE project_id = ? AND is_gold = 1"

    /// Gives the annotator the next item to work on, atomically: an item the annotator has not had, that is still
    /// short of the project's overlap counting open claims, or, with the probability of the project's gold rate, a
    /// random gold item the annotator never had. An open claim of the same annotator is resumed first, then an item
    /// whose claim of theirs lapsed is served again (see ``lapsedItemSQL``). Nil when nothing is left.
    public func claimNextItem(in project: Project, for annotator: String) throws -> Claim? {
        try write { db in
            try ensureAnnotator(db, annotator)
            let now = clock()
            try Self.expireClaims(db, now: now)
            let timeout = try Self.claimTimeout(db, project)
            if let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT i.* FROM assignment a JOIN item i ON i.id = a.item_id
                WHERE a.annotator_id = ? AND a.state = 'claimed' AND i.project_id = ? ORDER BY i.id LIMIT 1
                """), arguments: [annotator, project.id]) {
                try db.cachedStatement(sql: "UPDATE assignment SET claimed_at = ?, expires_at = ? WHERE item_id = ? AND annotator_id = ?")
                    .execute(arguments: [now, now + timeout, row["id"] as Int64, annotator])
                return Claim(item: try Self.decodeItem(row), isGold: row["is_gold"], isResumed: true)
            }
            // An item whose claim lapsed comes back to its annotator first, gold or not (nothing to tell them apart).
            if let row = try Row.fetchOne(db.cachedStatement(sql: Self.lapsedItemSQL), arguments: [annotator, project.id, annotator]) {
                let isGold: Bool = row["is_gold"]
                try db.cachedStatement(sql: "DELETE FROM lapsed_claim WHERE item_id = ? AND annotator_id = ?")
                    .execute(arguments: [row["id"] as Int64, annotator])
                try assign(db, item: row["id"], isGold: isGold, annotator: annotator, now: now, timeout: timeout)
                return Claim(item: try Self.decodeItem(row), isGold: isGold, isResumed: false)
            }
            // Gold is a random draw at the project's rate, made here, so nothing the annotator sees tells the next
            // claim; a gold item skipped counts as served like any other (it is never served to them again).
            if StoreRules.drawsGold(rate: project.goldRate),
               let last = try Int64.fetchOne(db.cachedStatement(sql: Self.lastGoldOrdinalSQL), arguments: [project.id]) {
                let from = StoreRules.goldOrdinal(upTo: last)
                let row = try Row.fetchOne(db.cachedStatement(sql: Self.nextGoldItemSQL), arguments: [project.id, from, annotator])
                    ?? Row.fetchOne(db.cachedStatement(sql: Self.earlierGoldItemSQL), arguments: [project.id, from, annotator])
                if let row {
                    try assign(db, item: row["id"], isGold: true, annotator: annotator, now: now, timeout: timeout)
                    return Claim(item: try Self.decodeItem(row), isGold: true, isResumed: false)
                }
            }
            guard let row = try Row.fetchOne(db.cachedStatement(sql: Self.nextOpenItemSQL), arguments: [project.id, annotator]) else {
                return nil
            }
            try assign(db, item: row["id"], isGold: false, annotator: annotator, now: now, timeout: timeout)
            return Claim(item: try Self.decodeItem(row), isGold: false, isResumed: false)
        }
    }

    /// The project's claim timeout in seconds, as stored.
    static func claimTimeout(_ db: Database, _ project: Project) throws -> Double {
        try Double.fetchOne(db.cachedStatement(sql: "SELECT claim_timeout_seconds FROM project WHERE id = ?"),
                            arguments: [project.id]) ?? defaultClaimTimeout
    }

    /// Deletes claims past their expiry (any project), giving their slots back; an index range scan.
    static func expireClaims(_ db: Database, now: Double) throws {
        let expired = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT item_id, annotator_id FROM assignment INDEXED BY assignment_claims_by_expiry
            WHERE state = 'claimed' AND expires_at <= ?
            """), arguments: [now])
        for row in expired {
            try dropClaim(db, item: row["item_id"], annotator: row["annotator_id"])
            // Remembered, so that an answer the annotator was still working on can be kept (see `submit`).
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO lapsed_claim (item_id, annotator_id) VALUES (?, ?)")
                .execute(arguments: [row["item_id"] as Int64, row["annotator_id"] as String])
        }
    }

    /// Deletes one claim and gives its slot back to the item.
    static func dropClaim(_ db: Database, item: Int64, annotator: String) throws {
        try db.cachedStatement(sql: "DELETE FROM assignment WHERE item_id = ? AND annotator_id = ? AND state = 'claimed'")
            .execute(arguments: [item, annotator])
        if db.changesCount == 1 { try adjustSlots(db, item: item, by: 1) }
    }

    /// Moves an item's open-slot count (gold items have none; the count never goes below zero).
    static func adjustSlots(_ db: Database, item: Int64, by change: Int) throws {
        try db.cachedStatement(sql: "UPDATE item SET open_slots = max(open_slots + ?, 0) WHERE id = ? AND is_gold = 0")
            .execute(arguments: [change, item])
    }

    private func assign(_ db: Database, item: Int64, isGold: Bool, annotator: String, now: Double, timeout: Double) throws {
        try db.cachedStatement(sql: """
            INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at) VALUES (?, ?, 'claimed', ?, ?)
            """).execute(arguments: [item, annotator, now, now + timeout])
        if !isGold { try Self.adjustSlots(db, item: item, by: -1) }
    }

    /// Releases the annotator's open claims in the project (at `:quit` or end of input).
    public func releaseClaims(in project: Project, for annotator: String) throws {
        _ = try releaseClaims(in: project, annotator: annotator)
    }

    /// Frees open claims in the project, of one annotator or, with nil, of everyone (`project release`), giving their
    /// slots back. Returns how many claims were freed.
    public func releaseClaims(in project: Project, annotator: String?) throws -> Int {
        try write { db in
            // Claims already past their expiry lapse (as at a claim) rather than being released.
            try Self.expireClaims(db, now: clock())
            var sql = """
                SELECT a.item_id, a.annotator_id FROM assignment a INDEXED BY assignment_claims_by_expiry
                JOIN item i ON i.id = a.item_id WHERE a.state = 'claimed' AND i.project_id = ?
                """
            var arguments: StatementArguments = [project.id]
            if let annotator {
                sql = """
                    SELECT a.item_id, a.annotator_id FROM assignment a JOIN item i ON i.id = a.item_id
                    WHERE a.annotator_id = ? AND a.state = 'claimed' AND i.project_id = ?
                    """
                arguments = [annotator, project.id]
            }
            let claims = try Row.fetchAll(db, sql: sql, arguments: arguments)
            for row in claims {
                try Self.dropClaim(db, item: row["item_id"], annotator: row["annotator_id"])
                // A released claim lapses: its annotator's answer is still kept while a slot is open.
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO lapsed_claim (item_id, annotator_id) VALUES (?, ?)")
                    .execute(arguments: [row["item_id"], row["annotator_id"]])
            }
            return claims.count
        }
    }

    /// Where `annotator` stands with an item of `project` (nil: never served to them; `.lapsed`: their claim expired or
    /// was released).
    public func assignment(of item: String, in project: Project, for annotator: String) throws -> ItemAssignment? {
        try read { db in
            try String.fetchOne(db, sql: Self.assignmentStateSQL, arguments: [annotator, annotator, project.id, item])
                .flatMap(ItemAssignment.init(rawValue:))
        }
    }

    /// Where an annotator stands with an item: the claim's state, else `lapsed` for a lapsed claim (arguments:
    /// annotator, annotator, project, item key).
    static let assignmentStateSQL = """
        SELECT coalesce((SELECT a.state FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = ?),
                        (SELECT 'lapsed' FROM lapsed_claim l WHERE l.item_id = i.id AND l.annotator_id = ?))
        FROM item i WHERE i.project_id = ? AND i.key = ?
        """

    /// Seconds after which an unanswered claim expires and its slot goes back to the queue.
    public func claimTimeout(of project: Project) throws -> Double {
        try read { db in try Self.claimTimeout(db, project) }
    }

    /// Sets the project's claim timeout (claims already held keep their expiry).
    public func setClaimTimeout(_ seconds: Double, of project: Project) throws {
        try StoreRules.checkClaimTimeout(seconds)
        try write { db in
            try db.execute(sql: "UPDATE project SET claim_timeout_seconds = ? WHERE id = ?", arguments: [seconds, project.id])
        }
    }

    /// Saves an answer to a claimed item and closes the claim. An answer whose claim expired or was released
    /// meanwhile is still kept when the item has an open slot (nobody took it).
    public func submit(_ submission: Submission) throws -> Annotation {
        try write { db in
            if let stored = try Self.retriedSubmission(db, submission) { return stored }
            guard let item = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, is_gold, open_slots FROM item WHERE project_id = ? AND key = ?"),
                                              arguments: [submission.project.id, submission.item]) else {
                throw StoreError(.notFound, "no item \"\(submission.item)\" in project \"\(submission.project.name)\"")
            }
            let itemID: Int64 = item["id"]
            try db.cachedStatement(sql: "UPDATE assignment SET state = 'submitted' WHERE item_id = ? AND annotator_id = ? AND state = 'claimed'")
                .execute(arguments: [itemID, submission.annotator])
            if db.changesCount != 1 {
                let state = try String.fetchOne(db, sql: "SELECT state FROM assignment WHERE item_id = ? AND annotator_id = ?",
                                                arguments: [itemID, submission.annotator])
                if state == "submitted" {
                    throw StoreError(.conflict, "\(submission.annotator) already annotated item \"\(submission.item)\"; edit it with :undo")
                }
                // Only a claim of this annotator's on this item that expired while they worked keeps the answer, and
                // only as long as nobody took the slot meanwhile (a gold item has no slots: it was served to them).
                // An item they were never served is refused with the same message, gold or not.
                let lapsed = try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM lapsed_claim WHERE item_id = ? AND annotator_id = ?"),
                                              arguments: [itemID, submission.annotator]) != nil
                guard state == nil, lapsed, item["is_gold"] as Bool || item["open_slots"] as Int > 0 else {
                    throw StoreError(.conflict, submission.noClaimMessage)
                }
                try db.execute(sql: "DELETE FROM lapsed_claim WHERE item_id = ? AND annotator_id = ?", arguments: [itemID, submission.annotator])
                try ensureAnnotator(db, submission.annotator)
                let now = clock()
                try db.execute(sql: "INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at) VALUES (?, ?, 'submitted', ?, ?)",
                               arguments: [itemID, submission.annotator, now, now])
                try Self.adjustSlots(db, item: itemID, by: -1)
            }
            try Self.countSubmission(db, project: submission.project.id, annotator: submission.annotator)
            let at = nowText
            try db.cachedStatement(sql: """
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, draft_outcome, submission_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [itemID, submission.annotator, submission.payload.serialized(),
                                         Self.encodeWarnings(submission.warnings), at, submission.seconds, submission.goldScore,
                                         submission.draftOutcome?.rawValue, submission.submissionID])
            return Annotation(id: db.lastInsertedRowID, item: submission.item, annotator: submission.annotator,
                              payload: submission.payload, warnings: submission.warnings, submittedAt: at,
                              seconds: submission.seconds, draftOutcome: submission.draftOutcome)
        }
    }

    /// The annotation stored under the submission's client-made id, when this is a retry of it.
    /// - Throws: ``StoreError`` `.conflict` when the id was used for another item.
    static func retriedSubmission(_ db: Database, _ submission: Submission) throws -> Annotation? {
        guard let id = submission.submissionID,
              let row = try Row.fetchOne(db.cachedStatement(sql: """
                  SELECT \(annotationColumns), i.project_id FROM annotation a JOIN item i ON i.id = a.item_id
                  WHERE a.annotator_id = ? AND a.submission_id = ?
                  """), arguments: [submission.annotator, id]) else { return nil }
        let stored = try decodeAnnotation(row)
        guard row["project_id"] as Int64 == submission.project.id, stored.item == submission.item else {
            throw StoreError(.conflict, "submission id \"\(id)\" of \(submission.annotator) was used for another answer")
        }
        return stored
    }

    /// Adds one to the annotator's submission count in the project.
    static func countSubmission(_ db: Database, project: Int64, annotator: String) throws {
        try db.cachedStatement(sql: """
            INSERT INTO worker (project_id, annotator_id, submitted) VALUES (?, ?, 1)
            ON CONFLICT (project_id, annotator_id) DO UPDATE SET submitted = submitted + 1
            """).execute(arguments: [project, annotator])
    }

    /// Leaves a claimed item to others; the annotator will not be given it again.
    public func skip(item: String, in project: Project, for annotator: String) throws {
        try write { db in
            let itemID = try itemRowID(db, item, project)
            try db.execute(sql: "UPDATE assignment SET state = 'skipped' WHERE item_id = ? AND annotator_id = ? AND state = 'claimed'",
                           arguments: [itemID, annotator])
            guard db.changesCount == 1 else {
                throw StoreError(.conflict, "\(annotator) holds no claim on item \"\(item)\" to skip")
            }
            try Self.adjustSlots(db, item: itemID, by: 1)
        }
    }

    /// Replaces an unreviewed annotation with a new one that supersedes it (history is kept).
    public func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?) throws -> Annotation {
        try edit(annotation: id, payload: payload, warnings: warnings, seconds: seconds, goldScore: goldScore, draftOutcome: nil)
    }

    public func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?,
                     draftOutcome: DraftOutcome?) throws -> Annotation {
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
            let old = try Self.decodeAnnotation(row)
            try db.execute(sql: "UPDATE annotation SET is_current = 0 WHERE id = ?", arguments: [id])
            let at = nowText
            try db.execute(sql: """
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, supersedes, gold_score, draft_outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row["item_id"] as Int64, old.annotator, payload.serialized(), Self.encodeWarnings(warnings),
                                 at, seconds, id, goldScore, draftOutcome?.rawValue])
            return Annotation(id: db.lastInsertedRowID, item: old.item, annotator: old.annotator, payload: payload,
                              warnings: warnings, submittedAt: at, seconds: seconds, supersedes: id, draftOutcome: draftOutcome)
        }
    }

    /// The annotator's most recent current annotation in the project.
    public func latestAnnotation(in project: Project, by annotator: String) throws -> Annotation? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.annotator_id = ? AND a.is_current = 1 ORDER BY a.id DESC LIMIT 1
                """, arguments: [project.id, annotator]).map { try Self.decodeAnnotation($0) }
        }
    }

    /// Done, remaining and points for the annotator.
    public func progress(in project: Project, for annotator: String) throws -> AnnotatorProgress {
        try read { db in
            let done = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.annotator_id = ? AND a.is_current = 1
                """, arguments: [project.id, annotator]) ?? 0
            let remaining = try Int.fetchOne(db, sql: "SELECT count(*) \(Self.openQueue)", arguments: [project.id, annotator]) ?? 0
            let points = try Int.fetchOne(db, sql: "SELECT coalesce(sum(points), 0) FROM ledger WHERE project_id = ? AND annotator_id = ?",
                                          arguments: [project.id, annotator]) ?? 0
            return AnnotatorProgress(done: done, remaining: remaining, points: points)
        }
    }
}
