extension PostgresStore {
    /// Version 7, the queue floor: a claim's search for the next open item starts at a per-project floor instead of
    /// the head of the queue index.
    ///
    /// Every claim lowers an item's `open_slots`, and an item that reaches 0 leaves the partial queue index only
    /// when vacuum removes its old entries; until then each claim steps over them from the head. After a few
    /// thousand claims on a busy project the head query read about 150 index and heap pages where it needs 3, and
    /// paced latencies grew run after run. The floor is a queue position, `(-priority, id)`, at or before every open
    /// item of the project; the claim seeks straight to it through an index on that position.
    ///
    /// Keeping "at or before every open item" under concurrency:
    /// - The floor only rises in ``queueAdvance`` (`malmoi_queue_advance`): in 1 of 16 claims and in a claim that
    ///   finds nothing, the claim that gets the project's advisory lock without waiting moves the floor to the
    ///   first open item at or after it, all in one statement (one snapshot).
    /// - An item that opens before the floor (inserted, reopened by an expiry, a release or an edit, its priority
    ///   raised, or no longer gold) is written down in `queue_floor_drop` by a trigger, in the same transaction, and
    ///   a claim starts from the lower of the floor and the lowest of those rows. The advance folds in and deletes
    ///   the rows its snapshot saw; a row it did not see stays. The trigger holds the project's advisory lock in
    ///   shared mode, so no advance runs between its check of the floor and its commit.
    /// - Advances never wait for a lock (they are skipped while another runs or an item is being opened), so no
    ///   claim waits behind one and there is no lock cycle.
    ///
    /// Also: autovacuum visits `item` and `assignment` after 2 % of their rows (plus 10,000) changed, not 20 %, and
    /// the old queue index, `(project_id, priority DESC, id)`, gives way to the position index. Servers of version 6
    /// call the same `malmoi_claim`, which the migration replaces, so a rolling upgrade claims from the floor too.
    static let schemaVersion7 = """
        CREATE TABLE queue_floor (
            project_id BIGINT PRIMARY KEY REFERENCES project(id) ON DELETE CASCADE,
            neg_priority DOUBLE PRECISION NOT NULL,
            item_id BIGINT NOT NULL
        );
        CREATE TABLE queue_floor_drop (
            project_id BIGINT NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            neg_priority DOUBLE PRECISION NOT NULL,
            item_id BIGINT NOT NULL
        );
        CREATE INDEX queue_floor_drop_lowest ON queue_floor_drop (project_id, neg_priority, item_id);
        CREATE INDEX item_queue_position ON item (project_id, (-priority), id) WHERE open_slots > 0 AND NOT is_gold;
        DROP INDEX item_open_queue;
        ALTER TABLE item SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 10000);
        ALTER TABLE assignment SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 10000);
        \(queueFloorFunctions)
        \(claimFromTheFloor)
        """

    /// The floor's functions and triggers (see ``schemaVersion7``).
    static let queueFloorFunctions = """
        CREATE FUNCTION malmoi_queue_floor(p_project BIGINT) RETURNS TABLE (neg_priority DOUBLE PRECISION, item_id BIGINT)
        LANGUAGE sql STABLE AS $$
            SELECT q.neg_priority, q.item_id FROM (
                (SELECT f.neg_priority, f.item_id FROM queue_floor f WHERE f.project_id = p_project)
                UNION ALL
                (SELECT d.neg_priority, d.item_id FROM queue_floor_drop d WHERE d.project_id = p_project
                    ORDER BY d.neg_priority, d.item_id LIMIT 1)
                UNION ALL
                SELECT '-Infinity'::double precision, 0::bigint WHERE NOT EXISTS (SELECT 1 FROM queue_floor f WHERE f.project_id = p_project)
            ) q ORDER BY q.neg_priority, q.item_id LIMIT 1
        $$;
        CREATE FUNCTION malmoi_queue_advance(p_project BIGINT) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT pg_try_advisory_xact_lock(hashtext('malmoi_queue'), hashtext(p_project::text)) THEN
                RETURN;
            END IF;
            WITH start AS (
                SELECT s.neg_priority, s.item_id FROM malmoi_queue_floor(p_project) s
            ), folded AS (
                DELETE FROM queue_floor_drop d WHERE d.project_id = p_project RETURNING d.item_id
            ), next AS (
                SELECT -i.priority AS neg_priority, i.id AS item_id FROM item i, start s
                WHERE i.project_id = p_project AND i.open_slots > 0 AND NOT i.is_gold
                    AND (-i.priority, i.id) >= (s.neg_priority, s.item_id)
                ORDER BY -i.priority, i.id LIMIT 1
            )
            INSERT INTO queue_floor (project_id, neg_priority, item_id)
                SELECT p_project, coalesce(n.neg_priority, 'Infinity'), coalesce(n.item_id, 0)
                FROM (SELECT 1) one LEFT JOIN next n ON true
            ON CONFLICT (project_id) DO UPDATE SET neg_priority = excluded.neg_priority, item_id = excluded.item_id;
        END $$;
        CREATE FUNCTION malmoi_queue_note(p_project BIGINT, p_neg_priority DOUBLE PRECISION, p_item BIGINT) RETURNS void
        LANGUAGE plpgsql AS $$
        DECLARE
            v_floor_neg DOUBLE PRECISION;
            v_floor_id BIGINT;
        BEGIN
            PERFORM pg_advisory_xact_lock_shared(hashtext('malmoi_queue'), hashtext(p_project::text));
            SELECT f.neg_priority, f.item_id INTO v_floor_neg, v_floor_id FROM malmoi_queue_floor(p_project) f;
            IF (p_neg_priority, p_item) < (v_floor_neg, v_floor_id) THEN
                INSERT INTO queue_floor_drop (project_id, neg_priority, item_id) VALUES (p_project, p_neg_priority, p_item);
            END IF;
        END $$;
        CREATE FUNCTION malmoi_queue_opened() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM malmoi_queue_note(NEW.project_id, -NEW.priority, NEW.id);
            RETURN NULL;
        END $$;
        CREATE TRIGGER item_queue_opened AFTER UPDATE OF open_slots, priority, is_gold ON item FOR EACH ROW
            WHEN (NEW.open_slots > 0 AND NOT NEW.is_gold AND (OLD.open_slots <= 0 OR OLD.is_gold OR NEW.priority > OLD.priority))
            EXECUTE FUNCTION malmoi_queue_opened();
        CREATE FUNCTION malmoi_queue_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM malmoi_queue_note(first.project_id, -first.priority, first.id) FROM (
                SELECT DISTINCT ON (n.project_id) n.project_id, n.priority, n.id FROM inserted n
                WHERE n.open_slots > 0 AND NOT n.is_gold ORDER BY n.project_id, -n.priority, n.id
            ) first;
            RETURN NULL;
        END $$;
        CREATE TRIGGER item_queue_inserted AFTER INSERT ON item REFERENCING NEW TABLE AS inserted
            FOR EACH STATEMENT EXECUTE FUNCTION malmoi_queue_inserted();
        """

    /// Version 6's `malmoi_claim` (derived from its text) searching from the floor, and advancing it in 1 of 16
    /// claims and whenever it finds nothing.
    static let claimFromTheFloor: String = {
        let version6 = claimDrawingGold
        let declare = "DECLARE\n"
        let search = "    SELECT i.* INTO v_item FROM item i\n        WHERE i.project_id = p_project AND i.open_slots > 0 AND NOT i.is_gold\n"
        let order = "        ORDER BY i.priority DESC, i.id LIMIT 1 FOR UPDATE SKIP LOCKED;\n    IF NOT FOUND THEN\n        RETURN;\n"
        let served = "    UPDATE item SET open_slots = item.open_slots - 1 WHERE item.id = v_item.id;\n    RETURN QUERY SELECT v_item.id"
        for fragment in [declare, search, order, served] {
            precondition(version6.components(separatedBy: fragment).count == 2, "migration v6's malmoi_claim changed")
        }
        return version6
            .replacingOccurrences(of: declare, with: declare + "    v_floor_neg DOUBLE PRECISION;\n    v_floor_id BIGINT;\n")
            .replacingOccurrences(of: search, with: """
                    SELECT f.neg_priority, f.item_id INTO v_floor_neg, v_floor_id FROM malmoi_queue_floor(p_project) f;
                \(search)        AND (-i.priority, i.id) >= (v_floor_neg, v_floor_id)

                """)
            .replacingOccurrences(of: order, with: """
                        ORDER BY -i.priority, i.id LIMIT 1 FOR UPDATE SKIP LOCKED;
                    IF NOT FOUND THEN
                        PERFORM malmoi_queue_advance(p_project);
                        RETURN;

                """)
            .replacingOccurrences(of: served, with: """
                    UPDATE item SET open_slots = item.open_slots - 1 WHERE item.id = v_item.id;
                    IF random() < 1.0 / 16 THEN
                        PERFORM malmoi_queue_advance(p_project);
                    END IF;
                    RETURN QUERY SELECT v_item.id
                """)
    }()
}
