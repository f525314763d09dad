import MalmoiCore
import GRDB

extension SQLiteStore {
    public func statistics(for project: Project) throws -> ProjectStatistics {
        try read { db in
            let items = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM item i WHERE i.project_id = ? AND NOT EXISTS (SELECT 1 FROM gold g WHERE g.item_id = i.id)
                """, arguments: [project.id]) ?? 0
            let gold = try Int.fetchOne(db, sql: "SELECT count(*) FROM gold g JOIN item i ON i.id = g.item_id WHERE i.project_id = ?",
                                        arguments: [project.id]) ?? 0
            let shortCondition = """
                i.project_id = ? AND NOT EXISTS (SELECT 1 FROM gold g WHERE g.item_id = i.id)
                AND (SELECT count(*) FROM annotation a WHERE a.item_id = i.id AND a.is_current = 1) < ?
                """
            let short = try Int.fetchOne(db, sql: "SELECT count(*) FROM item i WHERE \(shortCondition)",
                                         arguments: [project.id, project.overlap]) ?? 0
            let sample = try String.fetchAll(db, sql: "SELECT i.key FROM item i WHERE \(shortCondition) ORDER BY i.id LIMIT 20",
                                             arguments: [project.id, project.overlap])
            var tally = StatisticsTally()
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT a.annotator_id, a.seconds, a.gold_score,
                    (SELECT r.verdict FROM review r WHERE r.annotation_id = a.id ORDER BY r.id DESC LIMIT 1) AS verdict
                FROM annotation a JOIN item i ON i.id = a.item_id WHERE i.project_id = ? AND a.is_current = 1
                """, arguments: [project.id])
            while let row = try cursor.next() {
                tally.add(annotator: row["annotator_id"], seconds: row["seconds"], verdict: row["verdict"], goldScore: row["gold_score"])
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT annotator_id, sum(points) AS points FROM ledger WHERE project_id = ? GROUP BY annotator_id
                """, arguments: [project.id]) {
                tally.setPoints(annotator: row["annotator_id"], points: row["points"])
            }
            var claimsHeld: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT a.annotator_id, count(*) AS claims FROM assignment a INDEXED BY assignment_claims_by_expiry
                JOIN item i ON i.id = a.item_id WHERE a.state = 'claimed' AND a.expires_at > ? AND i.project_id = ?
                GROUP BY a.annotator_id
                """, arguments: [clock(), project.id]) {
                claimsHeld[row["annotator_id"]] = row["claims"]
            }
            return tally.statistics(items: items, goldItems: gold, shortItems: short, shortItemSample: sample, claimsHeld: claimsHeld)
        }
    }

    public func annotatorIDs(in project: Project) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT a.annotator_id FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.is_current = 1 ORDER BY a.annotator_id
                """, arguments: [project.id])
        }
    }

    public func forEachExportItem(in project: Project, includeAll: Bool, _ body: (ExportItem) throws -> Void) throws {
        try read { db in
            let items = try Row.fetchCursor(db, sql: """
                SELECT i.id, i.key, i.text, i.fields, i.source, i.pre_annotation, g.answer
                FROM item i LEFT JOIN gold g ON g.item_id = i.id WHERE i.project_id = ? ORDER BY i.id
                """, arguments: [project.id])
            let annotations = try Row.fetchCursor(db, sql: """
                SELECT a.id, a.item_id, a.annotator_id, a.payload, a.warnings, a.submitted_at, a.seconds, a.supersedes, a.gold_score, a.draft_outcome
                FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.is_current = 1 ORDER BY a.item_id, a.annotator_id
                """, arguments: [project.id])
            let reviews = try Row.fetchCursor(db, sql: """
                SELECT r.id, r.annotation_id, r.reviewer, r.verdict, r.reasons, r.comment, r.at, a.item_id,
                    coalesce((SELECT sum(l.points) FROM ledger l WHERE l.review_id = r.id), 0) AS points
                FROM review r JOIN annotation a ON a.id = r.annotation_id JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.is_current = 1 ORDER BY a.item_id, a.annotator_id, r.id
                """, arguments: [project.id])
            // Columns are read by index: name lookups hash on every row.
            var join = try ExportJoin(annotations: { try annotations.next().map { ($0[1] as Int64, try Self.decodeExportRow($0)) } },
                                      reviews: { try reviews.next().map { ($0[7] as Int64, $0[1] as Int64, try Self.decodeReviewRow($0)) } })
            while let row = try items.next() {
                let itemID: Int64 = row[0]
                let key: String = row[1]
                let entry = try join.exportItem(itemID, key: key, includeAll: includeAll) {
                    let fieldsText: String? = row[3]
                    let preText: String? = row[5]
                    let goldText: String? = row[6]
                    let fields = try fieldsText.map { try Self.storedJSON($0, table: "item", id: itemID, column: "fields") }
                    let pre = try preText.map { try Self.storedJSON($0, table: "item", id: itemID, column: "pre_annotation") }
                    let gold = try goldText.map { try Self.storedJSON($0, table: "gold", id: itemID, column: "answer") }
                    return (Item(id: key, text: StoredText.decode(row[2] as String), fields: fields?.objectValue ?? JSONObject(), source: row[4], preAnnotation: pre), gold)
                }
                if let entry { try body(entry) }
            }
        }
    }

    private static func decodeExportRow(_ row: Row) throws -> ExportAnnotation {
        let id: Int64 = row[0]
        let warningsText: String = row[4]
        let warnings = warningsText == "[]" ? []
            : (try storedJSON(warningsText, table: "annotation", id: id, column: "warnings").arrayValue ?? []).compactMap(Finding.init(json:))
        let payloadText: String = row[3]
        let annotation = Annotation(id: id, item: "", annotator: row[2],
                                    payload: try storedJSON(payloadText, table: "annotation", id: id, column: "payload"), warnings: warnings,
                                    submittedAt: row[5], seconds: row[6], supersedes: row[7],
                                    draftOutcome: (row[9] as String?).flatMap(DraftOutcome.init(rawValue:)))
        return ExportAnnotation(annotation: annotation, goldScore: row[8], reviews: [], payloadText: payloadText)
    }

    private static func decodeReviewRow(_ row: Row) throws -> (review: Review, points: Int) {
        let id: Int64 = row[0]
        let reasonsText: String = row[4]
        let reasons = reasonsText == "[]" ? []
            : (try storedJSON(reasonsText, table: "review", id: id, column: "reasons").arrayValue ?? []).compactMap(\.stringValue)
        let verdict: String = row[3]
        return (Review(id: id, annotation: row[1], reviewer: row[2], verdict: Review.Verdict(rawValue: verdict) ?? .rejected,
                       reasons: reasons, comment: StoredText.decode(row[5] as String?), at: row[6]), row[8])
    }
}
