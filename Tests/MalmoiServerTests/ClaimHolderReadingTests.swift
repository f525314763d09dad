import Foundation
import MalmoiCore
import MalmoiLabel
import MalmoiServer
import MalmoiStore
import Testing

/// A reviewer who also annotates does not read others' answers to an item while holding a claim on it, and a skip
/// of an unknown item is refused like a skip of an item without a claim (no oracle of item keys).
@Suite struct ClaimHolderReadingTests {
    @Test(arguments: ParallelThrottleTests.Kind.allCases)
    func aReviewerHoldingAClaimDoesNotReadOthersAnswers(kind: ParallelThrottleTests.Kind) async throws {
        let store = try kind.make()
        let project = try store.createProject(Project(name: "reviews", kind: LabelTask.kind, taskConfig: ["labels": ["긍정", "부정", "중립"]],
                                                      overlap: 2))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "rev-001", text: "배송이 빨라요.")))
        }
        let kim = try TestStore.add("kim", .annotator, to: store)
        let park = try TestStore.add("park", .reviewer, to: store, projects: ["reviews"])
        let harness = try await ServerHarness(store: store, people: store)
        #expect(try await harness.call("POST", "/api/v1/projects/reviews/claims", token: kim).status == 200)
        let answered = try await harness.call("POST", "/api/v1/projects/reviews/submissions", token: kim,
                                              body: #"{"item": "rev-001", "payload": {"labels": ["긍정"]}}"#)
        #expect(answered.status == 201)
        let annotations = "/api/v1/projects/reviews/items/rev-001/annotations"
        #expect(try await harness.call("GET", annotations, token: park).status == 200)
        let claim = try await harness.call("POST", "/api/v1/projects/reviews/claims", token: park)
        #expect(claim.json?["item"]?["id"]?.stringValue == "rev-001")
        #expect(try await harness.call("GET", annotations, token: park).status == 403)
        _ = try await harness.call("POST", "/api/v1/projects/reviews/skips", token: park, body: #"{"item": "rev-001"}"#)
        #expect(try await harness.call("GET", annotations, token: park).status == 200)
        await harness.stopAndWait()
    }

    @Test(arguments: ParallelThrottleTests.Kind.allCases)
    func skippingAnUnknownItemIsRefusedLikeAnItemWithoutAClaim(kind: ParallelThrottleTests.Kind) async throws {
        let store = try kind.make()
        let project = try store.createProject(Project(name: "reviews", kind: LabelTask.kind, taskConfig: ["labels": ["긍정", "부정"]],
                                                      overlap: 1))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "rev-001", text: "배송이 빨라요.")))
        }
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        let known = try await harness.call("POST", "/api/v1/projects/reviews/skips", token: kim, body: #"{"item": "rev-001"}"#)
        let unknown = try await harness.call("POST", "/api/v1/projects/reviews/skips", token: kim, body: #"{"item": "rev-999"}"#)
        #expect(known.status == 409)
        #expect(unknown.status == 409)
        #expect(known.json?["error"]?["code"] == unknown.json?["error"]?["code"])
        await harness.stopAndWait()
    }
}
