import Foundation
import MalmoiCore
import MalmoiRemote
import MalmoiServer
import MalmoiStore
import Testing

/// Who may do what on the team server: 401 without a valid token, 403 for a wrong role, nothing recorded.
@Suite struct ServerAccessTests {
    @Test func requestsWithoutOrWithABadTokenAreRefusedWithJSONErrors() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        _ = try TestStore.makeProject("reviews", in: store, items: TestStore.reviews)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }

        var answer = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: nil)
        #expect(answer.status == 401)
        #expect(answer.json?["error"]?["code"]?.stringValue == "unauthorized")
        answer = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: "0123456789abcdef.AAAA")
        #expect(answer.status == 401)
        // Right selector, wrong secret.
        let forged = String(kim.prefix(17)) + String(repeating: "A", count: 43)
        answer = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: forged)
        #expect(answer.status == 401)
        #expect(try store.statistics(for: store.project(named: "reviews")).totalClaimsHeld == 0)
        answer = try await harness.call("GET", "/api/v1/no-such-route", token: kim)
        #expect(answer.status == 404 && answer.json?["error"]?["message"]?.stringValue != nil)
        answer = try await harness.call("GET", "/api/v1/health", token: nil)
        #expect(answer.status == 200)
    }

    @Test func wrongRolesAreForbiddenAndNothingIsRecorded() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        _ = try TestStore.makeProject("reviews", in: store, items: TestStore.reviews)
        _ = try TestStore.makeProject("secret", in: store, items: ["비공개 문장입니다."])
        let kim = try TestStore.add("kim", .annotator, to: store)
        let acme = try TestStore.add("acme", .client, to: store, projects: ["reviews"])
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }

        var answer = try await harness.call("POST", "/api/v1/projects", token: kim, body: #"{"name": "mine", "kind": "label", "task_config": {"labels": ["a"]}}"#)
        #expect(answer.status == 403 && answer.json?["error"]?["code"]?.stringValue == "forbidden")
        #expect(try store.projects().map(\.name) == ["reviews", "secret"])
        answer = try await harness.call("GET", "/api/v1/projects/reviews/stats", token: kim)
        #expect(answer.status == 403)
        answer = try await harness.call("GET", "/api/v1/projects/reviews/stats", token: acme)
        #expect(answer.status == 200 && answer.json?["items"]?.intValue == 10)
        answer = try await harness.call("GET", "/api/v1/projects/secret/stats", token: acme)
        #expect(answer.status == 403)
        answer = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: acme)
        #expect(answer.status == 403)
        answer = try await harness.call("GET", "/api/v1/projects", token: acme)
        #expect(answer.json?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["reviews"])
        // An annotator cannot act under another name.
        answer = try await harness.call("POST", "/api/v1/projects/reviews/claims?annotator=lee", token: kim)
        #expect(answer.status == 403)
        #expect(try store.statistics(for: store.project(named: "reviews")).totalClaimsHeld == 0)
    }

    @Test(arguments: ["Kim", " kim ", "KIM"])
    func oneNameIsOnePersonAndReviewersNeverReviewTheirOwnWork(spelling: String) async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let project = try TestStore.makeProject("reviews", in: store, items: TestStore.reviews)
        let kim = try TestStore.add(spelling, .reviewer, to: store)
        #expect(throws: StoreError.self) { try TestStore.add("kim", .annotator, to: store) }
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims?annotator=\(spelling.trimmingCharacters(in: .whitespaces))", token: kim)
        #expect(claim.status == 200)
        let item = try #require(claim.json?["item"]?["id"]?.stringValue)
        let saved = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                           body: #"{"item": "\#(item)", "payload": {"labels": ["긍정"]}}"#)
        #expect(saved.status == 201 && saved.json?["annotator"]?.stringValue == "kim")
        let id = try #require(saved.json?["id"]?.intValue)
        let verdict = try await harness.call("POST", "/api/v1/projects/reviews/reviews", token: kim, body: #"{"annotation": \#(id), "verdict": "accepted"}"#)
        #expect(verdict.status == 403)
        #expect(try store.ledger(in: project, annotator: nil).isEmpty)
    }

    @Test func aRetriedSubmissionIsSavedOnceAndInvalidAnswersAreRefusedByTheServer() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let project = try TestStore.makeProject("reviews", in: store, items: TestStore.reviews)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim)
        let item = try #require(claim.json?["item"]?["id"]?.stringValue)
        let bad = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                         body: #"{"item": "\#(item)", "payload": {"labels": ["맛있음"]}}"#)
        #expect(bad.status == 422 && bad.json?["error"]?["code"]?.stringValue == "invalid_answer")
        let body = #"{"submission_id": "b6c1", "item": "\#(item)", "payload": {"labels": ["부정"]}, "seconds": 3}"#
        let first = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim, body: body)
        let second = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim, body: body)
        #expect(first.status == 201 && second.status == 201)
        #expect(first.json?["id"] == second.json?["id"])
        #expect(try store.statistics(for: project).annotations == 1)
        let huge = #"{"item": "\#(item)", "payload": {"labels": ["\#(String(repeating: "가", count: 70_000))"]}}"#
        let tooLarge = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim, body: huge)
        #expect(tooLarge.status == 413 && tooLarge.json?["error"]?["code"]?.stringValue == "too_large")
    }

    @Test func repeatedBadTokensFromOneAddressAreSlowedDown() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        for _ in 0..<8 { _ = try await harness.call("GET", "/api/v1/me", token: "0123456789abcdef.bad") }
        let start = Date()
        let answer = try await harness.call("GET", "/api/v1/me", token: "0123456789abcdef.bad")
        #expect(answer.status == 401)
        #expect(Date().timeIntervalSince(start) >= 0.35)   // 0.05 s doubled for each failure past the fifth
    }

    @Test func tokensAreStoredOnlyAsHashesAndRevokedTokensStopWorking() async throws {
        let path = TestStore.makePath()
        let store = try SQLiteStore(path: path)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let secret = String(kim.split(separator: ".")[1])
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self).contains(secret))
        }
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        #expect(try await harness.call("GET", "/api/v1/me", token: kim).status == 200)
        try store.revokePerson(named: "kim", actor: "test")
        #expect(try await harness.call("GET", "/api/v1/me", token: kim).status == 401)
        #expect(try store.auditTrail().map(\.action) == ["person.add", "person.revoke"])
    }
}

/// `docs/openapi.yaml` lists exactly the server's routes.
@Suite struct OpenAPIDocumentTests {
    @Test func theDocumentListsEveryRouteOfTheServer() throws {
        let text = try String(contentsOf: CLI.repository.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        var documented: [String] = []
        var path: String?
        var inPaths = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, !line.hasPrefix(" ") { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()); continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("    "), !line.hasPrefix("     "), let path,
               ["get:", "post:", "put:", "delete:", "patch:"].contains(trimmed) {
                documented.append("\(trimmed.dropLast().uppercased()) \(path)")
            }
        }
        let store = try SQLiteStore(path: TestStore.makePath())
        let server = TeamServer(store: store, people: store, modules: { _ in throw TaskError(.unknownKind, "unused") })
        #expect(documented.sorted() == server.routeList())
        #expect(documented.count > 20)
    }
}
