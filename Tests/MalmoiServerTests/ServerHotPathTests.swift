import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiRemote
import MalmoiServer
import MalmoiStore
import Testing

/// What the server's per-request savings must not change: it remembers projects and task modules, never people,
/// so a revoked or rotated token is refused at once by every server over the store; a bad token is still 401 and
/// throttled, a wrong role still 403 with nothing recorded, a malformed body still 400 naming the field.
@Suite struct ServerHotPathTests {
    @Test func revocationOnOneSQLiteServerIsRefusedAtOnceByTheOther() async throws {
        let path = TestStore.makePath()
        try await Self.revocationAcrossServers(try SQLiteStore(path: path), try SQLiteStore(path: path))
    }

    @Test func revocationOnOnePostgreSQLServerIsRefusedAtOnceByTheOther() async throws {
        let location = try PostgresCluster.requireLocation()
        try await Self.revocationAcrossServers(try PostgresStore(location, connections: 4), try PostgresStore(location, connections: 4))
    }

    /// Two servers over one store; kim works through both (so both have the project in memory), then her token is
    /// revoked through the first store, and the second server refuses it on the very next request; a rotated token
    /// works at once on both and the old one on neither.
    static func revocationAcrossServers(_ first: any AnnotationStore & PeopleStore, _ second: any AnnotationStore & PeopleStore) async throws {
        let project = try TestStore.makeProject("reviews", in: first, items: TestStore.reviews, overlap: 2)
        let kim = try TestStore.add("kim", .annotator, to: first)
        let a = try await ServerHarness(store: first, people: first)
        let b = try await ServerHarness(store: second, people: second)
        for server in [a, b] {
            let claim = try await server.call("POST", "/api/v1/projects/reviews/claims", token: kim)
            let item = try #require(claim.json?["item"]?["id"]?.stringValue)
            let saved = try await server.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                              body: #"{"item": "\#(item)", "payload": {"labels": ["긍정"]}}"#)
            #expect(saved.status == 201, "\(saved)")
        }
        try first.revokePerson(named: "kim", actor: "test")
        for server in [b, a] {
            let refused = try await server.call("POST", "/api/v1/projects/reviews/claims", token: kim)
            #expect(refused.status == 401 && refused.json?["error"]?["code"]?.stringValue == "unauthorized", "\(refused)")
        }
        #expect(try first.statistics(for: project).totalClaimsHeld == 0)
        #expect(try first.statistics(for: project).annotations == 2)

        let rotated = AccessToken.generate()
        try first.rotateToken(of: "kim", to: rotated.stored, actor: "test")
        for server in [b, a] {
            #expect(try await server.call("GET", "/api/v1/me", token: rotated.text).status == 200)
            #expect(try await server.call("GET", "/api/v1/me", token: kim).status == 401)
        }
        await a.stopAndWait()
        await b.stopAndWait()
        withExtendedLifetime(second) {}
    }

    @Test func aBadTokenIsStill401AndThrottledOnAProjectTheServerRemembers() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let project = try TestStore.makeProject("reviews", in: store, items: TestStore.reviews)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store,
                                              throttle: SignInThrottle(freeFailures: 2, firstDelay: 0.01, maximumDelay: 0.04, window: 600, capacity: 4))
        defer { harness.stop() }
        // The project is in the server's memory now.
        #expect(try await harness.call("GET", "/api/v1/projects/reviews", token: kim).status == 200)
        let forged = String(kim.prefix(17)) + String(repeating: "A", count: 43)
        var statuses: [Int] = []
        for _ in 0..<6 {
            statuses.append(try await harness.call("POST", "/api/v1/projects/reviews/claims", token: forged).status)
        }
        #expect(statuses == [401, 401, 401, 401, 401, 429], "\(statuses)")
        #expect(try store.statistics(for: project).totalClaimsHeld == 0)
    }

    @Test func aWrongRoleIsStill403AndNothingIsRecordedOnAProjectTheServerRemembers() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let project = try TestStore.makeProject("reviews", in: store, items: TestStore.reviews)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let acme = try TestStore.add("acme", .client, to: store, projects: ["reviews"])
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim)
        let item = try #require(claim.json?["item"]?["id"]?.stringValue)
        #expect(try await harness.call("GET", "/api/v1/projects/reviews/stats", token: acme).status == 200)
        // A client may neither claim nor answer, even an item that is claimed (by someone else) and valid.
        #expect(try await harness.call("POST", "/api/v1/projects/reviews/claims", token: acme).status == 403)
        let answer = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: acme,
                                            body: #"{"item": "\#(item)", "payload": {"labels": ["긍정"]}}"#)
        #expect(answer.status == 403 && answer.json?["error"]?["code"]?.stringValue == "forbidden")
        // An annotator may not create projects.
        let created = try await harness.call("POST", "/api/v1/projects", token: kim, body: #"{"name": "mine", "kind": "label"}"#)
        #expect(created.status == 403)
        #expect(try store.statistics(for: project).annotations == 0)
        #expect(try store.statistics(for: project).totalClaimsHeld == 1)
        #expect(try store.projects().map(\.name) == ["reviews"])
    }

    @Test func aMalformedBodyIs400NamingTheFieldAndAnInvalidAnswerIs422() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let project = try TestStore.makeProject("reviews", in: store, items: TestStore.reviews)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim)
        let item = try #require(claim.json?["item"]?["id"]?.stringValue)
        for (body, field) in [(#"{"item": 7, "payload": {"labels": ["긍정"]}}"#, "item"),
                              (#"{"payload": {"labels": ["긍정"]}}"#, "item"),
                              (#"{"item": "\#(item)", "payload": {"labels": ["긍정"]}, "seconds": "many"}"#, "seconds")] {
            let answer = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim, body: body)
            #expect(answer.status == 400 && answer.json?["error"]?["code"]?.stringValue == "bad_request", "\(answer)")
            #expect(answer.json?["error"]?["message"]?.stringValue?.hasPrefix("field \"\(field)\": ") == true, "\(answer)")
        }
        let array = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim, body: "[1, 2]")
        #expect(array.status == 400 && array.json?["error"]?["code"]?.stringValue == "bad_request", "\(array)")
        // A label outside the project's set, on the item kim holds: the task kind's own refusal.
        let invalid = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                             body: #"{"item": "\#(item)", "payload": {"labels": ["위조"]}}"#)
        #expect(invalid.status == 422 && invalid.json?["error"]?["code"]?.stringValue == "invalid_answer", "\(invalid)")
        #expect(try store.statistics(for: project).annotations == 0)
        let saved = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                           body: #"{"item": "\#(item)", "payload": {"labels": ["긍정"]}, "seconds": 3}"#)
        #expect(saved.status == 201 && saved.json?["seconds"]?.doubleValue == 3, "\(saved)")
    }

    @Test func wireFieldErrorsAreLocatedButNotTheUsersBadInput() throws {
        let body: JSONObject = ["item": 7, "seconds": "many", "reasons": ["a", 1], "gold": true]
        for (read, field, message) in [({ _ = try Wire.string(body, "item") }, "item", "expected a string, found number"),
                                       ({ _ = try Wire.string(body, "payload") }, "payload", "missing required field"),
                                       ({ _ = try Wire.optionalNumber(body, "seconds") }, "seconds", "expected a number, found string"),
                                       ({ _ = try Wire.strings(body, "reasons") }, "reasons[1]", "expected a string, found number"),
                                       ({ _ = try Wire.bool(body, "item") }, "item", "expected true or false, found number")]
            as [(() throws -> Void, String, String)] {
            do {
                try read()
                Issue.record("\(field): no error")
            } catch let error as Wire.BodyError {
                #expect(error.error.field == field && error.error.message == message && error.error.path == Wire.bodyPath, "\(error)")
                // A client reading a malformed answer fails at run time (exit 1), not as the user's bad input.
                #expect(!((error as any Error) is any MalmoiReportableError))
            }
        }
        #expect(try Wire.optionalNumber(body, "absent") == nil && Wire.strings(body, "absent").isEmpty && Wire.bool(body, "gold"))
    }

    @Test func itemAndGoldReadsBothInOneCallInEitherStore() async throws {
        try Self.itemAndGold(try SQLiteStore(path: TestStore.makePath()))
        try Self.itemAndGold(try PostgresStore(try PostgresCluster.requireLocation(), connections: 2))
    }

    static func itemAndGold(_ store: any AnnotationStore & ServerLookups) throws {
        let project = try store.createProject(Project(name: "gold", kind: "label",
                                                      taskConfig: ["labels": .array(["긍정", "부정"].map { .string($0) })]))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "plain-1", text: "그냥 그래요.")))
            try consume(ImportRecord(item: Item(id: "gold-1", text: "최고의 제품입니다."), gold: ["labels": ["긍정"]]))
        }
        let gold = try #require(try store.itemAndGold("gold-1", in: project))
        let item = try store.item("gold-1", in: project), answer = try store.goldAnswer(for: "gold-1", in: project)
        #expect(gold.item == item && gold.gold == answer)
        #expect(gold.gold?["labels"]?.arrayValue?.first?.stringValue == "긍정")
        let plain = try #require(try store.itemAndGold("plain-1", in: project))
        #expect(plain.item.text == "그냥 그래요." && plain.gold == nil)
        #expect(try store.itemAndGold("no-such-item", in: project) == nil)
    }
}
