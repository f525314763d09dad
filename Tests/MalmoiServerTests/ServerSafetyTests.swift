import Foundation
import MalmoiCore
import MalmoiServer
import MalmoiStore
import Testing

/// What an annotator's or reviewer's token cannot do, probed over a real in-process server.
@Suite struct ServerSafetyTests {
    /// A project with three ordinary items and a gold item that is never served (gold rate 0).
    static func setUp() throws -> (SQLiteStore, Project) {
        let store = try SQLiteStore(path: TestStore.makePath())
        let project = try store.createProject(Project(name: "reviews", kind: "label",
                                                      taskConfig: ["labels": .array(["긍정", "부정", "중립"].map { .string($0) })],
                                                      overlap: 2))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            for (index, text) in TestStore.reviews.prefix(3).enumerated() {
                try consume(ImportRecord(item: Item(id: String(format: "rev-%03d", index + 1), text: text)))
            }
            try consume(ImportRecord(item: Item(id: "gold-1", text: "최고의 제품입니다."), gold: ["labels": ["긍정"]]))
        }
        return (store, project)
    }

    @Test func answersWithoutAClaimAreRefusedAlikeAndRevealNoGold() async throws {
        let (store, project) = try Self.setUp()
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        var replies: [String] = []
        // An unknown item, or an answer that fails validation (whose message would quote the item), is the
        // same refusal: nothing about an item reaches someone it was not served to.
        for (item, label) in [("rev-003", "긍정"), ("gold-1", "긍정"), ("no-such-item", "긍정"), ("rev-002", "위조")] {
            let answer = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                                body: #"{"item": "\#(item)", "payload": {"labels": ["\#(label)"]}}"#)
            replies.append("\(answer.status) " + (answer.json?["error"]?["message"]?.stringValue ?? "").replacingOccurrences(of: item, with: "ITEM"))
        }
        #expect(replies[0].hasPrefix("409 ") && Set(replies).count == 1, "\(replies)")
        #expect(try store.currentAnnotations(of: "rev-003", in: project).isEmpty)
        #expect(try store.currentAnnotations(of: "gold-1", in: project).isEmpty)
        // The gold endpoint answers an annotator null for every item, gold or not.
        for item in ["gold-1", "rev-001"] {
            let gold = try await harness.call("GET", "/api/v1/projects/reviews/items/\(item)/gold", token: kim)
            #expect(gold.status == 200 && gold.json == .null)
        }
    }

    @Test func annotatorsReadOnlyTheirItemsAndReviewersOnlyTheirProjectsReviews() async throws {
        let (store, project) = try Self.setUp()
        let other = try TestStore.makeProject("secret", in: store, items: ["비공개 문장입니다."])
        let kim = try TestStore.add("kim", .annotator, to: store)
        let park = try TestStore.add("park", .reviewer, to: store, projects: ["reviews"])
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }

        var answer = try await harness.call("GET", "/api/v1/projects/reviews/items/rev-002", token: kim)
        #expect(answer.status == 403)
        answer = try await harness.call("GET", "/api/v1/projects/reviews/items/none", token: kim)
        #expect(answer.status == 403)   // the same refusal: existence is not revealed
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim)
        let item = try #require(claim.json?["item"]?["id"]?.stringValue)
        answer = try await harness.call("GET", "/api/v1/projects/reviews/items/\(item)", token: kim)
        #expect(answer.status == 200 && answer.json?["id"]?.stringValue == item)
        answer = try await harness.call("GET", "/api/v1/projects/reviews/items/rev-002", token: park)
        #expect(answer.status == 200)

        // A review in another project is not readable through this project's path.
        _ = try store.claimNextItem(in: other, for: "lee")
        let hidden = try store.submit(Submission(project: other, item: "rev-001", annotator: "lee", payload: ["labels": ["중립"]]))
        _ = try store.recordReview(ReviewSubmission(project: other, annotation: hidden.id, reviewer: "choi", verdict: .accepted))
        answer = try await harness.call("GET", "/api/v1/projects/reviews/annotations/\(hidden.id)/reviews", token: park)
        #expect(answer.status == 200 && answer.json?.arrayValue?.isEmpty == true)
        #expect(try store.reviews(of: hidden.id, in: project).isEmpty && store.reviews(of: hidden.id, in: other).count == 1)

        // A reviewer reads gold answers only of items they are reviewing (see GoldReadingTests), never of an item they
        // hold a claim on: gold-1 was never answered.
        answer = try await harness.call("GET", "/api/v1/projects/reviews/items/gold-1/gold", token: park)
        #expect(answer.status == 403)
        let parkClaim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: park)
        let parkItem = try #require(parkClaim.json?["item"]?["id"]?.stringValue)
        answer = try await harness.call("GET", "/api/v1/projects/reviews/items/\(parkItem)/gold", token: park)
        #expect(answer.status == 403)
    }

    @Test func retriesAreRecognisedBySubmissionIDAndVerdictsAreAuditedOnce() async throws {
        let (store, project) = try Self.setUp()
        let kim = try TestStore.add("kim", .annotator, to: store)
        let park = try TestStore.add("park", .reviewer, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim)
        let item = try #require(claim.json?["item"]?["id"]?.stringValue)
        let body = #"{"submission_id": "a-1", "item": "\#(item)", "payload": {"labels": ["부정"]}}"#
        let first = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim, body: body)
        let retry = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim, body: body)
        #expect(first.status == 201 && retry.status == 201 && first.json?["id"] == retry.json?["id"])
        let second = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                            body: #"{"submission_id": "a-2", "item": "\#(item)", "payload": {"labels": ["부정"]}}"#)
        #expect(second.status == 409)
        #expect(try store.currentAnnotations(of: item, in: project).count == 1)

        let id = try #require(first.json?["id"]?.intValue)
        let verdict = #"{"submission_id": "v-1", "annotation": \#(id), "verdict": "accepted"}"#
        let accepted = try await harness.call("POST", "/api/v1/projects/reviews/reviews", token: park, body: verdict)
        let again = try await harness.call("POST", "/api/v1/projects/reviews/reviews", token: park, body: verdict)
        #expect(accepted.status == 201 && accepted.json?["review"]?["id"] == again.json?["review"]?["id"])
        let deliberate = try await harness.call("POST", "/api/v1/projects/reviews/reviews", token: park,
                                                body: #"{"submission_id": "v-2", "annotation": \#(id), "verdict": "accepted"}"#)
        #expect(deliberate.status == 201 && deliberate.json?["review"]?["id"] != accepted.json?["review"]?["id"])
        #expect(try store.reviews(of: Int64(id)).count == 2)
        #expect(try store.ledger(in: project, annotator: "kim").map(\.points).reduce(0, +) == project.pointsPerAccept)
        #expect(try store.auditTrail().filter { $0.action == "review" }.count == 2)
    }
}

/// The bad-token throttle over a real server, with short delays so that the test runs quickly.
@Suite struct SignInThrottleTests {
    static func quick() -> SignInThrottle { SignInThrottle(freeFailures: 2, firstDelay: 0.01, maximumDelay: 0.04, window: 600, capacity: 4) }

    @Test func badTokensEndIn429WithRetryAfterAndAGoodTokenResetsNothing() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store, throttle: Self.quick())
        defer { harness.stop() }
        var statuses: [Int] = []
        for attempt in 0..<6 {
            statuses.append(try await harness.call("GET", "/api/v1/me", token: "0123456789abcdef.bad").status)
            // A good sign-in from the same address between the bad ones does not wipe their count.
            if attempt == 2 { #expect(try await harness.call("GET", "/api/v1/me", token: kim).status == 200) }
        }
        // Delays 0.01, 0.02, 0.04 after the two free failures; the next would be 0.08 > 0.04: refused.
        #expect(statuses == [401, 401, 401, 401, 401, 429], "\(statuses)")
        let refused = try await harness.callWithHeaders("GET", "/api/v1/me", token: kim)
        #expect(refused.result.status == 429 && refused.result.json?["error"]?["code"]?.stringValue == "too_many_attempts")
        #expect(Int(refused.headers["retry-after"] ?? "") ?? 0 > 0)
    }

    @Test func behindATrustedProxyEachClientHasItsOwnPenalty() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let kim = try TestStore.add("kim", .annotator, to: store)
        let trusted = try await ServerHarness(store: store, people: store, trustedProxies: ["127.0.0.1"], throttle: Self.quick())
        defer { trusted.stop() }
        for _ in 0..<6 {
            _ = try await trusted.call("GET", "/api/v1/me", token: "0123456789abcdef.bad", headers: ["X-Forwarded-For": "198.51.100.7"])
        }
        #expect(try await trusted.call("GET", "/api/v1/me", token: kim, headers: ["X-Forwarded-For": "198.51.100.7"]).status == 429)
        #expect(try await trusted.call("GET", "/api/v1/me", token: kim, headers: ["X-Forwarded-For": "203.0.113.9"]).status == 200)

        // Without --trusted-proxy the header is ignored: a client cannot escape its penalty by inventing addresses.
        let plain = try await ServerHarness(store: store, people: store, throttle: Self.quick())
        defer { plain.stop() }
        for index in 0..<6 {
            _ = try await plain.call("GET", "/api/v1/me", token: "0123456789abcdef.bad", headers: ["X-Forwarded-For": "192.0.2.\(index)"])
        }
        #expect(try await plain.call("GET", "/api/v1/me", token: kim, headers: ["X-Forwarded-For": "203.0.113.9"]).status == 429)
    }

    @Test func theTableIsBoundedAndForgetsTheLeastRecentFirst() {
        let throttle = Self.quick()
        for index in 0..<4 { throttle.fail("10.0.0.\(index)", now: 1000 + Double(index)) }
        for _ in 0..<5 { throttle.fail("10.0.0.3", now: 1010) }
        throttle.fail("10.0.0.9", now: 1020)   // full: the least recently failed quarter goes
        #expect(throttle.count <= 4)
        #expect(throttle.verdict(for: "10.0.0.3", now: 1021) == .refuse(retryAfter: 1003 + 600 - 1021))
        #expect(throttle.verdict(for: "10.0.0.0", now: 1021) == .wait(0))
    }
}

/// Pseudonyms in clients' exports: keyed by the store's secret salt, and real names only when an admin says so.
@Suite struct PseudonymTests {
    @Test func clientsSeeSaltedPseudonymsUntilAnAdminTurnsOnRealNames() async throws {
        let path = TestStore.makePath()
        let store = try SQLiteStore(path: path)
        let project = try TestStore.makeProject("reviews", in: store, items: Array(TestStore.reviews.prefix(2)))
        let acme = try TestStore.add("acme", .client, to: store, projects: ["reviews"])
        let boss = try TestStore.add("boss", .admin, to: store)
        _ = try store.claimNextItem(in: project, for: "kim")
        _ = try store.submit(Submission(project: project, item: "rev-001", annotator: "kim", payload: ["labels": ["긍정"]]))
        let salt = try store.pseudonymSalt()
        #expect(salt.count == 64 && salt != String(repeating: "0", count: 64))
        #expect(try SQLiteStore(path: path).pseudonymSalt() == salt)   // made once, kept in the store
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }

        var ids = try await harness.call("GET", "/api/v1/projects/reviews/annotator-ids", token: acme)
        let expected = Pseudonym.of("kim", in: project, salt: salt)
        #expect(ids.json?.arrayValue?.compactMap(\.stringValue) == [expected])
        #expect(expected != Pseudonym.of("kim", in: project, salt: String(repeating: "0", count: 64)))
        #expect(try await harness.call("PUT", "/api/v1/projects/reviews/export-names", token: acme, body: #"{"real_names": true}"#).status == 403)
        #expect(try await harness.call("PUT", "/api/v1/projects/reviews/export-names", token: boss, body: #"{"real_names": true}"#).status == 200)
        ids = try await harness.call("GET", "/api/v1/projects/reviews/annotator-ids", token: acme)
        #expect(ids.json?.arrayValue?.compactMap(\.stringValue) == ["kim"])
        let export = try await harness.call("GET", "/api/v1/projects/reviews/export", token: acme)
        #expect(export.status == 200)
        #expect(try store.auditTrail().contains { $0.action == "project.export-names" && $0.actor == "boss" && $0.subject == "reviews" })
    }
}
