import MalmoiCore
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteStore {
    public func importItems(into project: Project, options: ImportOptions,
                            from produce: (_ consume: (ImportRecord) throws -> Void) throws -> Void) throws -> ImportSummary {
        do {
            return try pool.writeWithoutTransaction { db in
                var held = writerLock.lock()
                defer { if held { writerLock.unlock() } }
                var summary = ImportSummary()
                var inBatch = 0
                let importer = ItemInserter(db: db, project: project, upsert: options.upsert, now: nowText)
                try db.beginTransaction(.immediate)
                do {
                    try produce { record in
                        if options.skipBad {
                            // A failed statement leaves the transaction open; only this record is lost.
                            try db.execute(sql: "SAVEPOINT record")
                            do {
                                try importer.insert(record, into: &summary)
                                try db.execute(sql: "RELEASE SAVEPOINT record")
                            } catch {
                                try db.execute(sql: "ROLLBACK TO SAVEPOINT record")
                                try db.execute(sql: "RELEASE SAVEPOINT record")
                                throw Self.inputError(error, record)
                            }
                            inBatch += 1
                            if inBatch >= options.batchSize {
                                try db.commit()
                                if held {   // annotators waiting for the lock write between two batches
                                    writerLock.unlock()
                                    sched_yield()
                                    held = writerLock.lock()
                                }
                                try db.beginTransaction(.immediate)
                                inBatch = 0
                            }
                        } else {
                            do {
                                try importer.insert(record, into: &summary)
                            } catch {
                                throw Self.inputError(error, record)
                            }
                        }
                    }
                    try db.commit()
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
                return summary
            }
        } catch let error as StoreError {
            throw error
        } catch let error as InputError {
            throw error
        } catch let error as any MalmoiReportableError {
            throw error
        } catch {
            throw StoreError.database(error, "the import failed and was rolled back")
        }
    }

    /// Turns a failure on one record into a located input error, so `--skip-bad` readers count it.
    static func inputError(_ error: any Error, _ record: ImportRecord) -> any Error {
        if let error = error as? StoreError {
            if error.code == .database { return error }
            return InputError(.duplicate, error.message, at: record.location)
        }
        if let error = error as? DatabaseError {
            var wrapped = StoreError.database(error, "cannot import item \"\(record.item.id)\"")
            wrapped.location = record.location
            return wrapped
        }
        return error
    }
}

/// Inserts import records with cached statements inside the caller's transaction.
struct ItemInserter {
    let db: Database
    let project: Project
    let upsert: Bool
    let now: String

    func insert(_ record: ImportRecord, into summary: inout ImportSummary) throws {
        let item = record.item
        let fields: String? = item.fields.count == 0 ? nil : JSONValue.object(item.fields).serialized()
        let pre: String? = item.preAnnotation.map { $0.serialized() }
        var itemID: Int64
        if upsert, let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, text FROM item WHERE project_id = ? AND key = ?"),
            arguments: [project.id, item.id]) {
            let existing: Int64 = row["id"]
            let oldText = StoredText.decode(row["text"] as String)
            if oldText != item.text || !oldText.unicodeScalars.elementsEqual(item.text.unicodeScalars),
               try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM annotation WHERE item_id = ? LIMIT 1"), arguments: [existing]) != nil {
                throw StoreError(.duplicate, """
                    item "\(item.id)" already has annotations, and --upsert would change its text, leaving their offsets \
                    pointing into other text; import the new text under a new id
                    """, at: record.location)
            }
            try db.cachedStatement(sql: "UPDATE item SET text = ?, fields = ?, source = ?, pre_annotation = ? WHERE id = ?")
                .execute(arguments: [StoredText.encode(item.text), fields, item.source, pre, existing])
            itemID = existing
            summary.updated += 1
        } else {
            do {
                try db.cachedStatement(sql: """
                    INSERT INTO item (project_id, key, text, fields, source, pre_annotation, is_gold, open_slots) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [project.id, item.id, StoredText.encode(item.text), fields, item.source, pre, record.gold != nil, project.overlap])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw StoreError(.duplicate, "item id \"\(item.id)\" is already in project \"\(project.name)\" (use --upsert to replace it)",
                                 at: record.location)
            }
            itemID = db.lastInsertedRowID
            summary.inserted += 1
        }
        if let gold = record.gold {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO gold (item_id, answer) VALUES (?, ?)")
                .execute(arguments: [itemID, gold.serialized()])
            try db.cachedStatement(sql: "UPDATE item SET is_gold = 1 WHERE id = ?").execute(arguments: [itemID])
        }
        for annotation in record.annotations {
            try insert(annotation, itemID: itemID, record: record, summary: &summary)
        }
    }

    private func insert(_ annotation: ImportedAnnotation, itemID: Int64, record: ImportRecord, summary: inout ImportSummary) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO annotator (id, qualifications, created_at) VALUES (?, '[]', ?)")
            .execute(arguments: [annotation.annotator, now])
        if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM annotation WHERE item_id = ? AND annotator_id = ? AND is_current = 1"),
                            arguments: [itemID, annotation.annotator]) != nil {
            if upsert {
                summary.keptAnnotations += 1
                return
            }
            throw StoreError(.duplicate, "item \"\(record.item.id)\" already has an annotation by \"\(annotation.annotator)\"",
                             at: record.location)
        }
        try db.cachedStatement(sql: """
            INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, gold_score, draft_outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [itemID, annotation.annotator, annotation.payload.serialized(),
                                     SQLiteStore.encodeWarnings(annotation.warnings), annotation.submittedAt,
                                     annotation.seconds, annotation.goldScore, annotation.draftOutcome?.rawValue])
        let annotationID = db.lastInsertedRowID
        let state = try String.fetchOne(db.cachedStatement(sql: "SELECT state FROM assignment WHERE item_id = ? AND annotator_id = ?"),
                                        arguments: [itemID, annotation.annotator])
        try db.cachedStatement(sql: """
            INSERT INTO assignment (item_id, annotator_id, state, claimed_at) VALUES (?, ?, 'submitted', 0)
            ON CONFLICT (item_id, annotator_id) DO UPDATE SET state = 'submitted'
            """).execute(arguments: [itemID, annotation.annotator])
        if state != "submitted" {
            if state != "claimed" { try SQLiteStore.adjustSlots(db, item: itemID, by: -1) }
            try SQLiteStore.countSubmission(db, project: project.id, annotator: annotation.annotator)
        }
        summary.annotations += 1
        var lastCredit: (id: Int64, points: Int)?
        for review in annotation.reviews {
            try db.cachedStatement(sql: "INSERT INTO review (annotation_id, reviewer, verdict, reasons, comment, at) VALUES (?, ?, ?, ?, ?, ?)")
                .execute(arguments: [annotationID, review.reviewer, review.verdict.rawValue,
                                     JSONValue.array(review.reasons.map { .string($0) }).serialized(), StoredText.encode(review.comment), review.at])
            let reviewID = db.lastInsertedRowID
            summary.reviews += 1
            guard review.points != 0 else { continue }
            let reverses: Int64? = review.points < 0 ? lastCredit?.id : nil
            try db.cachedStatement(sql: """
                INSERT INTO ledger (project_id, annotator_id, annotation_id, review_id, points, reverses, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [project.id, annotation.annotator, annotationID, reviewID, review.points, reverses, review.at])
            if review.points > 0 { lastCredit = (db.lastInsertedRowID, review.points) } else { lastCredit = nil }
        }
    }
}
