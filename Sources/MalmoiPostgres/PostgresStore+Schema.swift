extension PostgresStore {
    /// The versioned migrations, applied in order, each once, in a transaction under an advisory lock
    /// (two processes opening a new database at once do not both migrate it). A released migration is
    /// never edited: a change is a new entry.
    static let migrations: [(name: String, sql: String)] = [
        ("v1-workflow", schemaVersion1),
        ("v2-people", peopleSchema),
    ]

    /// The schema: the same tables and meaning as the SQLite store's version 2 (open-slot bookkeeping,
    /// partial queue index, indexed claim expiry), JSON kept as text so that exports are byte-identical
    /// across stores, and the points ledger append-only by trigger.
    static let schemaVersion1 = """
        CREATE TABLE project (
            id BIGSERIAL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            task_config TEXT NOT NULL,
            guideline TEXT,
            points_per_accept INTEGER NOT NULL CHECK (points_per_accept >= 0),
            overlap INTEGER NOT NULL CHECK (overlap >= 1),
            required_qualification TEXT,
            reason_codes TEXT NOT NULL,
            gold_rate DOUBLE PRECISION NOT NULL CHECK (gold_rate >= 0 AND gold_rate <= 1),
            near_duplicate_threshold DOUBLE PRECISION NOT NULL CHECK (near_duplicate_threshold >= 0 AND near_duplicate_threshold <= 1),
            verbatim BOOLEAN NOT NULL,
            claim_timeout_seconds DOUBLE PRECISION NOT NULL DEFAULT 1800,
            created_at TEXT NOT NULL
        );
        CREATE TABLE item (
            id BIGSERIAL PRIMARY KEY,
            project_id BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            fields TEXT,
            source TEXT,
            pre_annotation TEXT,
            priority DOUBLE PRECISION NOT NULL DEFAULT 0,
            is_gold BOOLEAN NOT NULL DEFAULT false,
            open_slots INTEGER NOT NULL DEFAULT 0,
            UNIQUE (project_id, key)
        );
        CREATE INDEX item_open_queue ON item (project_id, priority DESC, id) WHERE open_slots > 0 AND NOT is_gold;
        CREATE INDEX item_gold ON item (project_id, id) WHERE is_gold;
        CREATE TABLE gold (
            item_id BIGINT PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
            answer TEXT NOT NULL
        );
        CREATE TABLE annotator (
            id TEXT PRIMARY KEY,
            qualifications TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        );
        CREATE TABLE assignment (
            item_id BIGINT NOT NULL REFERENCES item(id) ON DELETE CASCADE,
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            state TEXT NOT NULL CHECK (state IN ('claimed', 'submitted', 'skipped')),
            claimed_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL DEFAULT 0,
            PRIMARY KEY (item_id, annotator_id)
        );
        CREATE INDEX assignment_by_annotator ON assignment (annotator_id, state);
        CREATE INDEX assignment_claims_by_expiry ON assignment (expires_at) WHERE state = 'claimed';
        CREATE TABLE annotation (
            id BIGSERIAL PRIMARY KEY,
            item_id BIGINT NOT NULL REFERENCES item(id) ON DELETE CASCADE,
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            payload TEXT NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]',
            submitted_at TEXT NOT NULL,
            seconds DOUBLE PRECISION NOT NULL,
            supersedes BIGINT REFERENCES annotation(id),
            is_current BOOLEAN NOT NULL DEFAULT true,
            gold_score DOUBLE PRECISION
        );
        CREATE UNIQUE INDEX annotation_current ON annotation (item_id, annotator_id) WHERE is_current;
        CREATE INDEX annotation_by_annotator ON annotation (annotator_id, id);
        CREATE TABLE review (
            id BIGSERIAL PRIMARY KEY,
            annotation_id BIGINT NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
            reasons TEXT NOT NULL DEFAULT '[]',
            comment TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX review_by_annotation ON review (annotation_id, id);
        CREATE TABLE ledger (
            id BIGSERIAL PRIMARY KEY,
            project_id BIGINT NOT NULL REFERENCES project(id),
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            annotation_id BIGINT NOT NULL REFERENCES annotation(id),
            review_id BIGINT NOT NULL REFERENCES review(id),
            points INTEGER NOT NULL,
            reverses BIGINT REFERENCES ledger(id),
            at TEXT NOT NULL
        );
        CREATE INDEX ledger_by_review ON ledger (review_id);
        CREATE INDEX ledger_by_annotation ON ledger (annotation_id);
        CREATE INDEX ledger_by_project ON ledger (project_id, annotator_id);
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
}
