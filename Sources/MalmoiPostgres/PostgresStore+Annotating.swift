import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore {
    /// Deletes expired claims (any project) and gives their slots back, in one statement.
    static let expireClaimsSQL = """
        WITH gone AS (
            DELETE FROM assignment WHERE state = 'claimed' AND expires_at <= $1 RETURNING item_id
        )
        UPDATE item SET open_slots = item.open_slots + g.n
        FROM (SELECT item_id, count(*) AS n FROM gone GROUP BY item_id) g
        WHERE item.id = g.item_id AND NOT item.is_gold
        """

    /// The next open item for an annotator, locked; items other annotators are claiming are skipped.
    static let nextOpenItemSQL = """
        SELECT i.* FROM item i
        WHERE i.project_id = $1 AND i.open_slots > 0 AND NOT i.is_gold
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = $2)
        ORDER BY i.priority DESC, i.id LIMIT 1 FOR UPDATE SKIP LOCKED
        """

    public func claimNextItem(in project: Project, for annotator: String) throws -> Claim? {
        try write { session in
            try ensureAnnotator(session, annotator)
            let now = clock()
            if try session.row("SELECT 1 AS one FROM assignment WHERE state = 'claimed' AND expires_at <= $1 LIMIT 1", [now]) != nil {
                try session.execute(Self.expireClaimsSQL, [now])
            }
            let timeout = try Self.claimTimeout(session, project)
            if let row = try session.row("""
                SELECT i.* FROM assignment a JOIN item i ON i.id = a.item_id
                WHERE a.annotator_id = $1 AND a.state = 'claimed' AND i.project_id = $2 ORDER BY i.id LIMIT 1
                """, [annotator, project.id]) {
                try session.execute("UPDATE assignment SET claimed_at = $1, expires_at = $2 WHERE item_id = $3 AND annotator_id = $4",
                                    [now, now + timeout, try row.get("id", Int64.self), annotator])
                return Claim(item: try Self.decodeItem(row), isGold: try row.get("is_gold"), isResumed: true)
            }
            if project.goldRate > 0 {
                let worker = try session.row("SELECT submitted, last_gold FROM worker WHERE project_id = $1 AND annotator_id = $2",
                                             [project.id, annotator])
                let done: Int = try worker?.get("submitted") ?? 0
                let lastGold: Int64 = try worker?.get("last_gold") ?? 0
                let period = max(1, Int((1 / project.goldRate).rounded()))
                if (done + 1) % period == 0, let row = try session.row("""
                    SELECT i.* FROM item i WHERE i.project_id = $1 AND i.is_gold AND i.id > $2
                    AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = $3)
                    ORDER BY i.id LIMIT 1
                    """, [project.id, lastGold, annotator]) {
                    let itemID: Int64 = try row.get("id")
                    try session.execute("""
                        INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at) VALUES ($1, $2, 'claimed', $3, $4)
                        """, [itemID, annotator, now, now + timeout])
                    try session.execute("""
                        INSERT INTO worker (project_id, annotator_id, submitted, last_gold) VALUES ($1, $2, 0, $3)
                        ON CONFLICT (project_id, annotator_id) DO UPDATE SET last_gold = excluded.last_gold
                        """, [project.id, annotator, itemID])
                    return Claim(item: try Self.decodeItem(row), isGold: true, isResumed: false)
                }
            }
            guard let row = try session.row(Self.nextOpenItemSQL, [project.id, annotator]) else { return nil }
            let itemID: Int64 = try row.get("id")
            try session.execute("""
                INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at) VALUES ($1, $2, 'claimed', $3, $4)
                """, [itemID, annotator, now, now + timeout])
            try session.execute("UPDATE item SET open_slots = open_slots - 1 WHERE id = $1", [itemID])
            return Claim(item: try Self.decodeItem(row), isGold: false, isResumed: false)
        }
    }

    static func claimTimeout(_ session: Session, _ project: Project) throws -> Double {
        try session.row("SELECT claim_timeout_seconds FROM project WHERE id = $1", [project.id])?.get("claim_timeout_seconds")
            ?? SQLiteStore.defaultClaimTimeout
    }

    static func adjustSlots(_ session: Session, item: Int64, by change: Int) throws {
        try session.execute("UPDATE item SET open_slots = greatest(open_slots + $1, 0) WHERE id = $2 AND NOT is_gold", [change, item])
    }

    public func releaseClaims(in project: Project, for annotator: String) throws {
        _ = try releaseClaims(in: project, annotator: annotator)
    }

    public func releaseClaims(in project: Project, annotator: String?) throws -> Int {
        try write { session in
            let gone = try session.rows("""
                DELETE FROM assignment a USING item i
                WHERE i.id = a.item_id AND i.project_id = $1 AND a.state = 'claimed' AND ($2::text IS NULL OR a.annotator_id = $2::text)
                RETURNING a.item_id
                """, [project.id, annotator])
            for row in gone { try Self.adjustSlots(session, item: try row.get("item_id"), by: 1) }
            return gone.count
        }
    }

    public func claimTimeout(of project: Project) throws -> Double {
        try run { session in try Self.claimTimeout(session, project) }
    }

    public func setClaimTimeout(_ seconds: Double, of project: Project) throws {
        guard seconds > 0, seconds.isFinite else { throw StoreError(.invalidValue, "a claim timeout must be positive, got \(seconds)") }
        try write { session in
            _ = try session.execute("UPDATE project SET claim_timeout_seconds = $1 WHERE id = $2", [seconds, project.id])
        }
    }

    public func submit(_ submission: Submission) throws -> Annotation {
        try write { session in
            guard let item = try session.row("SELECT id, is_gold, open_slots FROM item WHERE project_id = $1 AND key = $2",
                                             [submission.project.id, submission.item]) else {
                throw StoreError(.notFound, "no item \"\(submission.item)\" in project \"\(submission.project.name)\"")
            }
            let itemID: Int64 = try item.get("id")
            let changed = try session.execute("""
                UPDATE assignment SET state = 'submitted' WHERE item_id = $1 AND annotator_id = $2 AND state = 'claimed'
                """, [itemID, submission.annotator])
            if changed != 1 {
                let state = try session.row("SELECT state FROM assignment WHERE item_id = $1 AND annotator_id = $2",
                                            [itemID, submission.annotator]).map { try $0.get("state", String.self) }
                if state == "submitted" {
                    throw StoreError(.conflict, "\(submission.annotator) already annotated item \"\(submission.item)\"; edit it with :undo")
                }
                // A claim that expired or was released meanwhile: kept while nobody took the slot. The item
                // row is locked so that a concurrent claim cannot take the same slot.
                let open = try session.row("SELECT is_gold, open_slots FROM item WHERE id = $1 FOR UPDATE", [itemID])
                let isGold: Bool = try open?.get("is_gold") ?? false
                let slots: Int = try open?.get("open_slots") ?? 0
                guard state == nil, isGold || slots > 0 else {
                    throw StoreError(.conflict, "\(submission.annotator) holds no claim on item \"\(submission.item)\" (it expired and was taken by another annotator, or was skipped); the answer was not saved")
                }
                try ensureAnnotator(session, submission.annotator)
                let now = clock()
                try session.execute("""
                    INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at) VALUES ($1, $2, 'submitted', $3, $3)
                    """, [itemID, submission.annotator, now])
                try Self.adjustSlots(session, item: itemID, by: -1)
            }
            try Self.countSubmission(session, project: submission.project.id, annotator: submission.annotator)
            let at = nowText
            let row = try session.row("""
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, draft_outcome)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
                """, [itemID, submission.annotator, submission.payload.serialized(), Self.encodeWarnings(submission.warnings), at,
                      submission.seconds, submission.goldScore, submission.draftOutcome?.rawValue])
            return Annotation(id: try row?.get("id") ?? 0, item: submission.item, annotator: submission.annotator,
                              payload: submission.payload, warnings: submission.warnings, submittedAt: at, seconds: submission.seconds,
                              draftOutcome: submission.draftOutcome)
        }
    }

    static func countSubmission(_ session: Session, project: Int64, annotator: String) throws {
        try session.execute("""
            INSERT INTO worker (project_id, annotator_id, submitted) VALUES ($1, $2, 1)
            ON CONFLICT (project_id, annotator_id) DO UPDATE SET submitted = worker.submitted + 1
            """, [project, annotator])
    }

    public func skip(item: String, in project: Project, for annotator: String) throws {
        try write { session in
            guard let row = try session.row("""
                UPDATE assignment a SET state = 'skipped' FROM item i
                WHERE i.id = a.item_id AND i.project_id = $1 AND i.key = $2 AND a.annotator_id = $3 AND a.state = 'claimed'
                RETURNING a.item_id
                """, [project.id, item, annotator]) else {
                if try session.row("SELECT 1 AS one FROM item WHERE project_id = $1 AND key = $2", [project.id, item]) == nil {
                    throw StoreError(.notFound, "no item \"\(item)\" in project \"\(project.name)\"")
                }
                throw StoreError(.conflict, "\(annotator) holds no claim on item \"\(item)\" to skip")
            }
            try Self.adjustSlots(session, item: try row.get("item_id"), by: 1)
        }
    }

    public func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?) throws -> Annotation {
        try write { session in
            guard let row = try session.row("""
                SELECT \(Self.annotationColumns), a.is_current, a.item_id FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE a.id = $1 FOR UPDATE OF a
                """, [id]) else {
                throw StoreError(.notFound, "no annotation \(id)")
            }
            guard try row.get("is_current", Bool.self) else {
                throw StoreError(.conflict, "annotation \(id) was already replaced by an edit")
            }
            if try session.row("SELECT 1 AS one FROM review WHERE annotation_id = $1 LIMIT 1", [id]) != nil {
                throw StoreError(.conflict, "annotation \(id) was already reviewed and cannot be edited")
            }
            let old = try Self.decodeAnnotation(row)
            try session.execute("UPDATE annotation SET is_current = false WHERE id = $1", [id])
            let at = nowText
            let inserted = try session.row("""
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, supersedes, gold_score)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
                """, [try row.get("item_id", Int64.self), old.annotator, payload.serialized(), Self.encodeWarnings(warnings), at,
                      seconds, id, goldScore])
            return Annotation(id: try inserted?.get("id") ?? 0, item: old.item, annotator: old.annotator, payload: payload,
                              warnings: warnings, submittedAt: at, seconds: seconds, supersedes: id)
        }
    }

    public func latestAnnotation(in project: Project, by annotator: String) throws -> Annotation? {
        try run { session in
            try session.row("""
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = $1 AND a.annotator_id = $2 AND a.is_current ORDER BY a.id DESC LIMIT 1
                """, [project.id, annotator]).map(Self.decodeAnnotation)
        }
    }

    public func progress(in project: Project, for annotator: String) throws -> AnnotatorProgress {
        try run { session in
            let done: Int = try session.row("""
                SELECT count(*) AS n FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = $1 AND a.annotator_id = $2 AND a.is_current
                """, [project.id, annotator])?.get("n") ?? 0
            let remaining: Int = try session.row("""
                SELECT count(*) AS n FROM item i WHERE i.project_id = $1 AND i.open_slots > 0 AND NOT i.is_gold
                AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = $2)
                """, [project.id, annotator])?.get("n") ?? 0
            let points: Int = try session.row("""
                SELECT coalesce(sum(points), 0)::bigint AS n FROM ledger WHERE project_id = $1 AND annotator_id = $2
                """, [project.id, annotator])?.get("n") ?? 0
            return AnnotatorProgress(done: done, remaining: remaining, points: points)
        }
    }
}
