import Foundation
import MalmoiCore
import MalmoiRemote
import MalmoiServer
import MalmoiStore
import Testing

/// Runs a blocking client call on a thread of its own, off the test's cooperative pool.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
}

/// An annotator whose claim lapsed was served the item, so they are told why an answer fails validation; where someone
/// stands with an item is answered over `--server` (``RemoteStore/assignment(of:in:for:)``), to themselves or an admin.
@Suite struct LapsedAndAssignmentTests {
    @Test(arguments: ParallelThrottleTests.Kind.allCases)
    func aLapsedClaimGetsTheValidationMessageAndAnUnservedItemTheSameRefusal(kind: ParallelThrottleTests.Kind) async throws {
        let store = try kind.make()
        let project = try TestStore.makeProject("reviews", in: store, items: Array(TestStore.reviews.prefix(3)), overlap: 2)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim)
        #expect(claim.json?["item"]?["id"]?.stringValue == "rev-001")
        try store.releaseClaims(in: project, for: "kim")
        func answer(_ item: String, _ label: String) async throws -> (status: Int, code: String, message: String) {
            let reply = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                               body: #"{"item": "\#(item)", "payload": {"labels": ["\#(label)"]}}"#)
            return (reply.status, reply.json?["error"]?["code"]?.stringValue ?? "",
                    (reply.json?["error"]?["message"]?.stringValue ?? "").replacingOccurrences(of: item, with: "ITEM"))
        }
        let lapsed = try await answer("rev-001", "위조")
        #expect(lapsed.status == 422 && lapsed.code == "invalid_answer" && lapsed.message.contains("위조"), "\(lapsed)")
        // Never served: a failing answer and a valid one get the one refusal, which says nothing about the item.
        let unservedInvalid = try await answer("rev-002", "위조"), unservedValid = try await answer("rev-003", "긍정")
        #expect(unservedInvalid.status == 409 && unservedInvalid.message == unservedValid.message && unservedValid.status == 409)
        #expect(lapsed.message != unservedInvalid.message)
        // The lapsed claim still takes a valid answer while a slot is open.
        #expect(try await answer("rev-001", "긍정").status == 201)
        #expect(try store.currentAnnotations(of: "rev-001", in: project).map(\.annotator) == ["kim"])
        await harness.stopAndWait()
    }

    @Test(arguments: ParallelThrottleTests.Kind.allCases)
    func whereSomeoneStandsIsAnsweredOverTheServer(kind: ParallelThrottleTests.Kind) async throws {
        let store = try kind.make()
        let project = try TestStore.makeProject("reviews", in: store, items: Array(TestStore.reviews.prefix(3)), overlap: 2)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let lee = try TestStore.add("lee", .annotator, to: store)
        let boss = try TestStore.add("boss", .admin, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        let url = harness.url
        let asKim = try RemoteStore(server: url, token: kim), asLee = try RemoteStore(server: url, token: lee)
        let asBoss = try RemoteStore(server: url, token: boss)
        let remote = try await offPool { try asKim.project(named: "reviews") }
        func states(_ client: RemoteStore, of annotator: String) async throws -> [ItemAssignment?] {
            try await offPool { try ["rev-001", "rev-002", "rev-003"].map { try client.assignment(of: $0, in: remote, for: annotator) } }
        }
        #expect(try await states(asKim, of: "kim") == [nil, nil, nil])
        try await offPool {
            let first = try #require(try asKim.claimNextItem(in: remote, for: "kim"))
            _ = try asKim.submit(Submission(project: remote, item: first.item.id, annotator: "kim", payload: ["labels": ["긍정"]]))
            _ = try asKim.claimNextItem(in: remote, for: "kim")
            _ = try asLee.claimNextItem(in: remote, for: "lee")
            try asLee.skip(item: "rev-001", in: remote, for: "lee")
            _ = try asLee.claimNextItem(in: remote, for: "lee")
            try asLee.releaseClaims(in: remote, for: "lee")
        }
        #expect(try await states(asKim, of: "kim") == [.submitted, .claimed, nil])
        #expect(try await states(asLee, of: "lee") == [.skipped, .lapsed, nil])
        // The same answers as the store itself, and an admin may ask about anyone.
        #expect(try await states(asBoss, of: "lee") == ["rev-001", "rev-002", "rev-003"].map { try store.assignment(of: $0, in: project, for: "lee") })
        // Anyone else asks only about themselves: the server refuses, and the client says so.
        await #expect(throws: (any Error).self) { try await offPool { try asKim.assignment(of: "rev-001", in: remote, for: "lee") } }
        await harness.stopAndWait()
    }
}
