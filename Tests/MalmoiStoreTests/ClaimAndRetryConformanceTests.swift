import Foundation
import MalmoiCore
import MalmoiStore
import Testing

/// The team server's safety rules, kept by every store: an answer without a live claim is kept only for the same
/// annotator's expired claim; retries are recognised by the client-made submission id, not by content; a verdict's
/// audit row is written with it.
@Suite struct ClaimAndRetryConformanceTests {
    @Test(arguments: StoreFactory.all)
    func anAnswerWithoutAClaimIsRefusedAlikeForGoldAndOtherItems(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 2))
        try importItems(store, project, count: 2, gold: ["i2": ["labels": ["긍정"]]])
        var messages: [String] = []
        for item in ["i1", "i2"] {
            do {
                _ = try store.submit(Submission(project: project, item: item, annotator: "kim", payload: ["labels": ["긍정"]]))
                Issue.record("\(item) was accepted without a claim")
            } catch let error as StoreError {
                #expect(error.code == .conflict)
                messages.append(error.message.replacingOccurrences(of: item, with: "ITEM"))
            }
        }
        #expect(messages.count == 2 && messages[0] == messages[1])
        #expect(try store.currentAnnotations(of: "i1", in: project).isEmpty)
        #expect(try store.currentAnnotations(of: "i2", in: project).isEmpty)
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i1")
    }

    @Test(arguments: StoreFactory.all)
    func anExpiredClaimKeepsTheAnswerWhileASlotIsOpen(factory: StoreFactory) throws {
        let clock = TestClock()
        let store = try factory.make(clock.function)
        let open = try store.createProject(labelProject("open", overlap: 2))
        let full = try store.createProject(labelProject("full", overlap: 1))
        try importItems(store, open, count: 1)
        try importItems(store, full, count: 1)
        _ = try store.claimNextItem(in: open, for: "kim")
        _ = try store.claimNextItem(in: full, for: "kim")
        clock.advance(2 * 86_400)
        // Lee's claims expire Kim's: in "open" one slot is left, in "full" Lee takes the only one.
        #expect(try store.claimNextItem(in: open, for: "lee")?.item.id == "i1")
        #expect(try store.claimNextItem(in: full, for: "lee")?.item.id == "i1")
        let kept = try store.submit(Submission(project: open, item: "i1", annotator: "kim", payload: ["labels": ["부정"]]))
        #expect(kept.annotator == "kim")
        #expect(throws: StoreError.self) {
            try store.submit(Submission(project: full, item: "i1", annotator: "kim", payload: ["labels": ["부정"]]))
        }
        // Park never claimed anything: refused although a slot... is not open any more, and neither elsewhere.
        #expect(throws: StoreError.self) {
            try store.submit(Submission(project: open, item: "i1", annotator: "park", payload: ["labels": ["부정"]]))
        }
        _ = try store.submit(Submission(project: open, item: "i1", annotator: "lee", payload: ["labels": ["긍정"]]))
        #expect(try store.currentAnnotations(of: "i1", in: open).map(\.annotator) == ["kim", "lee"])
        #expect(try store.currentAnnotations(of: "i1", in: full).isEmpty)
    }

    @Test(arguments: StoreFactory.all)
    func retriesAreRecognisedByTheSubmissionIDNotByContent(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1, points: 10))
        try importItems(store, project, count: 2)
        _ = try store.claimNextItem(in: project, for: "kim")
        let answer = Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]], submissionID: "s-1")
        let first = try store.submit(answer)
        let retry = try store.submit(answer)
        #expect(retry.id == first.id && retry.payload == first.payload)
        var again = answer
        again.submissionID = "s-2"
        #expect(throws: StoreError.self) { try store.submit(again) }   // a second answer, not a retry
        var elsewhere = answer
        elsewhere.item = "i2"
        #expect(throws: StoreError.self) { try store.submit(elsewhere) }   // the id belongs to another answer
        #expect(try store.currentAnnotations(of: "i1", in: project).count == 1)
        #expect(try store.progress(in: project, for: "kim").done == 1)

        let verdict = ReviewSubmission(project: project, annotation: first.id, reviewer: "park", verdict: .accepted, submissionID: "v-1")
        let accepted = try store.recordReview(verdict)
        let retried = try store.recordReview(verdict)
        #expect(retried.review.id == accepted.review.id && retried.ledgerEntries == accepted.ledgerEntries)
        #expect(accepted.ledgerEntries.map(\.points) == [10])
        var deliberate = verdict
        deliberate.submissionID = "v-2"
        let second = try store.recordReview(deliberate)
        #expect(second.review.id != accepted.review.id && second.ledgerEntries.isEmpty)
        #expect(try store.reviews(of: first.id).count == 2)
        #expect(try store.ledger(in: project, annotator: "kim").map(\.points) == [10])
        // Each verdict has its audit row, written in the verdict's transaction; the retry added none.
        let people = try #require(store as? any PeopleStore)
        let audited = try people.auditTrail().filter { $0.action == "review" }
        #expect(audited.count == 2 && audited.allSatisfy { $0.actor == "park" && $0.subject == "reviews/\(first.id)" })
    }

    /// Tries of one answer and of one verdict sent at once (a client that retried before the first response):
    /// every try gets the one stored row, and points are credited once.
    @Test(arguments: StoreFactory.all)
    func triesSentAtOnceGetTheOneStoredRow(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try store.createProject(labelProject(overlap: 1, points: 10))
        try importItems(store, project, count: 1)
        _ = try store.claimNextItem(in: project, for: "kim")
        let answer = Submission(project: project, item: "i1", annotator: "kim", payload: ["labels": ["긍정"]], submissionID: "s-1")
        let tries = 8
        let answers = Results<Int64>(count: tries)
        DispatchQueue.concurrentPerform(iterations: tries) { index in answers.set(index, Result { try store.submit(answer).id }) }
        let ids = try answers.all()
        #expect(Set(ids).count == 1, "\(ids)")
        let verdict = ReviewSubmission(project: project, annotation: ids[0], reviewer: "park", verdict: .accepted, submissionID: "v-1")
        let verdicts = Results<Int64>(count: tries)
        DispatchQueue.concurrentPerform(iterations: tries) { index in verdicts.set(index, Result { try store.recordReview(verdict).review.id }) }
        #expect(Set(try verdicts.all()).count == 1)
        #expect(try store.reviews(of: ids[0]).count == 1)
        #expect(try store.ledger(in: project, annotator: "kim").map(\.points) == [10])
    }
}

/// Results gathered from concurrent threads.
private final class Results<Value: Sendable>: @unchecked Sendable {
    private var values: [Result<Value, any Error>?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<Value, any Error>) { lock.withLock { values[index] = value } }

    /// Every value, or the first error.
    func all() throws -> [Value] { try lock.withLock { values }.map { try #require($0).get() } }
}

