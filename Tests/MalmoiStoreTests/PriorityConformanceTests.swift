import MalmoiCore
import MalmoiStore
import Testing

/// ``AnnotationStore/setPriorities(_:in:)`` on every store: the queue serves the highest priority
/// first, re-scoring reorders it, and a bad batch changes nothing.
@Suite struct PriorityConformanceTests {
    @Test(arguments: StoreFactory.all)
    func claimsFollowPrioritiesAndReScoringReordersTheQueue(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 6)
        // Without priorities the queue is import order.
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i1")
        let updated = try store.setPriorities([("i4", 900_000), ("i2", 100), ("i6", 500_000), ("i3", 0)], in: project)
        #expect(updated == 4)
        #expect(try store.claimNextItem(in: project, for: "lee")?.item.id == "i4")
        #expect(try store.claimNextItem(in: project, for: "park")?.item.id == "i6")
        #expect(try store.claimNextItem(in: project, for: "choi")?.item.id == "i2")
        // Re-scoring: i3 and i5 (tied) go to the front; ties keep import order.
        try store.setPriorities([("i5", 700_000), ("i3", 700_000), ("i2", 1)], in: project)
        #expect(try store.claimNextItem(in: project, for: "jung")?.item.id == "i3")
        #expect(try store.claimNextItem(in: project, for: "kang")?.item.id == "i5")
        #expect(try store.claimNextItem(in: project, for: "yoon") == nil)
    }

    @Test(arguments: StoreFactory.all)
    func anUnknownItemOrABadValueChangesNothing(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 3)
        #expect(throws: StoreError.self) { try store.setPriorities([("i3", 10), ("없는-항목", 20)], in: project) }
        #expect(throws: StoreError.self) { try store.setPriorities([("i3", .nan)], in: project) }
        #expect(throws: StoreError.self) { try store.setPriorities([("i2", .infinity)], in: project) }
        // The batch was rolled back: i3 did not move ahead.
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i1")
        #expect(try store.setPriorities([], in: project) == 0)
    }

    @Test(arguments: StoreFactory.all)
    func largeBatchesAreWrittenInOneCall(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 12_000)
        // Priorities rise with the item number, so the last item comes first (crosses batch boundaries).
        let priorities = (1...12_000).map { (item: "i\($0)", priority: Double($0)) }
        #expect(try store.setPriorities(priorities, in: project) == 12_000)
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i12000")
        #expect(try store.claimNextItem(in: project, for: "lee")?.item.id == "i11999")
    }
}

/// The draft outcome travels with the submission into the store and back out through every reader.
@Suite struct DraftOutcomeConformanceTests {
    @Test(arguments: StoreFactory.all)
    func theOutcomeIsStoredWithTheAnnotationAndRead(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 3)
        let outcomes: [DraftOutcome?] = [.kept, .replaced, nil]
        for (index, outcome) in outcomes.enumerated() {
            let claim = try #require(try store.claimNextItem(in: project, for: "kim"))
            let saved = try store.submit(Submission(project: project, item: claim.item.id, annotator: "kim",
                                                    payload: ["labels": ["긍정"]], draftOutcome: outcome))
            #expect(saved.draftOutcome == outcome, "item \(index + 1)")
        }
        #expect(try store.currentAnnotations(of: "i1", in: project).map(\.draftOutcome) == [.kept])
        var streamed: [String: String] = [:]
        try store.forEachCurrentAnnotation(in: project) { streamed[$0.item] = $0.draftOutcome?.rawValue ?? "none" }
        #expect(streamed == ["i1": "kept", "i2": "replaced", "i3": "none"])
        var exported: [String: String] = [:]
        try store.forEachExportItem(in: project, includeAll: true) { item in
            for entry in item.annotations { exported[item.item.id] = entry.annotation.draftOutcome?.rawValue ?? "none" }
        }
        #expect(exported == streamed)
        #expect(try store.latestAnnotation(in: project, by: "kim")?.draftOutcome == nil)
    }
}
