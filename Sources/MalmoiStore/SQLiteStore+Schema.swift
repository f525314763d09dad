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
        migrator.registerMigration("v3-draft-outcome") { db in
            try db.execute(sql: schemaVersion3)
        }
        migrator.registerMigration("v4-people") { db in try db.execute(sql: peopleSchema) }
        migrator.registerMigration("v5-claims-and-retries") { db in try db.execute(sql: schemaVersion5) }
        migrator.registerMigration("v6-gold-draw") { db in try db.execute(sql: schemaVersion6) }
        return migrator
    }

    /// Version 1 of the schema: projects, items, gold answers, annotators, claims (assignment), annotations
    /// with edit history, reviews, and the append-only points ledger.
    static let schemaVersion1 = """
        \(SchemaDialect.sqlite.projectTable(defaultClaimTimeout: 86400))
        \(SchemaDialect.sqlite.itemTable(queueColumns: false))
        \(SchemaDialect.sqlite.render(SchemaDialect.goldAndAnnotatorTables))
        \(SchemaDialect.sqlite.assignmentTable(expiry: false))
        \(SchemaDialect.sqlite.render(SchemaDialect.annotationTables))
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

    /// Version 3: each annotation records what its annotator did with the item's machine draft
    /// (`kept`, `changed` or `replaced`; NULL without a draft, for edits and for annotations stored before).
    static let schemaVersion3 = """
        ALTER TABLE annotation ADD COLUMN draft_outcome TEXT CHECK (draft_outcome IN ('kept', 'changed', 'replaced'));
        """

    /// Version 5 (the team server's safety): `lapsed_claim` remembers which annotator's claim on which item
    /// expired (only such an answer is kept without a live claim); annotations and reviews keep the client-made
    /// `submission_id`, unique per annotator or reviewer, by which a retry is recognised; `setting` keeps
    /// server-wide values made once (the pseudonym salt).
    static let schemaVersion5 = SchemaDialect.sqlite.claimAndRetryTables

    /// Version 6 (gold as a random draw): each gold item gets `gold_ordinal`, 1, 2, 3… within its project in
    /// the order the gold items were stored, indexed, so that a claim draws a random ordinal and seeks the first
    /// unseen gold item at or after it (see `claimNextItem`). A trigger numbers gold items stored later.
    static let schemaVersion6 = SchemaDialect.sqlite.goldOrdinal
}
