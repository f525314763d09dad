import MalmoiCore
import MalmoiStore
import PostgresNIO

/// Rows of a server-side cursor, fetched a batch at a time (bounded memory for any result size).
final class CursorReader {
    private let session: Session
    private let name: String
    private let batch: Int
    private var buffer: [PostgresRandomAccessRow] = []
    private var position = 0
    private var finished = false

    init(session: Session, name: String, batch: Int = 2_000) {
        self.session = session
        self.name = name
        self.batch = batch
    }

    /// The next row, or nil at the end.
    func next() throws -> PostgresRandomAccessRow? {
        if position == buffer.count {
            guard !finished else { return nil }
            buffer = try session.rows("FETCH FORWARD \(batch) FROM \(name)")
            position = 0
            if buffer.count < batch { finished = true }
            if buffer.isEmpty { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }
}

extension PostgresStore {
    /// Runs `body` over a cursor on `sql`, in a read-only repeatable-read transaction.
    func withCursor(_ sql: String, _ arguments: SQLArguments, _ body: (CursorReader) throws -> Void) throws {
        try withCursors([(sql, arguments)]) { try body($0[0]) }
    }

    /// Runs `body` over several cursors that see the same snapshot.
    func withCursors(_ queries: [(String, SQLArguments)], _ body: ([CursorReader]) throws -> Void) throws {
        try run { session in
            try session.transaction("REPEATABLE READ READ ONLY") {
                var cursors: [CursorReader] = []
                for (index, query) in queries.enumerated() {
                    try session.execute("DECLARE malmoi_cursor_\(index) NO SCROLL CURSOR FOR \(query.0)", query.1)
                    cursors.append(CursorReader(session: session, name: "malmoi_cursor_\(index)"))
                }
                try body(cursors)
            }
        }
    }

    public func statistics(for project: Project) throws -> ProjectStatistics {
        try run { session in
            try session.transaction("REPEATABLE READ READ ONLY") {
                let items: Int = try session.row("SELECT count(*) AS n FROM item WHERE project_id = $1 AND NOT is_gold",
                                                 [project.id])?.get("n") ?? 0
                let gold: Int = try session.row("SELECT count(*) AS n FROM item WHERE project_id = $1 AND is_gold",
                                                [project.id])?.get("n") ?? 0
                let shortCondition = """
                    i.project_id = $1 AND NOT i.is_gold
                    AND (SELECT count(*) FROM annotation a WHERE a.item_id = i.id AND a.is_current) < $2
                    """
                let short: Int = try session.row("SELECT count(*) AS n FROM item i WHERE \(shortCondition)",
                                                 [project.id, project.overlap])?.get("n") ?? 0
                let sample = try session.rows("SELECT i.key FROM item i WHERE \(shortCondition) ORDER BY i.id LIMIT 20",
                                              [project.id, project.overlap]).map { try $0.get("key", String.self) }
                var tally = StatisticsTally()
                for row in try session.rows("""
                    SELECT a.annotator_id, count(*) AS submitted, sum(a.seconds) AS seconds,
                        count(a.gold_score) AS gold_answered, coalesce(sum(a.gold_score), 0) AS gold_sum,
                        count(*) FILTER (WHERE v.verdict = 'accepted') AS accepted,
                        count(*) FILTER (WHERE v.verdict = 'rejected') AS rejected
                    FROM annotation a JOIN item i ON i.id = a.item_id
                    LEFT JOIN LATERAL (SELECT r.verdict FROM review r WHERE r.annotation_id = a.id ORDER BY r.id DESC LIMIT 1) v ON true
                    WHERE i.project_id = $1 AND a.is_current GROUP BY a.annotator_id
                    """, [project.id]) {
                    tally.add(annotator: try row.get("annotator_id"), submitted: try row.get("submitted"), seconds: try row.get("seconds"),
                              goldAnswered: try row.get("gold_answered"), goldSum: try row.get("gold_sum"),
                              accepted: try row.get("accepted"), rejected: try row.get("rejected"))
                }
                for row in try session.rows("""
                    SELECT annotator_id, sum(points)::bigint AS points FROM ledger WHERE project_id = $1 GROUP BY annotator_id
                    """, [project.id]) {
                    tally.setPoints(annotator: try row.get("annotator_id"), points: try row.get("points"))
                }
                var claimsHeld: [String: Int] = [:]
                for row in try session.rows("""
                    SELECT a.annotator_id, count(*) AS claims FROM assignment a JOIN item i ON i.id = a.item_id
                    WHERE a.state = 'claimed' AND a.expires_at > $1 AND i.project_id = $2 GROUP BY a.annotator_id
                    """, [clock(), project.id]) {
                    claimsHeld[try row.get("annotator_id")] = try row.get("claims")
                }
                return tally.statistics(items: items, goldItems: gold, shortItems: short, shortItemSample: sample,
                                        claimsHeld: claimsHeld)
            }
        }
    }

    public func annotatorIDs(in project: Project) throws -> [String] {
        try run { session in
            try session.rows("""
                SELECT DISTINCT a.annotator_id COLLATE "C" AS annotator_id FROM annotation a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = $1 AND a.is_current ORDER BY 1
                """, [project.id]).map { try $0.get("annotator_id", String.self) }
        }
    }

    public func forEachExportItem(in project: Project, includeAll: Bool, _ body: (ExportItem) throws -> Void) throws {
        try withCursors([
            ("""
             SELECT i.id, i.key, i.text, i.fields, i.source, i.pre_annotation, g.answer
             FROM item i LEFT JOIN gold g ON g.item_id = i.id WHERE i.project_id = $1 ORDER BY i.id
             """, [project.id]),
            ("""
             SELECT a.id, a.item_id, a.annotator_id, a.payload, a.warnings, a.submitted_at, a.seconds, a.supersedes, a.gold_score, a.draft_outcome
             FROM annotation a JOIN item i ON i.id = a.item_id
             WHERE i.project_id = $1 AND a.is_current ORDER BY a.item_id, a.annotator_id COLLATE "C"
             """, [project.id]),
            ("""
             SELECT r.id, r.annotation_id, r.reviewer, r.verdict, r.reasons, r.comment, r.at, a.item_id,
                 coalesce((SELECT sum(l.points) FROM ledger l WHERE l.review_id = r.id), 0)::bigint AS points
             FROM review r JOIN annotation a ON a.id = r.annotation_id JOIN item i ON i.id = a.item_id
             WHERE i.project_id = $1 AND a.is_current ORDER BY a.item_id, a.annotator_id COLLATE "C", r.id
             """, [project.id]),
        ]) { cursors in
            let (items, annotations, reviews) = (cursors[0], cursors[1], cursors[2])
            var join = try ExportJoin(annotations: {
                guard let row = try annotations.next() else { return nil }
                return (try row.get("item_id"), try Self.decodeExportRow(row))
            }, reviews: {
                guard let row = try reviews.next() else { return nil }
                return (try row.get("item_id"), try row.get("annotation_id"), try Self.decodeReviewRow(row))
            })
            while let row = try items.next() {
                let itemID: Int64 = try row.get("id")
                let key: String = try row.get("key")
                let entry = try join.exportItem(itemID, key: key, includeAll: includeAll) {
                    let fields = try row.get("fields", String?.self).map { try Self.json($0, "item", itemID, "fields") }
                    let pre = try row.get("pre_annotation", String?.self).map { try Self.json($0, "item", itemID, "pre_annotation") }
                    let gold = try row.get("answer", String?.self).map { try Self.json($0, "gold", itemID, "answer") }
                    return (Item(id: key, text: StoredText.decode(try row.get("text", String.self)), fields: fields?.objectValue ?? JSONObject(),
                                 source: try row.get("source"), preAnnotation: pre), gold)
                }
                if let entry { try body(entry) }
            }
        }
    }

    private static func decodeExportRow(_ row: PostgresRandomAccessRow) throws -> ExportAnnotation {
        let id: Int64 = try row.get("id")
        let warningsText: String = try row.get("warnings")
        let warnings = warningsText == "[]" ? []
            : (try json(warningsText, "annotation", id, "warnings").arrayValue ?? []).compactMap(Finding.init(json:))
        let payloadText: String = try row.get("payload")
        let annotation = Annotation(id: id, item: "", annotator: try row.get("annotator_id"),
                                    payload: try json(payloadText, "annotation", id, "payload"), warnings: warnings,
                                    submittedAt: try row.get("submitted_at"), seconds: try row.get("seconds"),
                                    supersedes: try row.get("supersedes"),
                                    draftOutcome: try row.get("draft_outcome", String?.self).flatMap(DraftOutcome.init(rawValue:)))
        return ExportAnnotation(annotation: annotation, goldScore: try row.get("gold_score"), reviews: [], payloadText: payloadText)
    }

    private static func decodeReviewRow(_ row: PostgresRandomAccessRow) throws -> (review: Review, points: Int) {
        (try decodeReview(row), try row.get("points"))
    }
}
