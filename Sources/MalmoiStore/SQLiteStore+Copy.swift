import GRDB
import MalmoiCore

extension SQLiteStore: HistoryCopying {
    public func history(of project: Project) throws -> ProjectHistory {
        try read { db in
            let superseded = try Row.fetchAll(db, sql: """
                SELECT i.key, a.annotator_id, a.payload, a.warnings, a.submitted_at, a.seconds, a.gold_score
                FROM annotation a JOIN item i ON i.id = a.item_id WHERE i.project_id = ? AND a.is_current = 0 ORDER BY a.id
                """, arguments: [project.id]).map { row in
                ProjectHistory.Superseded(item: row["key"], annotator: row["annotator_id"], payload: row["payload"],
                                          warnings: row["warnings"], submittedAt: row["submitted_at"], seconds: row["seconds"],
                                          goldScore: row["gold_score"])
            }
            let assignments = try Row.fetchAll(db, sql: """
                SELECT i.key, a.annotator_id, a.state, a.claimed_at, a.expires_at FROM assignment a JOIN item i ON i.id = a.item_id
                WHERE i.project_id = ? AND a.state IN ('claimed', 'skipped') ORDER BY i.id, a.annotator_id
                """, arguments: [project.id]).map { row in
                ProjectHistory.Assignment(item: row["key"], annotator: row["annotator_id"], state: row["state"],
                                          claimedAt: row["claimed_at"], expiresAt: row["expires_at"])
            }
            return ProjectHistory(superseded: superseded, assignments: assignments)
        }
    }

    public func restoreHistory(_ history: ProjectHistory, in project: Project) throws {
        try write { db in
            func item(_ key: String) throws -> (id: Int64, isGold: Bool) {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, is_gold FROM item WHERE project_id = ? AND key = ?",
                                                 arguments: [project.id, key]) else {
                    throw StoreError(.notFound, "no item \"\(key)\" in project \"\(project.name)\" to restore its history on")
                }
                return (row["id"], row["is_gold"])
            }
            try history.replay(insert: { version, supersedes in
                try db.execute(sql: """
                    INSERT INTO annotation (item_id, annotator_id, payload, warnings, submitted_at, seconds, supersedes, is_current, gold_score)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """, arguments: [try item(version.item).id, version.annotator, version.payload, version.warnings,
                                     version.submittedAt, version.seconds, supersedes, version.goldScore])
                return db.lastInsertedRowID
            }, link: { key, annotator, last in
                try db.execute(sql: "UPDATE annotation SET supersedes = ? WHERE item_id = ? AND annotator_id = ? AND is_current = 1",
                               arguments: [last, try item(key).id, annotator])
            }, assign: { assignment in
                let target = try item(assignment.item)
                try db.execute(sql: "INSERT INTO assignment (item_id, annotator_id, state, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [target.id, assignment.annotator, assignment.state, assignment.claimedAt, assignment.expiresAt])
                if assignment.state == "claimed" && !target.isGold { try Self.adjustSlots(db, item: target.id, by: -1) }
            })
        }
    }
}
