import Foundation
import MalmoiStore

extension PostgresStore {
    /// The versioned migrations, applied in order, each once, in a transaction under an advisory lock
    /// (two processes opening a new database at once do not both migrate it). A released migration is
    /// never edited: a change is a new entry.
    static let migrations: [(name: String, sql: String)] = [
        ("v1-workflow", schemaVersion1),
        ("v2-draft-outcome", schemaVersion2),
        ("v3-claim-submit-functions", claimAndSubmitFunctions),
        ("v4-people", peopleSchema),
        ("v5-claims-and-retries", schemaVersion5),
        ("v6-gold-draw", schemaVersion6),
        ("v7-queue-floor", schemaVersion7),
    ]

    /// The names of the migrations this version knows, in order (a migrated store has applied all of them).
    public static var migrationNames: [String] { migrations.map(\.name) }

    /// The schema: the same tables and meaning as the SQLite store's version 2 (open-slot bookkeeping,
    /// partial queue index, indexed claim expiry), JSON kept as text so that exports are byte-identical
    /// across stores, and the points ledger append-only by trigger.
    static let schemaVersion1 = """
        \(SchemaDialect.postgres.projectTable(defaultClaimTimeout: 1800))
        \(SchemaDialect.postgres.itemTable(queueColumns: true))
        CREATE INDEX item_open_queue ON item (project_id, priority DESC, id) WHERE open_slots > 0 AND NOT is_gold;
        CREATE INDEX item_gold ON item (project_id, id) WHERE is_gold;
        \(SchemaDialect.postgres.render(SchemaDialect.goldAndAnnotatorTables))
        \(SchemaDialect.postgres.assignmentTable(expiry: true))
        CREATE INDEX assignment_claims_by_expiry ON assignment (expires_at) WHERE state = 'claimed';
        \(SchemaDialect.postgres.render(SchemaDialect.annotationTables))
        CREATE FUNCTION malmoi_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the points ledger is append-only: write a reversing entry'; END $$;
        CREATE TRIGGER ledger_is_append_only BEFORE UPDATE OR DELETE ON ledger
            FOR EACH ROW EXECUTE FUNCTION malmoi_ledger_is_append_only();
        CREATE TRIGGER ledger_is_append_only_truncate BEFORE TRUNCATE ON ledger
            FOR EACH STATEMENT EXECUTE FUNCTION malmoi_ledger_is_append_only();
        CREATE TABLE worker (
            project_id BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            submitted INTEGER NOT NULL DEFAULT 0,
            last_gold BIGINT NOT NULL DEFAULT 0,
            PRIMARY KEY (project_id, annotator_id)
        );
        """

    /// Version 2: each annotation records what its annotator did with the item's machine draft
    /// (`kept`, `changed` or `replaced`; NULL without a draft, for edits and for annotations stored before).
    static let schemaVersion2 = """
        ALTER TABLE annotation ADD COLUMN draft_outcome TEXT CHECK (draft_outcome IN ('kept', 'changed', 'replaced'));
        """

    /// Version 3: claim and submit as server functions, so that each is one statement and one round trip (run
    /// outside an explicit transaction, the statement is its own). `malmoi_claim` expires stale claims,
    /// resumes the annotator's open claim, hands out a gold item at the project's period and otherwise
    /// takes the next open item in queue order with `FOR UPDATE SKIP LOCKED`, never one the annotator
    /// already had, decrementing its open slots. `malmoi_submit` turns the claim into a submission (or
    /// takes a still-open slot for a claim that expired), counts it, and inserts the annotation;
    /// refusals raise SQLSTATE MLM01 (no such item), MLM02 (already annotated), MLM03 (no claim).
    static let claimAndSubmitFunctions = """
        CREATE FUNCTION malmoi_claim(p_project BIGINT, p_annotator TEXT, p_now DOUBLE PRECISION, p_at TEXT, p_gold_period BIGINT)
        RETURNS TABLE (id BIGINT, key TEXT, text TEXT, fields TEXT, source TEXT, pre_annotation TEXT, is_gold BOOLEAN, is_resumed BOOLEAN)
        LANGUAGE plpgsql AS $$
        #variable_conflict use_column
        DECLARE
            v_timeout DOUBLE PRECISION;
            v_item item%ROWTYPE;
            v_done INTEGER;
            v_last_gold BIGINT;
        BEGIN
            INSERT INTO annotator (id, qualifications, created_at) VALUES (p_annotator, '[]', p_at) ON CONFLICT (id) DO NOTHING;
            IF EXISTS (SELECT 1 FROM assignment a WHERE a.state = 'claimed' AND a.expires_at <= p_now) THEN
                WITH gone AS (
                    DELETE FROM assignment a WHERE a.state = 'claimed' AND a.expires_at <= p_now RETURNING a.item_id
                )
                UPDATE item SET open_slots = item.open_slots + g.n
                FROM (SELECT gone.item_id, count(*) AS n FROM gone GROUP BY gone.item_id) g
                WHERE item.id = g.item_id AND NOT item.is_gold;
            END IF;
            SELECT coalesce(max(p.claim_timeout_seconds), 1800) INTO v_timeout FROM project p WHERE p.id = p_project;
            SELECT i.* INTO v_item FROM assignment a JOIN item i ON i.id = a.item_id
                WHERE a.annotator_id = p_annotator AND a.state = 'claimed' AND i.project_id = p_project ORDER BY i.id LIMIT 1;
            IF FOUND THEN
                UPDATE assignment a SET claimed_at = p_now, expires_at = p_now + v_timeout
                    WHERE a.item_id = v_item.id AND a.annotator_id = p_annotator;
                RETURN QUERY SELECT v_item.id, v_item.key, v_item.text, v_item.fields, v_item.source, v_item.pre_annotation, v_item.is_gold, true;
                RETURN;
            END IF;
            IF p_gold_period > 0 THEN
                SELECT w.submitted, w.last_gold INTO v_done, v_last_gold FROM worker w
                    WHERE w.project_id = p_project AND w.annotator_id = p_annotator;
                IF (coalesce(v_done, 0) + 1) % p_gold_period = 0 THEN
                    SELECT i.* INTO v_item FROM item i WHERE i.project_id = p_project AND i.is_gold AND i.id > coalesce(v_last_gold, 0)
                        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = p_annotator)
                        ORDER BY i.id LIMIT 1;
                    IF FOUND THEN
                        INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at)
                            VALUES (v_item.id, p_annotator, 'claimed', p_now, p_now + v_timeout);
                        INSERT INTO worker (project_id, annotator_id, submitted, last_gold) VALUES (p_project, p_annotator, 0, v_item.id)
                            ON CONFLICT (project_id, annotator_id) DO UPDATE SET last_gold = excluded.last_gold;
                        RETURN QUERY SELECT v_item.id, v_item.key, v_item.text, v_item.fields, v_item.source, v_item.pre_annotation, true, false;
                        RETURN;
                    END IF;
                END IF;
            END IF;
            SELECT i.* INTO v_item FROM item i
                WHERE i.project_id = p_project AND i.open_slots > 0 AND NOT i.is_gold
                AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = p_annotator)
                ORDER BY i.priority DESC, i.id LIMIT 1 FOR UPDATE SKIP LOCKED;
            IF NOT FOUND THEN
                RETURN;
            END IF;
            INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at)
                VALUES (v_item.id, p_annotator, 'claimed', p_now, p_now + v_timeout);
            UPDATE item SET open_slots = item.open_slots - 1 WHERE item.id = v_item.id;
            RETURN QUERY SELECT v_item.id, v_item.key, v_item.text, v_item.fields, v_item.source, v_item.pre_annotation, false, false;
        END $$;
        CREATE FUNCTION malmoi_submit(p_project BIGINT, p_key TEXT, p_annotator TEXT, p_now DOUBLE PRECISION, p_at TEXT,
            p_payload TEXT, p_warnings TEXT, p_seconds DOUBLE PRECISION, p_gold_score DOUBLE PRECISION, p_draft_outcome TEXT)
        RETURNS BIGINT LANGUAGE plpgsql AS $$
        DECLARE
            v_item BIGINT;
            v_state TEXT;
            v_gold BOOLEAN;
            v_slots INTEGER;
            v_id BIGINT;
        BEGIN
            SELECT i.id INTO v_item FROM item i WHERE i.project_id = p_project AND i.key = p_key;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no such item' USING ERRCODE = 'MLM01';
            END IF;
            UPDATE assignment a SET state = 'submitted' WHERE a.item_id = v_item AND a.annotator_id = p_annotator AND a.state = 'claimed';
            IF NOT FOUND THEN
                SELECT a.state INTO v_state FROM assignment a WHERE a.item_id = v_item AND a.annotator_id = p_annotator;
                IF v_state = 'submitted' THEN
                    RAISE EXCEPTION 'already annotated' USING ERRCODE = 'MLM02';
                END IF;
                SELECT i.is_gold, i.open_slots INTO v_gold, v_slots FROM item i WHERE i.id = v_item FOR UPDATE;
                IF v_state IS NOT NULL OR NOT (v_gold OR v_slots > 0) THEN
                    RAISE EXCEPTION 'no claim' USING ERRCODE = 'MLM03';
                END IF;
                INSERT INTO annotator (id, qualifications, created_at) VALUES (p_annotator, '[]', p_at) ON CONFLICT (id) DO NOTHING;
                INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at)
                    VALUES (v_item, p_annotator, 'submitted', p_now, p_now);
                UPDATE item i SET open_slots = greatest(i.open_slots - 1, 0) WHERE i.id = v_item AND NOT i.is_gold;
            END IF;
            INSERT INTO worker (project_id, annotator_id, submitted) VALUES (p_project, p_annotator, 1)
                ON CONFLICT (project_id, annotator_id) DO UPDATE SET submitted = worker.submitted + 1;
            INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, draft_outcome)
                VALUES (v_item, p_annotator, p_payload, p_warnings, p_at, p_seconds, p_gold_score, p_draft_outcome) RETURNING annotation.id INTO v_id;
            RETURN v_id;
        END $$
        """

    /// Version 5 (the team server's safety), as the SQLite store's version 5: `lapsed_claim` remembers which
    /// annotator's claim on which item expired, and `malmoi_claim` (otherwise version 3's, derived from its text
    /// so that the two cannot drift) records there the claims it expires; `malmoi_submit` keeps an answer without a
    /// live claim only for such a lapsed claim of the same annotator (never for an item, gold or not, never served
    /// to them, with the same refusal either way), stores the client-made `submission_id` (unique per annotator)
    /// and recognises a retry by it, answering `(saved_id, replayed)`. Reviews keep their `submission_id` too, and
    /// `setting` keeps server-wide values made once (the pseudonym salt).
    static let schemaVersion5 = """
        \(SchemaDialect.postgres.claimAndRetryTables)
        \(claimRecordingLapses)
        DROP FUNCTION malmoi_submit(BIGINT, TEXT, TEXT, DOUBLE PRECISION, TEXT, TEXT, TEXT, DOUBLE PRECISION, DOUBLE PRECISION, TEXT);
        CREATE FUNCTION malmoi_submit(p_project BIGINT, p_key TEXT, p_annotator TEXT, p_now DOUBLE PRECISION, p_at TEXT,
            p_payload TEXT, p_warnings TEXT, p_seconds DOUBLE PRECISION, p_gold_score DOUBLE PRECISION, p_draft_outcome TEXT,
            p_submission_id TEXT)
        RETURNS TABLE (saved_id BIGINT, replayed BOOLEAN) LANGUAGE plpgsql AS $$
        DECLARE
            v_item BIGINT;
            v_state TEXT;
            v_gold BOOLEAN;
            v_slots INTEGER;
            v_lapsed BOOLEAN;
            v_id BIGINT;
        BEGIN
            IF p_submission_id IS NOT NULL THEN
                SELECT a.id INTO v_id FROM annotation a WHERE a.annotator_id = p_annotator AND a.submission_id = p_submission_id;
                IF FOUND THEN
                    RETURN QUERY SELECT v_id, true;
                    RETURN;
                END IF;
            END IF;
            SELECT i.id INTO v_item FROM item i WHERE i.project_id = p_project AND i.key = p_key;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no such item' USING ERRCODE = 'MLM01';
            END IF;
            UPDATE assignment a SET state = 'submitted' WHERE a.item_id = v_item AND a.annotator_id = p_annotator AND a.state = 'claimed';
            IF NOT FOUND THEN
                SELECT a.state INTO v_state FROM assignment a WHERE a.item_id = v_item AND a.annotator_id = p_annotator;
                IF v_state = 'submitted' THEN
                    RAISE EXCEPTION 'already annotated' USING ERRCODE = 'MLM02';
                END IF;
                SELECT i.is_gold, i.open_slots INTO v_gold, v_slots FROM item i WHERE i.id = v_item FOR UPDATE;
                DELETE FROM lapsed_claim l WHERE l.item_id = v_item AND l.annotator_id = p_annotator;
                v_lapsed := FOUND;
                IF v_state IS NOT NULL OR NOT v_lapsed OR NOT (v_gold OR v_slots > 0) THEN
                    RAISE EXCEPTION 'no claim' USING ERRCODE = 'MLM03';
                END IF;
                INSERT INTO annotator (id, qualifications, created_at) VALUES (p_annotator, '[]', p_at) ON CONFLICT (id) DO NOTHING;
                INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at)
                    VALUES (v_item, p_annotator, 'submitted', p_now, p_now);
                UPDATE item i SET open_slots = greatest(i.open_slots - 1, 0) WHERE i.id = v_item AND NOT i.is_gold;
            END IF;
            INSERT INTO worker (project_id, annotator_id, submitted) VALUES (p_project, p_annotator, 1)
                ON CONFLICT (project_id, annotator_id) DO UPDATE SET submitted = worker.submitted + 1;
            INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, draft_outcome, submission_id)
                VALUES (v_item, p_annotator, p_payload, p_warnings, p_at, p_seconds, p_gold_score, p_draft_outcome, p_submission_id)
                RETURNING annotation.id INTO v_id;
            RETURN QUERY SELECT v_id, false;
        END $$
        """

    /// Version 3's `malmoi_claim` as `CREATE OR REPLACE`, its expiry also recording each expired claim in `lapsed_claim`.
    static let claimRecordingLapses: String = {
        let start = claimAndSubmitFunctions.range(of: "CREATE FUNCTION malmoi_claim")!
        let end = claimAndSubmitFunctions.range(of: "CREATE FUNCTION malmoi_submit")!
        let version3 = String(claimAndSubmitFunctions[start.lowerBound..<end.lowerBound])
        let returning = "RETURNING a.item_id\n", update = "UPDATE item SET open_slots = item.open_slots + g.n"
        precondition(version3.components(separatedBy: returning).count == 2 && version3.components(separatedBy: update).count == 2,
                     "migration v3's malmoi_claim changed")
        return "CREATE OR REPLACE" + version3.dropFirst("CREATE".count)
            .replacingOccurrences(of: returning, with: "RETURNING a.item_id, a.annotator_id\n")
            .replacingOccurrences(of: update, with: """
                , lapsed AS (
                    INSERT INTO lapsed_claim (item_id, annotator_id) SELECT gone.item_id, gone.annotator_id FROM gone ON CONFLICT DO NOTHING
                )
                \(update)
                """)
    }()

    /// Version 6 (gold as a random draw), as the SQLite store's version 6: gold items are numbered by `gold_ordinal`
    /// (see ``SchemaDialect/goldOrdinal``), and `malmoi_claim` (version 5's, derived from its text) no longer counts
    /// submissions against a period: each claim that resumes nothing is, with the probability of the project's stored
    /// gold rate, drawn by the database's own random numbers, a gold item: a random ordinal of the project's gold items,
    /// then the first one at or after it (wrapping around) that the annotator never had, by two index seeks. Before
    /// the draw, an item whose claim of the annotator lapsed (expired or released) is served to them again, gold or
    /// not, so that releasing and claiming again tells nothing about an item. One annotator's claims run one at a
    /// time (a transaction-scoped advisory lock on their name), so two at once cannot both draw. Its fifth
    /// argument, the old gold period, is no longer read (servers of version 5 still pass it during a rolling upgrade).
    /// The ten-argument `malmoi_submit` that version 5 dropped is back, as a wrapper over the current one, for the
    /// same servers.
    static let schemaVersion6 = """
        \(SchemaDialect.postgres.goldOrdinal)
        \(claimDrawingGold)
        \(submitOfVersion3Signature)
        """

    /// Version 5's `malmoi_claim` with its gold block replaced by a random draw.
    static let claimDrawingGold: String = {
        let version5 = claimRecordingLapses
        let declared = "    v_done INTEGER;\n    v_last_gold BIGINT;\n"
        let timeout = "SELECT coalesce(max(p.claim_timeout_seconds), 1800) INTO v_timeout FROM project p WHERE p.id = p_project;"
        let goldStart = "    IF p_gold_period > 0 THEN\n"
        let openStart = "    SELECT i.* INTO v_item FROM item i\n        WHERE i.project_id = p_project AND i.open_slots > 0"
        let begin = "BEGIN\n    INSERT INTO annotator (id"
        for fragment in [declared, timeout, goldStart, openStart, begin] {
            precondition(version5.components(separatedBy: fragment).count == 2, "migration v5's malmoi_claim changed")
        }
        let unseen = "AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.item_id = i.id AND a.annotator_id = p_annotator)"
        let draw = """
                SELECT i.* INTO v_item FROM lapsed_claim l JOIN item i ON i.id = l.item_id
                    WHERE l.annotator_id = p_annotator AND i.project_id = p_project AND (i.is_gold OR i.open_slots > 0)
                    \(unseen) ORDER BY i.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED;
                IF FOUND THEN
                    DELETE FROM lapsed_claim l WHERE l.item_id = v_item.id AND l.annotator_id = p_annotator;
                    INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at)
                        VALUES (v_item.id, p_annotator, 'claimed', p_now, p_now + v_timeout);
                    IF NOT v_item.is_gold THEN
                        UPDATE item SET open_slots = item.open_slots - 1 WHERE item.id = v_item.id;
                    END IF;
                    RETURN QUERY SELECT v_item.id, v_item.key, v_item.text, v_item.fields, v_item.source, v_item.pre_annotation, v_item.is_gold, false;
                    RETURN;
                END IF;
                IF v_gold_rate > 0 AND random() < v_gold_rate THEN
                    SELECT max(i.gold_ordinal) INTO v_last FROM item i WHERE i.project_id = p_project AND i.is_gold;
                    IF v_last IS NOT NULL THEN
                        v_from := 1 + floor(random() * v_last)::bigint;
                        SELECT i.* INTO v_item FROM item i WHERE i.project_id = p_project AND i.is_gold AND i.gold_ordinal >= v_from
                            \(unseen) ORDER BY i.gold_ordinal LIMIT 1;
                        IF NOT FOUND THEN
                            SELECT i.* INTO v_item FROM item i WHERE i.project_id = p_project AND i.is_gold AND i.gold_ordinal < v_from
                                \(unseen) ORDER BY i.gold_ordinal LIMIT 1;
                        END IF;
                        IF FOUND THEN
                            INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at)
                                VALUES (v_item.id, p_annotator, 'claimed', p_now, p_now + v_timeout);
                            RETURN QUERY SELECT v_item.id, v_item.key, v_item.text, v_item.fields, v_item.source, v_item.pre_annotation, true, false;
                            RETURN;
                        END IF;
                    END IF;
                END IF;

            """
        let head = version5[..<version5.range(of: goldStart)!.lowerBound]
        let tail = version5[version5.range(of: openStart)!.lowerBound...]
        return (head + draw + tail)
            .replacingOccurrences(of: begin, with: "BEGIN\n    PERFORM pg_advisory_xact_lock(hashtext('malmoi_claim'), hashtext(p_annotator));\n    INSERT INTO annotator (id")
            .replacingOccurrences(of: declared, with: "    v_gold_rate DOUBLE PRECISION;\n    v_last BIGINT;\n    v_from BIGINT;\n")
            .replacingOccurrences(of: timeout, with: """
                SELECT coalesce(max(p.claim_timeout_seconds), 1800), coalesce(max(p.gold_rate), 0) INTO v_timeout, v_gold_rate
                        FROM project p WHERE p.id = p_project;
                """)
    }()

    /// The ten-argument `malmoi_submit` of version 3 (its signature taken from that migration's text), calling the
    /// current one without a submission id and answering the saved annotation's id, as it did.
    static let submitOfVersion3Signature: String = {
        let text = claimAndSubmitFunctions
        let start = text.range(of: "CREATE FUNCTION malmoi_submit(")!
        let end = text.range(of: "RETURNS BIGINT", range: start.upperBound..<text.endIndex)!
        let signature = String(text[start.lowerBound..<end.upperBound])
        let arguments = "p_project, p_key, p_annotator, p_now, p_at, p_payload, p_warnings, p_seconds, p_gold_score, p_draft_outcome"
        precondition(arguments.split(separator: ",").allSatisfy { signature.contains($0.trimmingCharacters(in: .whitespaces) + " ") },
                     "migration v3's malmoi_submit changed")
        return """
            \(signature) LANGUAGE sql AS $$
                SELECT s.saved_id FROM malmoi_submit(\(arguments), NULL::text) AS s
            $$;
            """
    }()
}
