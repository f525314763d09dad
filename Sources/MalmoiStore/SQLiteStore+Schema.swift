import MalmoiCore
import GRDB

extension SQLiteStore {
    /// The versioned migrations; a migration, once released, is never edited: a change is a new one.
    static func makeMigrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-workflow") { db in
            try db.execute(sql: schemaVersion1)
        }
        migrator.registerMigration("v2-open-slots") { db in
            try db.execute(sql: schemaVersion2)
        }
        migrator.registerMigration("v3-people") { db in try db.execute(sql: peopleSchema) }
        return migrator
    }

    /// Version 1 of the schema: projects, items, gold answers, annotators, claims (assignment), annotations
    /// with edit history, reviews, and the append-only points ledger.
    static let schemaVersion1 = """
        CREATE TABLE project (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            task_config TEXT NOT NULL,
            guideline TEXT,
            points_per_accept INTEGER NOT NULL CHECK (points_per_accept >= 0),
            overlap INTEGER NOT NULL CHECK (overlap >= 1),
            required_qualification TEXT,
            reason_codes TEXT NOT NULL,
            gold_rate REAL NOT NULL CHECK (gold_rate >= 0 AND gold_rate <= 1),
            near_duplicate_threshold REAL NOT NULL CHECK (near_duplicate_threshold >= 0 AND near_duplicate_threshold <= 1),
            verbatim INTEGER NOT NULL,
            claim_timeout_seconds REAL NOT NULL DEFAULT 86400,
            created_at TEXT NOT NULL
        );
        CREATE TABLE item (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            text TEXT NOT NULL,
            fields TEXT,
            source TEXT,
            pre_annotation TEXT,
            UNIQUE (project_id, key)
        );
        CREATE TABLE gold (
            item_id INTEGER PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
            answer TEXT NOT NULL
        );
        CREATE TABLE annotator (
            id TEXT PRIMARY KEY,
            qualifications TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        );
        CREATE TABLE assignment (
            item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            state TEXT NOT NULL CHECK (state IN ('claimed', 'submitted', 'skipped')),
            claimed_at REAL NOT NULL,
            PRIMARY KEY (item_id, annotator_id)
        ) WITHOUT ROWID;
        CREATE INDEX assignment_by_annotator ON assignment(annotator_id, state);
        CREATE TABLE annotation (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            payload TEXT NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]',
            submitted_at TEXT NOT NULL,
            seconds REAL NOT NULL,
            supersedes INTEGER REFERENCES annotation(id),
            is_current INTEGER NOT NULL DEFAULT 1,
            gold_score REAL
        );
        CREATE UNIQUE INDEX annotation_current ON annotation(item_id, annotator_id) WHERE is_current = 1;
        CREATE INDEX annotation_by_annotator ON annotation(annotator_id, id);
        CREATE TABLE review (
            id INTEGER PRIMARY KEY,
            annotation_id INTEGER NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
            reasons TEXT NOT NULL DEFAULT '[]',
            comment TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX review_by_annotation ON review(annotation_id, id);
        CREATE TABLE ledger (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL REFERENCES project(id),
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            annotation_id INTEGER NOT NULL REFERENCES annotation(id),
            review_id INTEGER NOT NULL REFERENCES review(id),
            points INTEGER NOT NULL,
            reverses INTEGER REFERENCES ledger(id),
            at TEXT NOT NULL
        );
        CREATE INDEX ledger_by_review ON ledger(review_id);
        CREATE INDEX ledger_by_annotation ON ledger(annotation_id);
        CREATE INDEX ledger_by_project ON ledger(project_id, annotator_id);
        CREATE TRIGGER ledger_is_append_only_update BEFORE UPDATE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only: write a reversing entry'); END;
        CREATE TRIGGER ledger_is_append_only_delete BEFORE DELETE ON ledger
            BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only: write a reversing entry'); END;
        """

    /// Version 2: claims as index seeks. Each item keeps `open_slots` (the overlap minus its claims and
    /// submissions, kept in the same transaction as every claim, submit, skip, release and expiry), an
    /// `is_gold` flag and a queue `priority` (higher first; 0 unless a model sets it); a partial index
    /// holds only the project's open, non-gold items in queue order. Claims carry `expires_at`, indexed,
    /// so expired claims are found without a scan, and `worker` keeps per project and annotator the
    /// count of submissions (the gold rate) and the last gold item served. The claim timeout becomes 30
    /// minutes where it was the old fixed 24 hours. Everything already stored is kept.
    static let schemaVersion2 = """
        UPDATE project SET claim_timeout_seconds = 1800 WHERE claim_timeout_seconds = 86400;
        ALTER TABLE item ADD COLUMN priority REAL NOT NULL DEFAULT 0;
        ALTER TABLE item ADD COLUMN is_gold INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE item ADD COLUMN open_slots INTEGER NOT NULL DEFAULT 0;
        UPDATE item SET is_gold = 1 WHERE id IN (SELECT item_id FROM gold);
        ALTER TABLE assignment ADD COLUMN expires_at REAL NOT NULL DEFAULT 0;
        UPDATE assignment SET expires_at = claimed_at + (
            SELECT p.claim_timeout_seconds FROM item i JOIN project p ON p.id = i.project_id WHERE i.id = assignment.item_id)
        WHERE state = 'claimed';
        UPDATE item SET open_slots = max(0, (SELECT p.overlap FROM project p WHERE p.id = item.project_id)
            - (SELECT count(*) FROM assignment a WHERE a.item_id = item.id AND a.state IN ('claimed', 'submitted')));
        CREATE INDEX item_open_queue ON item(project_id, priority DESC, id) WHERE open_slots > 0 AND is_gold = 0;
        CREATE INDEX item_gold ON item(project_id, id) WHERE is_gold = 1;
        CREATE INDEX assignment_claims_by_expiry ON assignment(expires_at) WHERE state = 'claimed';
        CREATE TABLE worker (
            project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            submitted INTEGER NOT NULL DEFAULT 0,
            last_gold INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (project_id, annotator_id)
        ) WITHOUT ROWID;
        INSERT INTO worker (project_id, annotator_id, submitted, last_gold)
            SELECT i.project_id, a.annotator_id, sum(a.state = 'submitted'), coalesce(max(CASE WHEN i.is_gold = 1 THEN i.id END), 0)
            FROM assignment a JOIN item i ON i.id = a.item_id GROUP BY i.project_id, a.annotator_id;
        """
}
