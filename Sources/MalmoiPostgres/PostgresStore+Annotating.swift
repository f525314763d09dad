import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore {
    /// Gives the annotator the next item to work on, atomically: an item the annotator has not had, that is still
    /// short of the project's overlap counting open claims, or, with the probability of the project's gold rate, a
    /// random gold item the annotator never had (drawn by the database, migration v6). An open claim of the same
    /// annotator is resumed first. Nil when nothing is left.
    public func claimNextItem(in project: Project, for annotator: String) throws -> Claim? {
        guard !annotator.isEmpty else { throw StoreError(.invalidValue, "an annotator id must not be empty") }
        let now = clock()
        // One statement, one round trip: the function is its own transaction. Its last argument, version 5's gold
        // period, is no longer read (the function reads the project's gold rate).
        return try run { session in try Self.decodeClaim(try session.row(Self.claimSQL, Self.claimArguments(project, annotator, now))) }
    }

    static let claimSQL = "SELECT * FROM malmoi_claim($1, $2, $3, $4, $5)"

    static func claimArguments(_ project: Project, _ annotator: String, _ now: Double) -> SQLArguments {
        let period: Int64 = 0
        return [project.id, annotator, now, Timestamp.iso8601(now), period]
    }

    static func decodeClaim(_ row: PostgresRandomAccessRow?) throws -> Claim? {
        guard let row else { return nil }
        return Claim(item: try decodeItem(row), isGold: try row.get("is_gold"), isResumed: try row.get("is_resumed"))
    }

    static func claimTimeout(_ session: Session, _ project: Project) throws -> Double {
        try session.row("SELECT claim_timeout_seconds FROM project WHERE id = $1", [project.id])?.get("claim_timeout_seconds")
            ?? SQLiteStore.defaultClaimTimeout
    }

    static func adjustSlots(_ session: Session, item: Int64, by change: Int) throws {
        try session.execute("UPDATE item SET open_slots = greatest(open_slots + $1, 0) WHERE id = $2 AND NOT is_gold", [change, item])
    }

    /// Releases the annotator's open claims in the project (at `:quit` or end of input).
    public func releaseClaims(in project: Project, for annotator: String) throws {
        _ = try releaseClaims(in: project, annotator: annotator)
    }

    /// Frees open claims in the project, of one annotator or, with nil, of everyone (`project release`), giving their
    /// slots back. Returns how many claims were freed.
    public func releaseClaims(in project: Project, annotator: String?) throws -> Int {
        let now = clock()
        return try write { session in
            // Claims already past their expiry lapse (as in `malmoi_claim`) rather than being released.
            try session.execute("""
                WITH gone AS (
                    DELETE FROM assignment a WHERE a.state = 'claimed' AND a.expires_at <= $1 RETURNING a.item_id, a.annotator_id
                ), lapsed AS (
                    INSERT INTO lapsed_claim (item_id, annotator_id) SELECT gone.item_id, gone.annotator_id FROM gone ON CONFLICT DO NOTHING
                )
                UPDATE item SET open_slots = item.open_slots + g.n
                FROM (SELECT gone.item_id, count(*) AS n FROM gone GROUP BY gone.item_id) g
                WHERE item.id = g.item_id AND NOT item.is_gold
                """, [now])
            let gone = try session.rows("""
                DELETE FROM assignment a USING item i
                WHERE i.id = a.item_id AND i.project_id = $1 AND a.state = 'claimed' AND ($2::text IS NULL OR a.annotator_id = $2::text)
                RETURNING a.item_id, a.annotator_id
                """, [project.id, annotator])
            for row in gone {
                let item: Int64 = try row.get("item_id")
                try Self.adjustSlots(session, item: item, by: 1)
                // A released claim lapses: its annotator's answer is still kept while a slot is open.
                try session.execute("INSERT INTO lapsed_claim (item_id, annotator_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                                    [item, try row.get("annotator_id") as String])
            }
            return gone.count
        }
    }

    /// Where `annotator` stands with an item of `project` (nil: never served to them; `.lapsed`: their claim expired or
    /// was released).
    public func assignment(of item: String, in project: Project, for annotator: String) throws -> ItemAssignment? {
        try run { session in
            try session.row("""
                SELECT coalesce((SELECT a.state FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = $1),
                                (SELECT 'lapsed' FROM lapsed_claim l WHERE l.item_id = i.id AND l.annotator_id = $1)) AS state
                FROM item i WHERE i.project_id = $2 AND i.key = $3
                """, [annotator, project.id, item]).flatMap { try $0.get("state", String?.self).flatMap(ItemAssignment.init(rawValue:)) }
        }
    }

    /// Seconds after which an unanswered claim expires and its slot goes back to the queue.
    public func claimTimeout(of project: Project) throws -> Double {
        try run { session in try Self.claimTimeout(session, project) }
    }

    /// Sets the project's claim timeout (claims already held keep their expiry).
    public func setClaimTimeout(_ seconds: Double, of project: Project) throws {
        try StoreRules.checkClaimTimeout(seconds)
        try write { session in
            _ = try session.execute("UPDATE project SET claim_timeout_seconds = $1 WHERE id = $2", [seconds, project.id])
        }
    }

    /// Saves an answer to a claimed item and closes the claim. An answer whose claim expired or was released
    /// meanwhile is still kept when the item has an open slot (nobody took it).
    public func submit(_ submission: Submission) throws -> Annotation {
        guard !submission.annotator.isEmpty else { throw StoreError(.invalidValue, "an annotator id must not be empty") }
        let now = clock()
        let at = Timestamp.iso8601(now)
        // One statement, one round trip (migration v5's function); its refusals come back as SQLSTATEs.
        return try run { session in
            let saved: (id: Int64, replayed: Bool)
            do {
                let row = try session.row(Self.submitSQL, Self.submitArguments(submission, now, at))
                saved = (try row?.get("saved_id") ?? 0, try row?.get("replayed") ?? false)
            } catch {
                switch PostgresConnectionPool.sqlState(error) {
                case "MLM01":
                    throw StoreError(.notFound, "no item \"\(submission.item)\" in project \"\(submission.project.name)\"")
                case "MLM02", "23505":
                    // Two tries of one submission at once (or a claim that landed meanwhile): the other one saved it.
                    if let stored = try Self.retriedSubmission(session, submission) { return stored }
                    throw StoreError(.conflict, "\(submission.annotator) already annotated item \"\(submission.item)\"; edit it with :undo")
                case "MLM03":
                    // Two tries of an answer to a lapsed claim at once: the other one used the lapsed claim.
                    if let stored = try Self.retriedSubmission(session, submission) { return stored }
                    throw StoreError(.conflict, submission.noClaimMessage)
                default:
                    throw error
                }
            }
            if saved.replayed {
                guard let stored = try Self.retriedSubmission(session, submission) else {
                    throw StoreError(.conflict, "submission id of \(submission.annotator) was used for another answer")
                }
                return stored
            }
            return Self.saved(submission, id: saved.id, at: at)
        }
    }

    static let submitSQL = "SELECT * FROM malmoi_submit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"

    static func submitArguments(_ submission: Submission, _ now: Double, _ at: String) -> SQLArguments {
        [submission.project.id, submission.item, submission.annotator, now, at, submission.payload.serialized(),
         encodeWarnings(submission.warnings), submission.seconds, submission.goldScore,
         submission.draftOutcome?.rawValue, submission.submissionID]
    }

    /// The annotation a first-time submission saved as `id` at `at`.
    static func saved(_ submission: Submission, id: Int64, at: String) -> Annotation {
        Annotation(id: id, item: submission.item, annotator: submission.annotator, payload: submission.payload,
                   warnings: submission.warnings, submittedAt: at, seconds: submission.seconds,
                   draftOutcome: submission.draftOutcome)
    }

    /// The annotation stored under the submission's client-made id, when this is a retry of it.
    /// - Throws: ``StoreError`` `.conflict` when the id was used for another item.
    static func retriedSubmission(_ session: Session, _ submission: Submission) throws -> Annotation? {
        guard let id = submission.submissionID,
              let row = try session.row("""
                  SELECT \(annotationColumns), i.project_id FROM annotation a JOIN item i ON i.id = a.item_id
                  WHERE a.annotator_id = $1 AND a.submission_id = $2
                  """, [submission.annotator, id]) else { return nil }
        let stored = try decodeAnnotation(row)
        guard try row.get("project_id", Int64.self) == submission.project.id, stored.item == submission.item else {
            throw StoreError(.conflict, "submission id \"\(id)\" of \(submission.annotator) was used for another answer")
        }
        return stored
    }

    static func countSubmission(_ session: Session, project: Int64, annotator: String) throws {
        try session.execute("""
            INSERT INTO worker (project_id, annotator_id, submitted) VALUES ($1, $2, 1)
            ON CONFLICT (project_id, annotator_id) DO UPDATE SET submitted = worker.submitted + 1
            """, [project, annotator])
    }

    /// Leaves a claimed item to others; the annotator will not be given it again.
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

    /// Replaces an unreviewed annotation with a new one that supersedes it (history is kept).
    public func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?) throws -> Annotation {
        try edit(annotation: id, payload: payload, warnings: warnings, seconds: seconds, goldScore: goldScore, draftOutcome: nil)
    }

    public func edit(annotation id: Int64, payload: JSONValue, warnings: [Finding], seconds: Double, goldScore: Double?,
                     draftOutcome: DraftOutcome?) throws -> Annotation {
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
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, supersedes, gold_score, draft_outcome)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
                """, [try row.get("item_id", Int64.self), old.annotator, payload.serialized(), Self.encodeWarnings(warnings), at,
                      seconds, id, goldScore, draftOutcome?.rawValue])
            return Annotation(id: try inserted?.get("id") ?? 0, item: old.item, annotator: old.annotator, payload: payload,
                              warnings: warnings, submittedAt: at, seconds: seconds, supersedes: id, draftOutcome: draftOutcome)
        }
    }

    /// The annotator's most recent current annotation in the project.
    public func latestAnnotation(in project: Project, by annotator: String) throws -> Annotation? {
        try run { session in
            try session.row("""
                SELECT \(Self.annotationColumns) FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = $1 AND a.annotator_id = $2 AND a.is_current ORDER BY a.id DESC LIMIT 1
                """, [project.id, annotator]).map(Self.decodeAnnotation)
        }
    }

    /// Done, remaining and points for the annotator.
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
