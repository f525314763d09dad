import MalmoiCore

/// The calls a team server makes for every answer (sign-in, claim, the item read for validation, submit), offered
/// without blocking a thread by a store whose driver is asynchronous (PostgreSQL). The server awaits them on its
/// request task instead of running the synchronous calls on its thread pool, which saves two thread switches per
/// statement. Each behaves exactly as its synchronous namesake of ``PeopleStore``, ``AnnotationStore`` and
/// ``ServerLookups``; a store without them is called through the thread pool, with the same results.
///
/// ```swift
/// if let calls = store as? any AwaitingServerCalls, let claim = try await calls.awaitClaim(in: project, for: "kim") {
///     print(claim.item.id)
/// }
/// ```
public protocol AwaitingServerCalls: Sendable {
    /// ``PeopleStore/person(tokenSelector:)``.
    func awaitPerson(tokenSelector selector: String) async throws -> (person: Person, secretHash: [UInt8])?
    /// ``PeopleStore/person(tokenSelector:)`` and, in the same round trip, ``ServerLookups/itemAndGold(_:in:)`` of
    /// `key` (nil: the project has no such item). The item is read before the token is checked, so it comes as a
    /// function that decodes it, for the caller to call only once the token proved good.
    func awaitPerson(tokenSelector selector: String, reading key: String, in project: Project) async throws
        -> (person: Person, secretHash: [UInt8], item: @Sendable () throws -> (item: Item, gold: JSONValue?)?)?
    /// ``AnnotationStore/claimNextItem(in:for:)``.
    func awaitClaim(in project: Project, for annotator: String) async throws -> Claim?
    /// ``ServerLookups/itemAndGold(_:in:)``.
    func awaitItemAndGold(_ id: String, in project: Project) async throws -> (item: Item, gold: JSONValue?)?
    /// ``AnnotationStore/submit(_:)``.
    func awaitSubmit(_ submission: Submission) async throws -> Annotation
}
