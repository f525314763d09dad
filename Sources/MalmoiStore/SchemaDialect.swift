/// The SQL dialect of a store's schema, for the tables both stores define alike: written once, with
/// placeholders for the words that differ (`{KEY}` a generated row id, `{REF}` a reference to one,
/// `{REAL}` a float, `{FLAG}`, `{TRUE}` and `{FALSE}` a boolean and its values).
///
/// ```swift
/// let ddl = SchemaDialect.postgres.render(SchemaDialect.annotationTables)
/// ```
public enum SchemaDialect: Sendable {
    /// SQLite (integers for booleans, `INTEGER PRIMARY KEY` row ids).
    case sqlite
    /// PostgreSQL (booleans, `BIGSERIAL` ids, double precision).
    case postgres

    /// The template with this dialect's words.
    public func render(_ template: String) -> String {
        let words: [(String, String)] = switch self {
        case .sqlite: [("{KEY}", "INTEGER PRIMARY KEY"), ("{REF}", "INTEGER"), ("{REAL}", "REAL"), ("{FLAG}", "INTEGER"), ("{TRUE}", "1"),
                       ("{FALSE}", "0")]
        case .postgres: [("{KEY}", "BIGSERIAL PRIMARY KEY"), ("{REF}", "BIGINT"), ("{REAL}", "DOUBLE PRECISION"), ("{FLAG}", "BOOLEAN"),
                         ("{TRUE}", "true"), ("{FALSE}", "false")]
        }
        var text = template
        for (placeholder, word) in words { text = text.replacingOccurrences(of: placeholder, with: word) }
        return text
    }

    /// The project table, whose claim timeout defaults to `defaultClaimTimeout` seconds (SQLite's first
    /// schema had 86,400; its second migration and PostgreSQL use 1,800).
    public func projectTable(defaultClaimTimeout: Int) -> String {
        render("""
            CREATE TABLE project (
                id {KEY},
                name TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                task_config TEXT NOT NULL,
                guideline TEXT,
                points_per_accept INTEGER NOT NULL CHECK (points_per_accept >= 0),
                overlap INTEGER NOT NULL CHECK (overlap >= 1),
                required_qualification TEXT,
                reason_codes TEXT NOT NULL,
                gold_rate {REAL} NOT NULL CHECK (gold_rate >= 0 AND gold_rate <= 1),
                near_duplicate_threshold {REAL} NOT NULL CHECK (near_duplicate_threshold >= 0 AND near_duplicate_threshold <= 1),
                verbatim {FLAG} NOT NULL,
                claim_timeout_seconds {REAL} NOT NULL DEFAULT \(defaultClaimTimeout),
                created_at TEXT NOT NULL
            );
            """)
    }

    /// The item table; with `queueColumns`, its queue `priority`, `is_gold` flag and `open_slots` count
    /// (SQLite's second migration adds them to a first-schema table).
    public func itemTable(queueColumns: Bool) -> String {
        let queue = queueColumns ? """
                priority {REAL} NOT NULL DEFAULT 0,
                is_gold {FLAG} NOT NULL DEFAULT {FALSE},
                open_slots INTEGER NOT NULL DEFAULT 0,

            """ : ""
        return render("""
            CREATE TABLE item (
                id {KEY},
                project_id {REF} NOT NULL REFERENCES project(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                text TEXT NOT NULL,
                fields TEXT,
                source TEXT,
                pre_annotation TEXT,
            \(queue)    UNIQUE (project_id, key)
            );
            """)
    }

    /// The claims (state `claimed`, `submitted` or `skipped`) of items by annotators; with `expiry`, the
    /// `expires_at` column (SQLite's second migration adds it).
    public func assignmentTable(expiry: Bool) -> String {
        render("""
            CREATE TABLE assignment (
                item_id {REF} NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                annotator_id TEXT NOT NULL REFERENCES annotator(id),
                state TEXT NOT NULL CHECK (state IN ('claimed', 'submitted', 'skipped')),
                claimed_at {REAL} NOT NULL,
            \(expiry ? "    expires_at {REAL} NOT NULL DEFAULT 0,\n" : "")    PRIMARY KEY (item_id, annotator_id)
            )\(self == .sqlite ? " WITHOUT ROWID" : "");
            CREATE INDEX assignment_by_annotator ON assignment(annotator_id, state);
            """)
    }

    /// Gold answers (one per gold item) and annotators with their qualifications.
    public static let goldAndAnnotatorTables = """
        CREATE TABLE gold (
            item_id {REF} PRIMARY KEY REFERENCES item(id) ON DELETE CASCADE,
            answer TEXT NOT NULL
        );
        CREATE TABLE annotator (
            id TEXT PRIMARY KEY,
            qualifications TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL
        );
        """

    /// Annotations (with their edit chain), reviews and the points ledger, with their indexes; the
    /// ledger's append-only triggers are each dialect's own.
    public static let annotationTables = """
        CREATE TABLE annotation (
            id {KEY},
            item_id {REF} NOT NULL REFERENCES item(id) ON DELETE CASCADE,
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            payload TEXT NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]',
            submitted_at TEXT NOT NULL,
            seconds {REAL} NOT NULL,
            supersedes {REF} REFERENCES annotation(id),
            is_current {FLAG} NOT NULL DEFAULT {TRUE},
            gold_score {REAL}
        );
        CREATE UNIQUE INDEX annotation_current ON annotation(item_id, annotator_id) WHERE is_current = {TRUE};
        CREATE INDEX annotation_by_annotator ON annotation(annotator_id, id);
        CREATE TABLE review (
            id {KEY},
            annotation_id {REF} NOT NULL REFERENCES annotation(id) ON DELETE CASCADE,
            reviewer TEXT NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected')),
            reasons TEXT NOT NULL DEFAULT '[]',
            comment TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX review_by_annotation ON review(annotation_id, id);
        CREATE TABLE ledger (
            id {KEY},
            project_id {REF} NOT NULL REFERENCES project(id),
            annotator_id TEXT NOT NULL REFERENCES annotator(id),
            annotation_id {REF} NOT NULL REFERENCES annotation(id),
            review_id {REF} NOT NULL REFERENCES review(id),
            points INTEGER NOT NULL,
            reverses {REF} REFERENCES ledger(id),
            at TEXT NOT NULL
        );
        CREATE INDEX ledger_by_review ON ledger(review_id);
        CREATE INDEX ledger_by_annotation ON ledger(annotation_id);
        CREATE INDEX ledger_by_project ON ledger(project_id, annotator_id);
        """

    /// The team server's tables (migration `v4-people` of both stores): people, their tokens (the selector and the
    /// SHA-256 of the secret, as bytes in SQLite and as hex in PostgreSQL, never the token) and the append-only
    /// audit trail.
    public var peopleTables: String {
        render("""
            CREATE TABLE person (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL CHECK (role IN ('annotator', 'reviewer', 'client', 'admin')),
                qualifications TEXT NOT NULL DEFAULT '[]',
                projects TEXT NOT NULL DEFAULT '[]',
                revoked {FLAG} NOT NULL DEFAULT {FALSE},
                created_at TEXT NOT NULL
            );
            CREATE TABLE person_token (
                selector TEXT PRIMARY KEY,
                person TEXT NOT NULL REFERENCES person(name) ON DELETE CASCADE,
                secret_hash \(self == .sqlite ? "BLOB" : "TEXT") NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE INDEX person_token_by_person ON person_token(person);
            CREATE TABLE audit (
                id {KEY},
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                detail TEXT NOT NULL,
                at TEXT NOT NULL
            );
            """)
    }

    /// The tables and columns of version 5 of both stores (the team server's safety): `lapsed_claim` (which
    /// annotator's claim on which item expired), the client-made `submission_id` of annotations and reviews,
    /// unique per annotator or reviewer, and `setting` (server-wide values made once, such as the pseudonym salt).
    public var claimAndRetryTables: String {
        render("""
            CREATE TABLE lapsed_claim (
                item_id {REF} NOT NULL REFERENCES item(id) ON DELETE CASCADE,
                annotator_id TEXT NOT NULL,
                PRIMARY KEY (item_id, annotator_id)
            )\(self == .sqlite ? " WITHOUT ROWID" : "");
            ALTER TABLE annotation ADD COLUMN submission_id TEXT;
            CREATE UNIQUE INDEX annotation_by_submission ON annotation (annotator_id, submission_id) WHERE submission_id IS NOT NULL;
            ALTER TABLE review ADD COLUMN submission_id TEXT;
            CREATE UNIQUE INDEX review_by_submission ON review (reviewer, submission_id) WHERE submission_id IS NOT NULL;
            CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            """)
    }

    /// Version 6 of both stores (gold as a random draw): the `gold_ordinal` column, 1, 2, 3… over a project's gold
    /// items in row id order (filled in for the gold items already stored), its partial index, and a trigger that
    /// numbers each item that becomes gold after the last ordinal of its project (a lookup of that index's end); and
    /// an index of lapsed claims by annotator (a claim serves an annotator's lapsed item again first).
    public var goldOrdinal: String {
        let next = """
            (SELECT coalesce(max(g.gold_ordinal), 0) + 1 FROM item g WHERE g.project_id = NEW.project_id AND g.is_gold = {TRUE})
            """
        let trigger = switch self {
        case .sqlite: """
            CREATE TRIGGER item_gold_ordinal_insert AFTER INSERT ON item WHEN NEW.is_gold = 1 AND NEW.gold_ordinal IS NULL
                BEGIN UPDATE item SET gold_ordinal = \(next) WHERE id = NEW.id; END;
            CREATE TRIGGER item_gold_ordinal_update AFTER UPDATE OF is_gold ON item WHEN NEW.is_gold = 1 AND NEW.gold_ordinal IS NULL
                BEGIN UPDATE item SET gold_ordinal = \(next) WHERE id = NEW.id; END;
            """
        case .postgres: """
            CREATE FUNCTION malmoi_gold_ordinal() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.gold_ordinal := \(next); RETURN NEW; END $$;
            CREATE TRIGGER item_gold_ordinal BEFORE INSERT OR UPDATE OF is_gold ON item
                FOR EACH ROW WHEN (NEW.is_gold AND NEW.gold_ordinal IS NULL) EXECUTE FUNCTION malmoi_gold_ordinal();
            """
        }
        return render("""
            ALTER TABLE item ADD COLUMN gold_ordinal BIGINT;
            UPDATE item SET gold_ordinal = o.n
                FROM (SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY id) AS n FROM item WHERE is_gold = {TRUE}) AS o
                WHERE item.id = o.id;
            CREATE INDEX item_gold_ordinal ON item (project_id, gold_ordinal) WHERE is_gold = {TRUE};
            CREATE INDEX lapsed_claim_by_annotator ON lapsed_claim (annotator_id, item_id);
            \(trigger)
            """)
    }
}
