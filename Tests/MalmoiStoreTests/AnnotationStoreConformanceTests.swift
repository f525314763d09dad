import Foundation
import MalmoiCore
import MalmoiStore
import Testing

/// Behaviour every ``AnnotationStore`` must have, run against each ``StoreFactory``.
@Suite struct AnnotationStoreConformanceTests {
    @Test(arguments: StoreFactory.all)
    func projectsAreCreatedOnceAndFoundByName(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let created = try store.createProject(labelProject())
        #expect(created.id != 0)
        #expect(try store.project(named: "reviews").taskConfig == labelProject().taskConfig)
        #expect(throws: StoreError.self) { try store.createProject(labelProject()) }
        #expect(throws: StoreError.self) { try store.project(named: "없는-프로젝트") }
        #expect(try store.projects().map(\.name) == ["reviews"])
    }

    @Test(arguments: StoreFactory.all)
    func importIsAllOrNothingWithoutSkipBad(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject())
        try importItems(store, project, count: 3)
        #expect(throws: (any Error).self) {
            _ = try store.importItems(into: project, options: ImportOptions()) { consume in
                try consume(ImportRecord(item: Item(id: "new-1", text: "새 문장")))
                try consume(ImportRecord(item: Item(id: "i2", text: "중복 id")))
            }
        }
        #expect(try store.item("new-1", in: project) == nil)
        #expect(try store.statistics(for: project).items == 3)
    }

    @Test(arguments: StoreFactory.all)
    func upsertReplacesText(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject())
        try importItems(store, project, count: 2)
        let summary = try store.importItems(into: project, options: ImportOptions(upsert: true)) { consume in
            try consume(ImportRecord(item: Item(id: "i2", text: "고친 문장")))
        }
        #expect(summary.updated == 1 && summary.inserted == 0)
        #expect(try store.item("i2", in: project)?.text == "고친 문장")
    }

    @Test(arguments: StoreFactory.all)
    func claimsRespectOverlapAndNeverRepeatForOneAnnotator(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 2))
        try importItems(store, project, count: 1)
        let first = try #require(try store.claimNextItem(in: project, for: "kim"))
        #expect(try store.claimNextItem(in: project, for: "kim")?.isResumed == true)
        let second = try #require(try store.claimNextItem(in: project, for: "lee"))
        #expect(first.item.id == second.item.id)
        #expect(try store.claimNextItem(in: project, for: "park") == nil)
        _ = try store.submit(Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]]))
        #expect(try store.claimNextItem(in: project, for: "kim") == nil)
        #expect(throws: StoreError.self) {
            try store.submit(Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["부정"]]))
        }
    }

    @Test(arguments: StoreFactory.all)
    func releasedAndExpiredClaimsFreeTheirSlot(factory: StoreFactory) throws {
        let clock = TestClock()
        let store = try factory.make(clock.function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 1)
        _ = try store.claimNextItem(in: project, for: "kim")
        #expect(try store.claimNextItem(in: project, for: "lee") == nil)
        try store.releaseClaims(in: project, for: "kim")
        #expect(try store.claimNextItem(in: project, for: "lee")?.item.id == "i1")
        clock.advance(2 * 86_400)
        #expect(try store.claimNextItem(in: project, for: "park")?.item.id == "i1")
    }

    @Test(arguments: StoreFactory.all)
    func skippedItemsGoToOthers(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 2)
        let claim = try #require(try store.claimNextItem(in: project, for: "kim"))
        try store.skip(item: claim.item.id, in: project, for: "kim")
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i2")
        #expect(try store.claimNextItem(in: project, for: "lee")?.item.id == "i1")
    }

    @Test(arguments: StoreFactory.all)
    func editsKeepHistoryUntilReviewed(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject())
        try importItems(store, project, count: 1)
        _ = try store.claimNextItem(in: project, for: "kim")
        let first = try store.submit(Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]]))
        let edited = try store.edit(annotation: first.id, payload: ["labels": ["중립"]], warnings: [], seconds: 1, goldScore: nil)
        #expect(edited.supersedes == first.id)
        #expect(try store.currentAnnotations(of: "i1", in: project).map(\.payload) == [["labels": ["중립"]]])
        #expect(throws: StoreError.self) { try store.edit(annotation: first.id, payload: ["labels": ["부정"]], warnings: [], seconds: 1, goldScore: nil) }
        _ = try store.recordReview(ReviewSubmission(project: project, annotation: edited.id, reviewer: "park", verdict: .accepted))
        #expect(throws: StoreError.self) { try store.edit(annotation: edited.id, payload: ["labels": ["부정"]], warnings: [], seconds: 1, goldScore: nil) }
    }

    @Test(arguments: StoreFactory.all)
    func acceptingCreditsAndALaterRejectionReverses(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(points: 10))
        try importItems(store, project, count: 1)
        _ = try store.claimNextItem(in: project, for: "kim")
        let annotation = try store.submit(Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]]))
        let accepted = try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "park", verdict: .accepted))
        #expect(accepted.ledgerEntries.map(\.points) == [10])
        let again = try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "park", verdict: .accepted))
        #expect(again.ledgerEntries.isEmpty)
        #expect(throws: StoreError.self) {
            try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "park", verdict: .rejected))
        }
        let rejected = try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "park",
                                                               verdict: .rejected, reasons: ["wrong-label"], comment: "부정입니다"))
        #expect(rejected.ledgerEntries.map(\.points) == [-10])
        #expect(rejected.ledgerEntries.first?.reverses == accepted.ledgerEntries.first?.id)
        let ledger = try store.ledger(in: project, annotator: "kim")
        #expect(ledger.map(\.points) == [10, -10])
        #expect(try store.progress(in: project, for: "kim").points == 0)
        #expect(throws: StoreError.self) {
            try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id, reviewer: "kim", verdict: .accepted))
        }
    }

    @Test(arguments: StoreFactory.all)
    func goldItemsAreServedAtTheRateAndScored(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        // At rate 1 every claim is gold while the annotator has a gold item left (the draw is random: see GoldDrawTests).
        let project = try store.createProject(labelProject(overlap: 1, goldRate: 1))
        try importItems(store, project, count: 4, gold: ["i4": ["labels": ["부정"]]])
        var served: [(String, Bool)] = []
        while let claim = try store.claimNextItem(in: project, for: "kim") {
            served.append((claim.item.id, claim.isGold))
            _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: "kim", payload: ["labels": ["부정"]],
                                            goldScore: claim.isGold ? 1 : nil))
        }
        #expect(served.map(\.0) == ["i4", "i1", "i2", "i3"])
        #expect(served.map(\.1) == [true, false, false, false])
        let statistics = try store.statistics(for: project)
        #expect(statistics.goldItems == 1 && statistics.items == 3)
        #expect(statistics.annotators.first?.goldAccuracy == 1)
    }

    @Test(arguments: StoreFactory.all)
    func statisticsCountProgressAndReviews(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 2, points: 5))
        try importItems(store, project, count: 2)
        for annotator in ["kim", "lee"] {
            _ = try store.claimNextItem(in: project, for: annotator)
            _ = try store.submit(Submission(project: project, item: "i1", annotator: annotator, payload: ["labels": ["긍정"]]))
        }
        let pending = try store.annotationsForReview(in: project, annotator: nil, filter: .pending)
        #expect(pending.map(\.annotator) == ["kim", "lee"])
        _ = try store.recordReview(ReviewSubmission(project: project, annotation: pending[0].id, reviewer: "park", verdict: .accepted))
        _ = try store.recordReview(ReviewSubmission(project: project, annotation: pending[1].id, reviewer: "park", verdict: .rejected, reasons: ["careless"]))
        let statistics = try store.statistics(for: project)
        #expect(statistics.completeItems == 1 && statistics.shortItems == 1 && statistics.shortItemSample == ["i2"])
        #expect(statistics.accepted == 1 && statistics.rejected == 1 && statistics.pending == 0)
        #expect(statistics.annotators.map(\.points) == [5, 0])
        #expect(try store.annotationsForReview(in: project, annotator: nil, filter: .pending).isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func qualificationsAccumulate(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        _ = try store.registerAnnotator("kim", qualifications: ["native"])
        let annotator = try store.registerAnnotator("kim", qualifications: ["expert", "native"])
        #expect(annotator.qualifications == ["native", "expert"])
        #expect(try store.annotator("nobody") == nil)
    }

    @Test(arguments: StoreFactory.all)
    func twoReviewersAtOnceCreditEachAnnotationExactlyOnce(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1, points: 10))
        try importItems(store, project, count: 30)
        while let claim = try store.claimNextItem(in: project, for: "kim") {
            _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: "kim", payload: ["labels": ["긍정"]]))
        }
        let annotations = try store.annotationsForReview(in: project, annotator: nil, filter: .pending)
        #expect(annotations.count == 30)
        let credits = Counter()
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 2) { reviewer in
            for annotation in annotations {
                do {
                    let outcome = try store.recordReview(ReviewSubmission(project: project, annotation: annotation.id,
                                                                          reviewer: reviewer == 0 ? "park" : "jung", verdict: .accepted))
                    credits.add(outcome.ledgerEntries.count)
                } catch {
                    failures.add(1)
                }
            }
        }
        #expect(failures.value == 0)
        #expect(credits.value == 30)
        let ledger = try store.ledger(in: project, annotator: "kim")
        #expect(ledger.count == 30 && Set(ledger.map(\.annotation)).count == 30 && ledger.allSatisfy { $0.points == 10 })
        #expect(try annotations.allSatisfy { try store.reviews(of: $0.id).count == 2 })
        #expect(try store.progress(in: project, for: "kim").points == 300)
    }

    @Test(arguments: StoreFactory.all)
    func concurrentAnnotatorsNeverOverAssign(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 3))
        try importItems(store, project, count: 40)
        let saved = Counter()
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let annotator = "worker-\(index)"
            do {
                while let claim = try store.claimNextItem(in: project, for: annotator) {
                    _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: annotator, payload: ["labels": ["중립"]]))
                    saved.add(1)
                }
            } catch {
                failures.add(1)
            }
        }
        #expect(failures.value == 0)
        #expect(saved.value == 120)
        let statistics = try store.statistics(for: project)
        #expect(statistics.annotations == 120 && statistics.completeItems == 40 && statistics.shortItems == 0)
        var perItem: [String: Set<String>] = [:]
        try store.forEachCurrentAnnotation(in: project) { perItem[$0.item, default: []].insert($0.annotator) }
        #expect(perItem.count == 40 && perItem.values.allSatisfy { $0.count == 3 })
    }

    @Test(arguments: StoreFactory.all)
    func claimsExpireAfterTheProjectTimeoutAndCanBeReleasedByTheLead(factory: StoreFactory) throws {
        let clock = TestClock()
        let store = try factory.make(clock.function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 3)
        #expect(try store.claimTimeout(of: project) == 1800)
        try store.setClaimTimeout(600, of: project)
        #expect(throws: StoreError.self) { try store.setClaimTimeout(0, of: project) }
        _ = try store.claimNextItem(in: project, for: "kim")
        _ = try store.claimNextItem(in: project, for: "lee")
        #expect(try store.statistics(for: project).claimsHeld == ["kim": 1, "lee": 1])
        #expect(try store.releaseClaims(in: project, annotator: "lee") == 1)
        #expect(try store.statistics(for: project).claimsHeld == ["kim": 1])
        clock.advance(601)
        #expect(try store.statistics(for: project).claimsHeld.isEmpty)
        // kim's slot went back: park takes i1. kim's late answer is refused, since park holds the slot.
        #expect(try store.claimNextItem(in: project, for: "park")?.item.id == "i1")
        #expect(throws: StoreError.self) {
            try store.submit(Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]]))
        }
        // A late answer to an item nobody took meanwhile is kept.
        _ = try store.claimNextItem(in: project, for: "choi")
        clock.advance(601)
        _ = try store.releaseClaims(in: project, annotator: nil)
        _ = try store.submit(Submission(project: project, item: "i2", annotator: "choi", payload: ["labels": ["부정"]]))
        #expect(try store.currentAnnotations(of: "i2", in: project).map(\.annotator) == ["choi"])
        _ = try store.claimNextItem(in: project, for: "kim")
        _ = try store.claimNextItem(in: project, for: "lee")
        #expect(try store.releaseClaims(in: project, annotator: nil) == 2)
        #expect(try store.statistics(for: project).claimsHeld.isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func importedAnnotationsTakeTheirSlots(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            try consume(ImportRecord(item: Item(id: "done", text: "이미 라벨이 있는 문장"), annotations: [
                ImportedAnnotation(annotator: "kim", payload: ["labels": ["긍정"]], submittedAt: "2026-01-01T00:00:00Z", seconds: 3),
            ]))
            try consume(ImportRecord(item: Item(id: "open", text: "아직 라벨이 없는 문장")))
        }
        #expect(try store.claimNextItem(in: project, for: "lee")?.item.id == "open")
        #expect(try store.claimNextItem(in: project, for: "park") == nil)
    }
}

/// A thread-safe counter for the concurrency tests.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ amount: Int) { lock.withLock { count += amount } }
    var value: Int { lock.withLock { count } }
}
