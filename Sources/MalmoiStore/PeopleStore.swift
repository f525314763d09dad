import Foundation
import MalmoiCore

/// What a person may do on the team server.
public enum PersonRole: String, Hashable, Sendable, CaseIterable {
    /// Annotates items and sees only their own work.
    case annotator
    /// Reviews other people's annotations (never their own); also annotates.
    case reviewer
    /// The company that ordered projects: sees progress, statistics and exports of its own projects only.
    case client
    /// Creates projects, imports items and manages people.
    case admin
}

/// A person known to the team server.
public struct Person: Hashable, Sendable {
    /// The identity: NFC, case-folded, trimmed (``PersonName/identity(of:)``); also the annotator id they work under.
    public var name: String
    /// The role.
    public var role: PersonRole
    /// Qualifications held (checked by expert-only projects).
    public var qualifications: [String]
    /// Projects the person is limited to; empty means every project (clients must list theirs).
    public var projects: [String]
    /// Whether the person's token was revoked.
    public var isRevoked: Bool
    /// When the person was added, ISO 8601 UTC.
    public var createdAt: String

    /// Creates a person.
    public init(name: String, role: PersonRole, qualifications: [String] = [], projects: [String] = [],
                isRevoked: Bool = false, createdAt: String = "") {
        self.name = name
        self.role = role
        self.qualifications = qualifications
        self.projects = projects
        self.isRevoked = isRevoked
        self.createdAt = createdAt
    }

    /// Whether the person may see the project (admins and people without a project list see all).
    public func mayAccess(project: String) -> Bool {
        role == .admin || projects.isEmpty || projects.contains(project)
    }
}

/// The stored half of a token: a public selector that finds the row, and the SHA-256 of the secret.
public struct StoredToken: Hashable, Sendable {
    /// The selector (hex), sent in clear as the first part of the token.
    public var selector: String
    /// SHA-256 of the secret part, 32 bytes.
    public var secretHash: [UInt8]

    /// Creates a stored token.
    public init(selector: String, secretHash: [UInt8]) {
        self.selector = selector
        self.secretHash = secretHash
    }
}

/// One line of the audit trail: who did what, when.
public struct AuditEntry: Hashable, Sendable {
    /// The entry's id.
    public var id: Int64
    /// Who did it (a person's name, or `cli` for the local `malmoi user` command).
    public var actor: String
    /// What: `person.add`, `person.revoke`, `person.rotate`, `review`, `ledger`.
    public var action: String
    /// On what: a person's name, or `project/annotation`.
    public var subject: String
    /// Details as compact JSON.
    public var detail: String
    /// When, ISO 8601 UTC.
    public var at: String

    /// Creates an entry.
    public init(id: Int64, actor: String, action: String, subject: String, detail: String, at: String) {
        self.id = id
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detail = detail
        self.at = at
    }
}

/// People, their tokens and the audit trail, beside an ``AnnotationStore`` (the team server's accounts).
///
/// ```swift
/// let people: any PeopleStore = try SQLiteStore(path: "malmoi.sqlite")
/// try people.addPerson(Person(name: "kim", role: .annotator), token: stored, actor: "cli")
/// ```
/// Only a hash of each token's secret is stored; the server compares it in constant time.
public protocol PeopleStore: AnyObject, Sendable {
    /// Adds a person with their first token.
    /// - Throws: ``StoreError`` `.duplicate` when the name is taken.
    func addPerson(_ person: Person, token: StoredToken, actor: String) throws -> Person

    /// The person with this identity, or nil.
    func person(named name: String) throws -> Person?

    /// The person holding the token with this selector, and the stored hash of its secret; nil when unknown.
    func person(tokenSelector selector: String) throws -> (person: Person, secretHash: [UInt8])?

    /// Everyone, by name.
    func people() throws -> [Person]

    /// Revokes the person's token (they can no longer sign in).
    /// - Throws: ``StoreError`` `.notFound`.
    func revokePerson(named name: String, actor: String) throws

    /// Replaces the person's token (the old one stops working) and lifts a revocation.
    /// - Throws: ``StoreError`` `.notFound`.
    func rotateToken(of name: String, to token: StoredToken, actor: String) throws

    /// Appends to the audit trail.
    func recordAudit(actor: String, action: String, subject: String, detail: JSONValue) throws

    /// The audit trail, oldest first.
    func auditTrail() throws -> [AuditEntry]

    /// The secret salt of pseudonyms (64 hex digits), made once from the system's random source and kept in the store,
    /// so that every server over the store gives a person the same pseudonym and nobody can check a guessed name.
    func pseudonymSalt() throws -> String

    /// Whether clients see real names instead of pseudonyms in a project's exports (off unless an admin turned it on).
    func realNamesInExports(of project: String) throws -> Bool

    /// Turns real names in a project's exports on or off, audited as `project.export-names` when it changes: setting
    /// what is already set (a retried request) records nothing.
    func setRealNamesInExports(_ on: Bool, of project: String, actor: String) throws
}

/// A fresh pseudonym salt: 32 bytes of the system's random source as 64 hex digits.
public func makePseudonymSalt() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
}

/// How a typed name becomes a person's identity.
public enum PersonName {
    /// The identity of a name: NFC, trimmed, case-folded, with no control characters, so `Kim`, ` kim ` and
    /// a decomposed `김` are the same person as `kim` and `김`.
    /// - Throws: ``TaskError`` for an empty name or one with control characters.
    public static func identity(of name: String, what: String = "name") throws -> String {
        let checked = try ProjectLimits.checkedName(name.precomposedStringWithCanonicalMapping, what: what)
        return checked.folding(options: [.caseInsensitive], locale: nil).precomposedStringWithCanonicalMapping
    }
}

extension ReviewOutcome {
    /// What the audit trail keeps of a verdict: the review (id, verdict, reasons, comment) and its ledger entries.
    public var auditDetail: JSONValue {
        .object(JSONObject([
            ("review", .int(Int(review.id))), ("annotation", .int(Int(review.annotation))), ("verdict", .string(review.verdict.rawValue)),
            ("reasons", .array(review.reasons.map { .string($0) })), ("comment", .string(review.comment)),
            ("ledger", .array(ledgerEntries.map { entry in
                .object(JSONObject([("id", .int(Int(entry.id))), ("annotator", .string(entry.annotator)), ("points", .int(entry.points)),
                                    ("reverses", entry.reverses.map { .int(Int($0)) } ?? .null)]))
            })),
        ]))
    }
}
