import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiRemote
import MalmoiServer
import MalmoiStore
import Testing

/// `"next": true` on a submission: the answer is stored as without it and the next item comes back with it, as
/// `POST …/claims` would give it; a retry returns the stored answer and the same next item (a resumed claim); a
/// refused answer claims nothing; on both stores.
@Suite struct SubmitAndNextTests {
    @Test func aSubmissionCarriesTheNextItemOnSQLite() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        try await Self.walkThrough(store)
    }

    @Test func aSubmissionCarriesTheNextItemOnPostgreSQL() async throws {
        let store = try PostgresStore(try PostgresCluster.requireLocation(), connections: 2)
        try await Self.walkThrough(store)
    }

    /// The terminal client's store asks for the next item with every answer: after an answer, the next claim needs
    /// no request (it is answered with the server stopped); a claim left untaken is released with the others.
    @Test func theRemoteStoreTakesTheNextItemWithTheAnswer() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let project = try TestStore.makeProject("reviews", in: store, items: Array(TestStore.reviews.prefix(3)))
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        let remote = try RemoteStore(server: harness.url, token: kim)
        let first = try #require(try await offPool { try remote.claimNextItem(in: project, for: "kim") })
        _ = try await offPool {
            try remote.submit(Submission(project: project, item: first.item.id, annotator: "kim", payload: ["labels": ["긍정"]],
                                         claimsNext: true))
        }
        #expect(try store.statistics(for: project).totalClaimsHeld == 1)   // the next item, claimed with the answer
        await harness.stopAndWait()
        let next = try #require(try await offPool { try remote.claimNextItem(in: project, for: "kim") })
        #expect(next.item.id == "rev-002" && !next.isResumed)
        // Asked again (nothing was answered), the client goes to the server, which is gone.
        await #expect(throws: (any Error).self) { try await offPool { try remote.claimNextItem(in: project, for: "kim") } }

        // A claim that came with an answer and was never taken is released with the annotator's claims.
        let again = try await ServerHarness(store: store, people: store)
        let client = try RemoteStore(server: again.url, token: kim)
        _ = try await offPool {
            try client.submit(Submission(project: project, item: "rev-002", annotator: "kim", payload: ["labels": ["부정"]],
                                         claimsNext: true))
        }
        #expect(try store.statistics(for: project).totalClaimsHeld == 1)
        try await offPool { try client.releaseClaims(in: project, for: "kim") }
        #expect(try store.statistics(for: project).totalClaimsHeld == 0)
        #expect(try await offPool { try client.claimNextItem(in: project, for: "kim") }?.item.id == "rev-003")
        // An annotator who stops after this answer (at a limit) claims nothing with it.
        _ = try await offPool {
            try client.submit(Submission(project: project, item: "rev-003", annotator: "kim", payload: ["labels": ["부정"]]))
        }
        #expect(try store.statistics(for: project).totalClaimsHeld == 0)
        #expect(try store.statistics(for: project).annotations == 3)
        await again.stopAndWait()
    }

    static func walkThrough(_ store: any AnnotationStore & PeopleStore) async throws {
        let project = try TestStore.makeProject("reviews", in: store, items: Array(TestStore.reviews.prefix(3)), overlap: 2)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let lee = try TestStore.add("lee", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        let path = "/api/v1/projects/reviews/submissions"

        // Lee answers without a claim, asking for the next item: refused, and no claim is taken.
        let refused = try await harness.call("POST", path, token: lee, body: #"{"item": "rev-001", "payload": {"labels": ["긍정"]}, "next": true}"#)
        #expect(refused.status == 409, "\(refused)")
        #expect(try store.statistics(for: project).totalClaimsHeld == 0)
        // A "next" that is not true or false is the client's mistake, named.
        let malformed = try await harness.call("POST", path, token: kim, body: #"{"item": "rev-001", "payload": {"labels": ["긍정"]}, "next": "yes"}"#)
        #expect(malformed.status == 400 && malformed.json?["error"]?["message"]?.stringValue?.hasPrefix(#"field "next": "#) == true, "\(malformed)")

        var item = try #require(try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim).json?["item"]?["id"]?.stringValue)
        var seen: [String] = []
        var last = ""
        for index in 0..<3 {
            last = #"{"submission_id": "k-\#(index)", "item": "\#(item)", "payload": {"labels": ["긍정"]}, "next": true}"#
            let saved = try await harness.call("POST", path, token: kim, body: last)
            #expect(saved.status == 201 && saved.json?["item"]?.stringValue == item && saved.json?["annotator"]?.stringValue == "kim", "\(saved)")
            seen.append(item)
            let next = try #require(saved.json?["next"])
            if index < 2 {
                item = try #require(next["item"]?["id"]?.stringValue, "\(saved)")
                #expect(next["gold"]?.boolValue == false && next["resumed"]?.boolValue == false)
                #expect(try store.statistics(for: project).totalClaimsHeld == 1)
            } else {
                #expect(next.isNull, "\(saved)")
            }
        }
        #expect(seen == ["rev-001", "rev-002", "rev-003"])
        // The last answer's retry: the stored answer, once, and again nothing left.
        let retried = try await harness.call("POST", path, token: kim, body: last)
        #expect(retried.status == 201 && retried.json?["next"]?.isNull == true, "\(retried)")
        #expect(try store.statistics(for: project).annotations == 3)
        #expect(try store.statistics(for: project).totalClaimsHeld == 0)
        // Without "next" the answer has no such key.
        _ = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: lee)
        let plain = try await harness.call("POST", path, token: lee, body: #"{"item": "rev-001", "payload": {"labels": ["부정"]}}"#)
        #expect(plain.status == 201 && plain.json?["next"] == nil, "\(plain)")
        // The server knows the project now, so a submission's sign-in reads the item in its own round trip where the
        // store offers it; the refusals are as before: a bad token is 401 whatever the body, an answer that fails
        // validation on an item lee holds no claim on is the no-claim 409, an unknown item the same 409.
        let forged = String(lee.prefix(17)) + String(repeating: "A", count: 43)
        #expect(try await harness.call("POST", path, token: forged, body: #"{"item": 7}"#).status == 401)
        // A key with a NUL (which PostgreSQL cannot take as a parameter) is read after the sign-in: 401 with a bad
        // token; with a good one no such item (SQLite: the no-claim 409) or a refused key (PostgreSQL: 422), never
        // a store failure.
        #expect(try await harness.call("POST", path, token: forged, body: #"{"item": "a\u0000", "payload": {}}"#).status == 401)
        let nul = try await harness.call("POST", path, token: lee, body: #"{"item": "a\u0000", "payload": {"labels": ["긍정"]}}"#)
        #expect(nul.status == 409 || nul.status == 422, "\(nul)")
        #expect(try await harness.call("POST", path, token: nil, body: #"{"item": "rev-002", "payload": {"labels": ["긍정"]}}"#).status == 401)
        let invalid = try await harness.call("POST", path, token: lee, body: #"{"item": "rev-002", "payload": {"labels": ["위조"]}}"#)
        let unknown = try await harness.call("POST", path, token: lee, body: #"{"item": "rev-999", "payload": {"labels": ["긍정"]}}"#)
        #expect(invalid.status == 409 && unknown.status == 409, "\(invalid) \(unknown)")
        #expect(invalid.json?["error"]?["message"]?.stringValue?.replacingOccurrences(of: "rev-002", with: "X")
                == unknown.json?["error"]?["message"]?.stringValue?.replacingOccurrences(of: "rev-999", with: "X"))
        let bad = try await harness.call("POST", path, token: lee, body: #"{"item": 7, "payload": {}}"#)
        #expect(bad.status == 400 && bad.json?["error"]?["message"]?.stringValue?.hasPrefix(#"field "item": "#) == true, "\(bad)")
        // Lee claims rev-002 and answers it wrongly, then rightly, through the same read.
        #expect(try await harness.call("POST", "/api/v1/projects/reviews/claims", token: lee).json?["item"]?["id"]?.stringValue == "rev-002")
        #expect(try await harness.call("POST", path, token: lee, body: #"{"item": "rev-002", "payload": {"labels": ["위조"]}}"#).status == 422)
        #expect(try await harness.call("POST", path, token: lee, body: #"{"item": "rev-002", "payload": {"labels": ["중립"]}}"#).status == 201)
        #expect(try store.statistics(for: project).annotations == 5)
        await harness.stopAndWait()
    }
}
