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

    /// The statement that finds the next gold item for an annotator after the last one served.
    static let nextGoldItemSQL = """
        SELECT i.* FROM item i INDEXED BY item_gold
        WHERE i.project_id = ? AND i.is_gold = 1 AND i.id > ?
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = ?)
        ORDER BY i.id LIMIT 1
        """

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
            if project.goldRate > 0 {
                let worker = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT submitted, last_gold FROM worker WHERE project_id = ? AND annotator_id = ?
                    """), arguments: [project.id, annotator])
                let done: Int = worker?["submitted"] ?? 0
                let lastGold: Int64 = worker?["last_gold"] ?? 0
                let period = StoreRules.goldPeriod(project.goldRate)
                if (done + 1) % period == 0,
                   let row = try Row.fetchOne(db.cachedStatement(sql: Self.nextGoldItemSQL), arguments: [project.id, lastGold, annotator]) {
                    let itemID: Int64 = row["id"]
                    try assign(db, item: itemID, isGold: true, annotator: annotator, now: now, timeout: timeout)
                    try db.cachedStatement(sql: """
                        INSERT INTO worker (project_id, annotator_id, submitted, last_gold) VALUES (?, ?, 0, ?)
                        ON CONFLICT (project_id, annotator_id) DO UPDATE SET last_gold = excluded.last_gold
                        """).execute(arguments: [project.id, annotator, itemID])
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

    public func releaseClaims(in project: Project, for annotator: String) throws {
        _ = try releaseClaims(in: project, annotator: annotator)
    }

    public func releaseClaims(in project: Project, annotator: String?) throws -> Int {
        try write { db in
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
            for row in claims { try Self.dropClaim(db, item: row["item_id"], annotator: row["annotator_id"]) }
            return claims.count
        }
    }

    public func claimTimeout(of project: Project) throws -> Double {
        try read { db in try Self.claimTimeout(db, project) }
    }

    public func setClaimTimeout(_ seconds: Double, of project: Project) throws {
        try StoreRules.checkClaimTimeout(seconds)
        try write { db in
            try db.execute(sql: "UPDATE project SET claim_timeout_seconds = ? WHERE id = ?", arguments: [seconds, project.id])
        }
    }

    public func submit(_ submission: Submission) throws -> Annotation {
        try write { db in
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
                // A claim that expired or was released while the annotator worked: the answer is kept as long
                // as nobody took the slot meanwhile.
                guard state == nil, item["is_gold"] as Bool || item["open_slots"] as Int > 0 else {
                    throw StoreError(.conflict, "\(submission.annotator) holds no claim on item \"\(submission.item)\" (it expired and was taken by another annotator, or was skipped); the answer was not saved")
                }
                try ensureAnnotator(db, submission.annotator)
                let now = clock()
                try db.execute(sql: "INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at) VALUES (?, ?, 'submitted', ?, ?)",
                               arguments: [itemID, submission.annotator, now, now])
                try Self.adjustSlots(db, item: itemID, by: -1)
            }
            try Self.countSubmission(db, project: submission.project.id, annotator: submission.annotator)
            let at = nowText
            try db.cachedStatement(sql: """
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, draft_outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [itemID, submission.annotator, submission.payload.serialized(),
                                         Self.encodeWarnings(submission.warnings), at, submission.seconds, submission.goldScore,
                                         submission.draftOutcome?.rawValue])
            return Annotation(id: db.lastInsertedRowID, item: submission.item, annotator: submission.annotator,
                              payload: submission.payload, warnings: submission.warnings, submittedAt: at,
                              seconds: submission.seconds, draftOutcome: submission.draftOutcome)
        }
    }

    /// Adds one to the annotator's submission count in the project (what the gold rate counts).
    static func countSubmission(_ db: Database, project: Int64, annotator: String) throws {
        try db.cachedStatement(sql: """
            INSERT INTO worker (project_id, annotator_id, submitted) VALUES (?, ?, 1)
            ON CONFLICT (project_id, annotator_id) DO UPDATE SET submitted = submitted + 1
            """).execute(arguments: [project, annotator])
    }

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

    public func latestAnnotation(in project: Project, by annotator: String) throws -> Annotation? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.annotator_id = ? AND a.is_current = 1 ORDER BY a.id DESC LIMIT 1
                """, arguments: [project.id, annotator]).map { try Self.decodeAnnotation($0) }
        }
    }

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
