import Foundation
import GRDB
import MalmoiCore

extension SQLiteStore: PeopleStore {
    /// The team server's tables (migration `v4-people`): people, their tokens (selector and SHA-256 of the
    /// secret, never the token), and the append-only audit trail.
    static let peopleSchema = SchemaDialect.sqlite.peopleTables

    /// Adds a person with their first token.
    public func addPerson(_ person: Person, token: StoredToken, actor: String) throws -> Person {
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM person WHERE name = ?", arguments: [person.name]) != nil {
                throw StoreError(.duplicate, "a person named \"\(person.name)\" exists already")
            }
            var stored = person
            stored.createdAt = nowText
            try db.execute(sql: "INSERT INTO person (name, role, qualifications, projects, revoked, created_at) VALUES (?, ?, ?, ?, 0, ?)",
                           arguments: [person.name, person.role.rawValue, Self.encodeList(person.qualifications),
                                       Self.encodeList(person.projects), stored.createdAt])
            try db.execute(sql: "INSERT INTO person_token (selector, person, secret_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [token.selector, person.name, Data(token.secretHash), stored.createdAt])
            try Self.audit(db, actor: actor, action: "person.add", subject: person.name,
                           detail: .object(JSONObject([("role", .string(person.role.rawValue)),
                                                       ("qualifications", .array(person.qualifications.map { .string($0) })),
                                                       ("projects", .array(person.projects.map { .string($0) }))])), at: nowText)
            return stored
        }
    }

    /// The person with this identity, or nil.
    public func person(named name: String) throws -> Person? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM person WHERE name = ?", arguments: [name]).map(Self.decodePerson) }
    }

    /// The person holding the token with this selector, and the stored hash of its secret; nil when unknown.
    public func person(tokenSelector selector: String) throws -> (person: Person, secretHash: [UInt8])? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT person.*, person_token.secret_hash AS secret_hash FROM person_token
                JOIN person ON person.name = person_token.person WHERE person_token.selector = ?
                """, arguments: [selector]) else { return nil }
            let hash: Data = row["secret_hash"]
            return (person: try Self.decodePerson(row), secretHash: [UInt8](hash))
        }
    }

    /// Everyone, by name.
    public func people() throws -> [Person] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM person ORDER BY name").map(Self.decodePerson) }
    }

    /// Revokes the person's token (they can no longer sign in).
    public func revokePerson(named name: String, actor: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE person SET revoked = 1 WHERE name = ?", arguments: [name])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no person named \"\(name)\"") }
            try db.execute(sql: "DELETE FROM person_token WHERE person = ?", arguments: [name])
            try Self.audit(db, actor: actor, action: "person.revoke", subject: name, detail: .object(JSONObject()), at: nowText)
        }
    }

    /// Replaces the person's token (the old one stops working) and lifts a revocation.
    public func rotateToken(of name: String, to token: StoredToken, actor: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE person SET revoked = 0 WHERE name = ?", arguments: [name])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no person named \"\(name)\"") }
            try db.execute(sql: "DELETE FROM person_token WHERE person = ?", arguments: [name])
            try db.execute(sql: "INSERT INTO person_token (selector, person, secret_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [token.selector, name, Data(token.secretHash), nowText])
            try Self.audit(db, actor: actor, action: "person.rotate", subject: name, detail: .object(JSONObject()), at: nowText)
        }
    }

    /// Appends to the audit trail.
    public func recordAudit(actor: String, action: String, subject: String, detail: JSONValue) throws {
        try write { db in try Self.audit(db, actor: actor, action: action, subject: subject, detail: detail, at: nowText) }
    }

    /// The secret salt of pseudonyms (64 hex digits), made once from the system's random source and kept in the
    /// store, so that every server over the store gives a person the same pseudonym and nobody can check a guessed
    /// name.
    public func pseudonymSalt() throws -> String {
        if let salt = try read({ db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'pseudonym-salt'") }) {
            return salt
        }
        return try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO setting (name, value) VALUES ('pseudonym-salt', ?)", arguments: [makePseudonymSalt()])
            return try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'pseudonym-salt'") ?? ""
        }
    }

    /// Whether clients see real names instead of pseudonyms in a project's exports (off unless an admin turned it
    /// on).
    public func realNamesInExports(of project: String) throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: ["export-real-names:" + project]) == "on"
        }
    }

    /// Turns real names in a project's exports on or off (audited as `project.export-names` when it changes).
    public func setRealNamesInExports(_ on: Bool, of project: String, actor: String) throws {
        try write { db in
            let name = "export-real-names:" + project
            // Never set is off: turning it off records nothing either.
            if !on, try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = ?", arguments: [name]) == nil { return }
            try db.execute(sql: """
                INSERT INTO setting (name, value) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE setting.value <> excluded.value
                """, arguments: ["export-real-names:" + project, on ? "on" : "off"])
            guard db.changesCount > 0 else { return }   // already so (a retried request): nothing to audit
            try Self.audit(db, actor: actor, action: "project.export-names", subject: project,
                           detail: .object(JSONObject([("real_names", .bool(on))])), at: nowText)
        }
    }

    /// The audit trail, oldest first.
    public func auditTrail() throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id").map {
                AuditEntry(id: $0["id"], actor: $0["actor"], action: $0["action"], subject: $0["subject"], detail: $0["detail"], at: $0["at"])
            }
        }
    }

    static func audit(_ db: Database, actor: String, action: String, subject: String, detail: JSONValue, at: String) throws {
        try db.execute(sql: "INSERT INTO audit (actor, action, subject, detail, at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [actor, action, subject, detail.serialized(), at])
    }

    static func encodeList(_ values: [String]) -> String { JSONValue.array(values.map { .string($0) }).serialized() }

    static func decodeList(_ text: String) -> [String] {
        ((try? JSONValue.parse(text))?.arrayValue ?? []).compactMap(\.stringValue)
    }

    static func decodePerson(_ row: Row) throws -> Person {
        let roleText: String = row["role"]
        guard let role = PersonRole(rawValue: roleText) else {
            throw StoreError(.database, "person \(String(describing: row["name"] as String?)) has an unknown role \"\(roleText)\"")
        }
        return Person(name: row["name"], role: role, qualifications: decodeList(row["qualifications"]),
                      projects: decodeList(row["projects"]), isRevoked: row["revoked"], createdAt: row["created_at"])
    }
}
