import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore: HistoryCopying {
    public func history(of project: Project) throws -> ProjectHistory {
        try run { session in
            try session.transaction("REPEATABLE READ READ ONLY") {
                let superseded = try session.rows("""
                    SELECT i.key, a.annotator_id, a.payload, a.warnings, a.submitted_at, a.seconds, a.gold_score
                    FROM annotation a JOIN item i ON i.id = a.item_id WHERE i.project_id = $1 AND NOT a.is_current ORDER BY a.id
                    """, [project.id]).map { row in
                    ProjectHistory.Superseded(item: try row.get("key"), annotator: try row.get("annotator_id"), payload: try row.get("payload"),
                                              warnings: try row.get("warnings"), submittedAt: try row.get("submitted_at"),
                                              seconds: try row.get("seconds"), goldScore: try row.get("gold_score"))
                }
                let assignments = try session.rows("""
                    SELECT i.key, a.annotator_id, a.state, a.claimed_at, a.expires_at FROM assignment a JOIN item i ON i.id = a.item_id
                    WHERE i.project_id = $1 AND a.state IN ('claimed', 'skipped') ORDER BY i.id, a.annotator_id COLLATE "C"
                    """, [project.id]).map { row in
                    ProjectHistory.Assignment(item: try row.get("key"), annotator: try row.get("annotator_id"), state: try row.get("state"),
                                              claimedAt: try row.get("claimed_at"), expiresAt: try row.get("expires_at"))
                }
                return ProjectHistory(superseded: superseded, assignments: assignments)
            }
        }
    }

    public func restoreHistory(_ history: ProjectHistory, in project: Project) throws {
        try write { session in
            func item(_ key: String) throws -> (id: Int64, isGold: Bool) {
                guard let row = try session.row("SELECT id, is_gold FROM item WHERE project_id = $1 AND key = $2", [project.id, key]) else {
                    throw StoreError(.notFound, "no item \"\(key)\" in project \"\(project.name)\" to restore its history on")
                }
                return (try row.get("id"), try row.get("is_gold"))
            }
            try history.replay(insert: { version, supersedes in
                try session.row("""
                    INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, supersedes, is_current, gold_score)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8) RETURNING id
                    """, [try item(version.item).id, version.annotator, version.payload, version.warnings, version.submittedAt,
                          version.seconds, supersedes, version.goldScore])?.get("id") ?? 0
            }, link: { key, annotator, last in
                try session.execute("UPDATE annotation SET supersedes = $1 WHERE item_id = $2 AND annotator_id = $3 AND is_current",
                                    [last, try item(key).id, annotator])
            }, assign: { assignment in
                let target = try item(assignment.item)
                try session.execute("INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
                                    [target.id, assignment.annotator, assignment.state, assignment.claimedAt, assignment.expiresAt])
                if assignment.state == "claimed" && !target.isGold { try Self.adjustSlots(session, item: target.id, by: -1) }
            })
        }
    }
}
