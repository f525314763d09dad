import MalmoiCore
import MalmoiStore
import Testing

/// An edit stores the draft outcome of its new answer on every store; the old edit stores none.
@Suite struct EditDraftOutcomeConformanceTests {
    @Test(arguments: StoreFactory.all)
    func anEditStoresItsOwnOutcome(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 2)
        for item in ["i1", "i2"] {
            let claim = try #require(try store.claimNextItem(in: project, for: "kim"))
            #expect(claim.item.id == item)
            _ = try store.submit(Submission(project: project, item: item, annotator: "kim", payload: ["labels": ["부정"]],
                                            draftOutcome: .replaced))
        }
        let latest = try #require(try store.latestAnnotation(in: project, by: "kim"))
        let edited = try store.edit(annotation: latest.id, payload: ["labels": ["긍정"]], warnings: [], seconds: 3, goldScore: nil,
                                    draftOutcome: .kept)
        #expect(edited.draftOutcome == .kept)
        #expect(try store.currentAnnotations(of: "i2", in: project).map(\.draftOutcome) == [.kept])
        let first = try #require(try store.currentAnnotations(of: "i1", in: project).first)
        _ = try store.edit(annotation: first.id, payload: ["labels": ["긍정"]], warnings: [], seconds: 3, goldScore: nil)
        #expect(try store.currentAnnotations(of: "i1", in: project).map(\.draftOutcome) == [nil])
    }
}
