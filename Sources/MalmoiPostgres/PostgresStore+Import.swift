import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore {
    /// Plain new items go to the server this many at a time: one `COPY` into a temporary staging table,
    /// then one `INSERT … SELECT` into `item` (so memory holds at most one batch).
    static let importBatch = 10_000

    public func importItems(into project: Project, options: ImportOptions,
                            from produce: (_ consume: (ImportRecord) throws -> Void) throws -> Void) throws -> ImportSummary {
        try run { session in
            var summary = ImportSummary()
            var pending: [ImportRecord] = []
            var inBatch = 0
            let now = nowText
            func flush() throws {
                guard !pending.isEmpty else { return }
                try insertPlain(session, pending, project: project)
                summary.inserted += pending.count
                pending.removeAll(keepingCapacity: true)
            }
            try session.execute("BEGIN")
            do {
                try produce { record in
                    if options.skipBad {
                        try session.execute("SAVEPOINT record")
                        do {
                            try insertOne(session, record, project: project, upsert: options.upsert, now: now, summary: &summary)
                            try session.execute("RELEASE SAVEPOINT record")
                        } catch {
                            try session.execute("ROLLBACK TO SAVEPOINT record")
                            throw Self.located(error, record)
                        }
                        inBatch += 1
                        if inBatch >= options.batchSize {
                            try session.execute("COMMIT")
                            try session.execute("BEGIN")
                            inBatch = 0
                        }
                    } else if !options.upsert && record.gold == nil && record.annotations.isEmpty {
                        pending.append(record)
                        if pending.count >= Self.importBatch { try flush() }
                    } else {
                        try flush()
                        do {
                            try insertOne(session, record, project: project, upsert: options.upsert, now: now, summary: &summary)
                        } catch {
                            throw Self.located(error, record)
                        }
                    }
                }
                try flush()
                try session.execute("COMMIT")
            } catch {
                _ = try? session.execute("ROLLBACK")
                throw error
            }
            return summary
        }
    }

    /// Turns a failure on one record into an error naming its line, so `--skip-bad` readers count it.
    static func located(_ error: any Error, _ record: ImportRecord) -> any Error {
        if let error = error as? StoreError {
            if error.code == .database { return error }
            return InputError(.duplicate, error.message, at: record.location)
        }
        if error is InputError { return error }
        return StoreError(.database, "cannot import item \"\(record.item.id)\"", at: record.location,
                          cause: PostgresConnectionPool.describe(error))
    }

    /// Inserts new items without gold or annotations: `COPY` (text format) into a temporary staging
    /// table, then one `INSERT … SELECT` in file order, all inside the import's transaction (so nothing is
    /// seen before its commit, and a failure leaves nothing).
    private func insertPlain(_ session: Session, _ records: [ImportRecord], project: Project) throws {
        var keys = Set<String>()
        for record in records where !keys.insert(record.item.id).inserted {
            throw InputError(.duplicate, "item id \"\(record.item.id)\" is already in project \"\(project.name)\" (use --upsert to replace it)",
                             at: record.location)
        }
        var data = ByteBuffer()
        data.reserveCapacity(records.count * 128)
        for (index, record) in records.enumerated() {
            let item = record.item
            data.writeString(String(index))
            Self.copyField(item.id, into: &data)
            Self.copyField(StoredText.encode(item.text), into: &data)
            Self.copyField(item.fields.count == 0 ? nil : JSONValue.object(item.fields).serialized(), into: &data)
            Self.copyField(item.source, into: &data)
            Self.copyField(item.preAnnotation.map { $0.serialized() }, into: &data)
            data.writeInteger(UInt8(ascii: "\n"))
        }
        try session.execute("SAVEPOINT batch")
        do {
            // Lives as long as the connection; ON COMMIT DELETE ROWS empties it at the end of every import.
            try session.execute("""
                CREATE TEMP TABLE IF NOT EXISTS malmoi_import_stage (ord integer, key text, text text, fields text, source text,
                    pre_annotation text) ON COMMIT DELETE ROWS
                """)
            try session.execute("TRUNCATE malmoi_import_stage")
            try session.copy(into: "malmoi_import_stage", columns: ["ord", "key", "text", "fields", "source", "pre_annotation"], data)
            let inserted = try session.execute("""
                INSERT INTO item (project_id, key, text, fields, source, pre_annotation, is_gold, open_slots)
                SELECT $1, key, text, fields, source, pre_annotation, false, $2 FROM malmoi_import_stage ORDER BY ord
                ON CONFLICT (project_id, key) DO NOTHING
                """, [project.id, project.overlap])
            guard inserted == records.count else { throw StoreError(.duplicate, "an id of the batch is taken") }
            try session.execute("RELEASE SAVEPOINT batch")
        } catch let error as StoreError where error.code == .duplicate {
            try session.execute("ROLLBACK TO SAVEPOINT batch")
            let existing = Set(try session.rows("SELECT key FROM item WHERE project_id = $1 AND key = ANY($2)",
                                                [project.id, records.map(\.item.id)]).map { try $0.get("key", String.self) })
            let record = records.first { existing.contains($0.item.id) } ?? records[0]
            throw InputError(.duplicate, "item id \"\(record.item.id)\" is already in project \"\(project.name)\" (use --upsert to replace it)",
                             at: record.location)
        }
    }

    /// Appends a tab and one field in `COPY`'s text format: `\N` for NULL; backslash, tab, newline and
    /// carriage return escaped with a backslash.
    static func copyField(_ value: String?, into data: inout ByteBuffer) {
        data.writeInteger(UInt8(ascii: "\t"))
        guard let value else {
            data.writeStaticString("\\N")
            return
        }
        let utf8 = value.utf8
        let plain = utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        } ?? !utf8.contains { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if plain {
            data.writeString(value)
            return
        }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(utf8.count + 8)
        for byte in utf8 {
            switch byte {
            case 0x5C: escaped += [0x5C, 0x5C]
            case 0x09: escaped += [0x5C, UInt8(ascii: "t")]
            case 0x0A: escaped += [0x5C, UInt8(ascii: "n")]
            case 0x0D: escaped += [0x5C, UInt8(ascii: "r")]
            default: escaped.append(byte)
            }
        }
        data.writeBytes(escaped)
    }

    private func insertOne(_ session: Session, _ record: ImportRecord, project: Project, upsert: Bool, now: String,
                           summary: inout ImportSummary) throws {
        let item = record.item
        let fields: String? = item.fields.count == 0 ? nil : JSONValue.object(item.fields).serialized()
        let pre: String? = item.preAnnotation.map { $0.serialized() }
        let itemID: Int64
        if upsert, let row = try session.row("SELECT id, text FROM item WHERE project_id = $1 AND key = $2 FOR UPDATE", [project.id, item.id]) {
            let existing: Int64 = try row.get("id")
            let oldText = StoredText.decode(try row.get("text", String.self))
            if !oldText.unicodeScalars.elementsEqual(item.text.unicodeScalars),
               try session.row("SELECT 1 AS one FROM annotation WHERE item_id = $1 LIMIT 1", [existing]) != nil {
                throw StoreError(.duplicate, """
                    item "\(item.id)" already has annotations, and --upsert would change its text, leaving their offsets \
                    pointing into other text; import the new text under a new id
                    """, at: record.location)
            }
            try session.execute("UPDATE item SET text = $1, fields = $2, source = $3, pre_annotation = $4 WHERE id = $5",
                                [StoredText.encode(item.text), fields, item.source, pre, existing])
            itemID = existing
            summary.updated += 1
        } else {
            guard let row = try session.row("""
                INSERT INTO item (project_id, key, text, fields, source, pre_annotation, is_gold, open_slots)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (project_id, key) DO NOTHING RETURNING id
                """, [project.id, item.id, StoredText.encode(item.text), fields, item.source, pre, record.gold != nil, project.overlap]) else {
                throw StoreError(.duplicate, "item id \"\(item.id)\" is already in project \"\(project.name)\" (use --upsert to replace it)",
                                 at: record.location)
            }
            itemID = try row.get("id")
            summary.inserted += 1
        }
        if let gold = record.gold {
            try session.execute("""
                INSERT INTO gold (item_id, answer) VALUES ($1, $2) ON CONFLICT (item_id) DO UPDATE SET answer = excluded.answer
                """, [itemID, gold.serialized()])
            try session.execute("UPDATE item SET is_gold = true WHERE id = $1", [itemID])
        }
        for annotation in record.annotations {
            try ensureAnnotator(session, annotation.annotator)
            if try session.row("SELECT 1 AS one FROM annotation WHERE item_id = $1 AND annotator_id = $2 AND is_current",
                               [itemID, annotation.annotator]) != nil {
                if upsert {
                    summary.keptAnnotations += 1
                    continue
                }
                throw StoreError(.duplicate, "item \"\(item.id)\" already has an annotation by \"\(annotation.annotator)\"", at: record.location)
            }
            let inserted = try session.row("""
                INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, draft_outcome)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
                """, [itemID, annotation.annotator, annotation.payload.serialized(), Self.encodeWarnings(annotation.warnings),
                      annotation.submittedAt, annotation.seconds, annotation.goldScore, annotation.draftOutcome?.rawValue])
            let annotationID: Int64 = try inserted?.get("id") ?? 0
            let state = try session.row("SELECT state FROM assignment WHERE item_id = $1 AND annotator_id = $2",
                                        [itemID, annotation.annotator]).map { try $0.get("state", String.self) }
            try session.execute("""
                INSERT INTO assignment (item_id, annotator_id, state, claimed_at) VALUES ($1, $2, 'submitted', 0)
                ON CONFLICT (item_id, annotator_id) DO UPDATE SET state = 'submitted'
                """, [itemID, annotation.annotator])
            if state != "submitted" {
                if state != "claimed" { try Self.adjustSlots(session, item: itemID, by: -1) }
                try Self.countSubmission(session, project: project.id, annotator: annotation.annotator)
            }
            summary.annotations += 1
            var lastCredit: Int64?
            for review in annotation.reviews {
                let reviewRow = try session.row("""
                    INSERT INTO review (annotation_id, reviewer, verdict, reasons, comment, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
                    """, [annotationID, review.reviewer, review.verdict.rawValue,
                          JSONValue.array(review.reasons.map { .string($0) }).serialized(), StoredText.encode(review.comment), review.at])
                let reviewID: Int64 = try reviewRow?.get("id") ?? 0
                summary.reviews += 1
                guard review.points != 0 else { continue }
                let reverses: Int64? = review.points < 0 ? lastCredit : nil
                let ledgerRow = try session.row("""
                    INSERT INTO ledger (project_id, annotator_id, annotation_id, review_id, points, reverses, at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                    """, [project.id, annotation.annotator, annotationID, reviewID, review.points, reverses, review.at])
                lastCredit = review.points > 0 ? try ledgerRow?.get("id") : nil
            }
        }
    }
}
