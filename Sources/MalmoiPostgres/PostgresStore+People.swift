import MalmoiCore
import MalmoiStore
import PostgresNIO

extension PostgresStore: PeopleStore {
    /// The team server's tables (migration `v4-people`), as in the SQLite store: people, their tokens (selector and
    /// SHA-256 of the secret as hex, never the token) and the append-only audit trail.
    static let peopleSchema = SchemaDialect.postgres.peopleTables

    /// Adds a person with their first token.
    public func addPerson(_ person: Person, token: StoredToken, actor: String) throws -> Person {
        var stored = person
        stored.createdAt = nowText
        return try write { session in
            let inserted = try session.execute("""
                INSERT INTO person (name, role, qualifications, projects, revoked, created_at) VALUES ($1, $2, $3, $4, false, $5)
                ON CONFLICT (name) DO NOTHING
                """, [person.name, person.role.rawValue, Self.encodeList(person.qualifications), Self.encodeList(person.projects), stored.createdAt])
            guard inserted == 1 else { throw StoreError(.duplicate, "a person named \"\(person.name)\" exists already") }
            try session.execute("INSERT INTO person_token (selector, person, secret_hash, created_at) VALUES ($1, $2, $3, $4)",
                                [token.selector, person.name, Self.hex(token.secretHash), stored.createdAt])
            try Self.audit(session, actor, "person.add", person.name, .object(JSONObject([("role", .string(person.role.rawValue))])), nowText)
            return stored
        }
    }

    /// The person with this identity, or nil.
    public func person(named name: String) throws -> Person? {
        try run { session in try session.row("SELECT * FROM person WHERE name = $1", [name]).map(Self.decodePerson) }
    }

    /// The person holding the token with this selector, and the stored hash of its secret; nil when unknown.
    public func person(tokenSelector selector: String) throws -> (person: Person, secretHash: [UInt8])? {
        try run { session in try Self.decodeSignIn(try session.row(Self.signInSQL, [selector])) }
    }

    /// A person and their token's hash, by the token's selector.
    static let signInSQL = """
        SELECT person.*, person_token.secret_hash AS secret_hash FROM person_token
        JOIN person ON person.name = person_token.person WHERE person_token.selector = $1
        """

    static func decodeSignIn(_ row: PostgresRandomAccessRow?) throws -> (person: Person, secretHash: [UInt8])? {
        guard let row else { return nil }
        return (person: try decodePerson(row), secretHash: bytes(try row.get("secret_hash")))
    }

    /// Everyone, by name.
    public func people() throws -> [Person] {
        try run { session in try session.rows("SELECT * FROM person ORDER BY name COLLATE \"C\"").map(Self.decodePerson) }
    }

    /// Revokes the person's token (they can no longer sign in).
    public func revokePerson(named name: String, actor: String) throws {
        try write { session in
            guard try session.execute("UPDATE person SET revoked = true WHERE name = $1", [name]) == 1 else {
                throw StoreError(.notFound, "no person named \"\(name)\"")
            }
            try session.execute("DELETE FROM person_token WHERE person = $1", [name])
            try Self.audit(session, actor, "person.revoke", name, .object(JSONObject()), nowText)
        }
    }

    /// Replaces the person's token (the old one stops working) and lifts a revocation.
    public func rotateToken(of name: String, to token: StoredToken, actor: String) throws {
        try write { session in
            guard try session.execute("UPDATE person SET revoked = false WHERE name = $1", [name]) == 1 else {
                throw StoreError(.notFound, "no person named \"\(name)\"")
            }
            try session.execute("DELETE FROM person_token WHERE person = $1", [name])
            try session.execute("INSERT INTO person_token (selector, person, secret_hash, created_at) VALUES ($1, $2, $3, $4)",
                                [token.selector, name, Self.hex(token.secretHash), nowText])
            try Self.audit(session, actor, "person.rotate", name, .object(JSONObject()), nowText)
        }
    }

    /// Appends to the audit trail.
    public func recordAudit(actor: String, action: String, subject: String, detail: JSONValue) throws {
        try write { session in try Self.audit(session, actor, action, subject, detail, nowText) }
    }

    /// The secret salt of pseudonyms (64 hex digits), made once from the system's random source and kept in the
    /// store, so that every server over the store gives a person the same pseudonym and nobody can check a guessed
    /// name.
    public func pseudonymSalt() throws -> String {
        try run { session in
            // Two servers starting at once: the first insert wins and both read it back.
            try session.execute("INSERT INTO setting (name, value) VALUES ('pseudonym-salt', $1) ON CONFLICT (name) DO NOTHING",
                                [makePseudonymSalt()])
            return try session.row("SELECT value FROM setting WHERE name = 'pseudonym-salt'")?.get("value") ?? ""
        }
    }

    /// Whether clients see real names instead of pseudonyms in a project's exports (off unless an admin turned it
    /// on).
    public func realNamesInExports(of project: String) throws -> Bool {
        try run { session in
            try session.row("SELECT value FROM setting WHERE name = $1", ["export-real-names:" + project])?.get("value", String.self) == "on"
        }
    }

    /// Turns real names in a project's exports on or off (audited as `project.export-names` when it changes).
    public func setRealNamesInExports(_ on: Bool, of project: String, actor: String) throws {
        try write { session in
            // Never set is off: turning it off records nothing either.
            if !on, try session.row("SELECT value FROM setting WHERE name = $1", ["export-real-names:" + project]) == nil { return }
            // A concurrent identical change waits for the row's lock, then finds nothing to change.
            let changed = try session.execute("""
                INSERT INTO setting (name, value) VALUES ($1, $2)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value WHERE setting.value <> excluded.value
                """, ["export-real-names:" + project, on ? "on" : "off"])
            guard changed > 0 else { return }   // already so (a retried request): nothing to audit
            try Self.audit(session, actor, "project.export-names", project, .object(JSONObject([("real_names", .bool(on))])), nowText)
        }
    }

    /// The audit trail, oldest first.
    public func auditTrail() throws -> [AuditEntry] {
        try run { session in
            try session.rows("SELECT * FROM audit ORDER BY id").map {
                AuditEntry(id: try $0.get("id"), actor: try $0.get("actor"), action: try $0.get("action"),
                           subject: try $0.get("subject"), detail: try $0.get("detail"), at: try $0.get("at"))
            }
        }
    }

    static func audit(_ session: Session, _ actor: String, _ action: String, _ subject: String, _ detail: JSONValue, _ at: String) throws {
        try session.execute("INSERT INTO audit (actor, action, subject, detail, at) VALUES ($1, $2, $3, $4, $5)",
                            [actor, action, subject, detail.serialized(), at])
    }

    static func encodeList(_ values: [String]) -> String { JSONValue.array(values.map { .string($0) }).serialized() }

    static func decodeList(_ text: String) -> [String] {
        ((try? JSONValue.parse(text))?.arrayValue ?? []).compactMap(\.stringValue)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
    }

    static func bytes(_ hex: String) -> [UInt8] {
        let scalars = Array(hex.utf8)
        guard scalars.count % 2 == 0 else { return [] }
        func value(_ c: UInt8) -> UInt8 { c >= 97 ? c - 87 : c - 48 }
        return stride(from: 0, to: scalars.count, by: 2).map { value(scalars[$0]) << 4 | value(scalars[$0 + 1]) }
    }

    static func decodePerson(_ row: PostgresRandomAccessRow) throws -> Person {
        let roleText: String = try row.get("role")
        guard let role = PersonRole(rawValue: roleText) else { throw StoreError(.database, "a person has an unknown role \"\(roleText)\"") }
        return Person(name: try row.get("name"), role: role, qualifications: decodeList(try row.get("qualifications")),
                      projects: decodeList(try row.get("projects")), isRevoked: try row.get("revoked"), createdAt: try row.get("created_at"))
    }
}
