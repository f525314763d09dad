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
                var perAnnotator: [String: AnnotatorStatistics] = [:]
                var totals = (annotations: 0, accepted: 0, rejected: 0)
                var goldSums: [String: Double] = [:]
                var secondSums: [String: Double] = [:]
                func blank(_ annotator: String) -> AnnotatorStatistics {
                    AnnotatorStatistics(annotator: annotator, submitted: 0, accepted: 0, rejected: 0, points: 0, goldAnswered: 0,
                                        goldAccuracy: nil, meanSeconds: 0)
                }
                for row in try session.rows("""
                    SELECT a.annotator_id, count(*) AS submitted, sum(a.seconds) AS seconds,
                        count(a.gold_score) AS gold_answered, coalesce(sum(a.gold_score), 0) AS gold_sum,
                        count(*) FILTER (WHERE v.verdict = 'accepted') AS accepted,
                        count(*) FILTER (WHERE v.verdict = 'rejected') AS rejected
                    FROM annotation a JOIN item i ON i.id = a.item_id
                    LEFT JOIN LATERAL (SELECT r.verdict FROM review r WHERE r.annotation_id = a.id ORDER BY r.id DESC LIMIT 1) v ON true
                    WHERE i.project_id = $1 AND a.is_current GROUP BY a.annotator_id
                    """, [project.id]) {
                    let annotator: String = try row.get("annotator_id")
                    var record = blank(annotator)
                    record.submitted = try row.get("submitted")
                    record.accepted = try row.get("accepted")
                    record.rejected = try row.get("rejected")
                    record.goldAnswered = try row.get("gold_answered")
                    totals.annotations += record.submitted
                    totals.accepted += record.accepted
                    totals.rejected += record.rejected
                    secondSums[annotator] = try row.get("seconds")
                    goldSums[annotator] = try row.get("gold_sum")
                    perAnnotator[annotator] = record
                }
                for row in try session.rows("""
                    SELECT annotator_id, sum(points)::bigint AS points FROM ledger WHERE project_id = $1 GROUP BY annotator_id
                    """, [project.id]) {
                    let annotator: String = try row.get("annotator_id")
                    var record = perAnnotator[annotator] ?? blank(annotator)
                    record.points = try row.get("points")
                    perAnnotator[annotator] = record
                }
                var claimsHeld: [String: Int] = [:]
                for row in try session.rows("""
                    SELECT a.annotator_id, count(*) AS claims FROM assignment a JOIN item i ON i.id = a.item_id
                    WHERE a.state = 'claimed' AND a.expires_at > $1 AND i.project_id = $2 GROUP BY a.annotator_id
                    """, [clock(), project.id]) {
                    claimsHeld[try row.get("annotator_id")] = try row.get("claims")
                }
                let annotators = perAnnotator.keys.sorted().map { key -> AnnotatorStatistics in
                    var record = perAnnotator[key]!
                    if record.goldAnswered > 0 { record.goldAccuracy = goldSums[key, default: 0] / Double(record.goldAnswered) }
                    if record.submitted > 0 { record.meanSeconds = secondSums[key, default: 0] / Double(record.submitted) }
                    return record
                }
                return ProjectStatistics(items: items, goldItems: gold, completeItems: items - short, shortItems: short,
                                         shortItemSample: sample, annotations: totals.annotations, accepted: totals.accepted,
                                         rejected: totals.rejected, pending: totals.annotations - totals.accepted - totals.rejected,
                                         annotators: annotators, claimsHeld: claimsHeld)
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
            func nextAnnotation() throws -> (Int64, ExportAnnotation)? {
                guard let row = try annotations.next() else { return nil }
                return (try row.get("item_id"), try Self.decodeExportRow(row))
            }
            func nextReview() throws -> (Int64, Int64, (review: Review, points: Int))? {
                guard let row = try reviews.next() else { return nil }
                return (try row.get("item_id"), try row.get("annotation_id"), try Self.decodeReviewRow(row))
            }
            var pendingAnnotation = try nextAnnotation()
            var pendingReview = try nextReview()
            while let row = try items.next() {
                let itemID: Int64 = try row.get("id")
                let key: String = try row.get("key")
                var gathered: [ExportAnnotation] = []
                while let (annotationItem, annotation) = pendingAnnotation, annotationItem <= itemID {
                    if annotationItem == itemID {
                        var history: [(review: Review, points: Int)] = []
                        while let (reviewItem, reviewAnnotation, review) = pendingReview,
                              reviewItem < itemID || (reviewItem == itemID && reviewAnnotation == annotation.annotation.id) {
                            if reviewItem == itemID { history.append(review) }
                            pendingReview = try nextReview()
                        }
                        var complete = annotation
                        complete.annotation.item = key
                        complete.reviews = history
                        gathered.append(complete)
                    }
                    pendingAnnotation = try nextAnnotation()
                }
                let selected = includeAll ? gathered : gathered.filter { $0.status == "accepted" }
                if !includeAll && selected.isEmpty { continue }
                let fields = try row.get("fields", String?.self).map { try Self.json($0, "item", itemID, "fields") }
                let pre = try row.get("pre_annotation", String?.self).map { try Self.json($0, "item", itemID, "pre_annotation") }
                let gold = try row.get("answer", String?.self).map { try Self.json($0, "gold", itemID, "answer") }
                let item = Item(id: key, text: try row.get("text"), fields: fields?.objectValue ?? JSONObject(),
                                source: try row.get("source"), preAnnotation: pre)
                try body(ExportItem(item: item, gold: gold, annotations: selected,
                                    allPayloads: gathered.map { ($0.annotation.annotator, $0.annotation.payload) }))
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
