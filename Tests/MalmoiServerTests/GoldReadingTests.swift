import Foundation
import MalmoiCore
import MalmoiLabel
import MalmoiServer
import MalmoiStore
import Testing

/// Who reads gold answers: admins, and a reviewer only for an item they are reviewing; never an annotator, and never
/// someone who holds a claim on the item or answered it.
@Suite struct GoldReadingTests {
    @Test(arguments: ParallelThrottleTests.Kind.allCases)
    func reviewersReadGoldOnlyOfItemsTheyAreReviewing(kind: ParallelThrottleTests.Kind) async throws {
        let store = try kind.make()
        let project = try store.createProject(Project(name: "reviews", kind: LabelTask.kind, taskConfig: ["labels": ["긍정", "부정", "중립"]],
                                                      overlap: 1, goldRate: 1))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "gold-1", text: "최고의 제품입니다."), gold: ["labels": ["긍정"]]))
            try consume(ImportRecord(item: Item(id: "gold-2", text: "다시는 안 삽니다."), gold: ["labels": ["부정"]]))
            try consume(ImportRecord(item: Item(id: "rev-001", text: "배송이 빨라요.")))
        }
        let kim = try TestStore.add("kim", .annotator, to: store)
        let park = try TestStore.add("park", .reviewer, to: store, projects: ["reviews"])
        let boss = try TestStore.add("boss", .admin, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        func gold(_ item: String, _ token: String) async throws -> (Int, JSONValue?) {
            let answer = try await harness.call("GET", "/api/v1/projects/reviews/items/\(item)/gold", token: token)
            return (answer.status, answer.json)
        }
        // Before anyone answered: the admin reads it, the reviewer does not (they could claim it next), the annotator gets null.
        #expect(try await gold("gold-1", boss) == (200, ["labels": ["긍정"]]))
        #expect(try await gold("gold-1", park).0 == 403)
        #expect(try await gold("gold-1", kim) == (200, .null))
        // kim answers a gold item: it is now in park's review work, so park reads its gold answer; the other one stays closed.
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim)
        let served = try #require(claim.json?["item"]?["id"]?.stringValue)
        #expect(served.hasPrefix("gold-"))
        let submitted = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                               body: #"{"item": "\#(served)", "payload": {"labels": ["긍정"]}}"#)
        #expect(submitted.status == 201)
        let other = served == "gold-1" ? "gold-2" : "gold-1"
        #expect(try await gold(served, park).0 == 200)
        #expect(try await gold(other, park).0 == 403)
        #expect(try await gold(served, kim) == (200, .null))
        // Once park claims an item, its gold answer is closed to park whoever answered it.
        let parkClaim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: park)
        let parkItem = try #require(parkClaim.json?["item"]?["id"]?.stringValue)
        #expect(try await gold(parkItem, park).0 == 403)
        await harness.stopAndWait()
    }
}
