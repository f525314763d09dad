import Foundation
import MalmoiCore
@testable import MalmoiStore
import Testing

/// An item whose claim lapsed (released, or expired) comes back to the same annotator first, gold or not, so that
/// releasing and claiming again tells nothing about which items are gold; and one annotator's claims at once resume
/// one claim instead of failing.
@Suite struct LapsedClaimFirstTests {
    @Test(arguments: StoreFactory.all)
    func aReleasedOrExpiredItemComesBackFirstWhileItsSlotIsOpen(factory: StoreFactory) throws {
        let clock = TestClock()
        let store = try factory.make(clock.function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 3)
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i1")
        try store.releaseClaims(in: project, for: "kim")
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i1")
        clock.advance(2 * 86_400)
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i1", "an expired claim comes back too")
        // Once someone else took the slot, it does not.
        try store.releaseClaims(in: project, for: "kim")
        #expect(try store.claimNextItem(in: project, for: "lee")?.item.id == "i1")
        #expect(try store.claimNextItem(in: project, for: "kim")?.item.id == "i2")
    }

    @Test(arguments: StoreFactory.all)
    func releasingAndClaimingAgainTellsNothingAboutGold(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try GoldDrawTests.project(store, rate: 0.5, ordinary: 30, gold: 30)
        var gold = 0
        for _ in 0..<40 {
            let claim = try #require(try store.claimNextItem(in: project, for: "kim"))
            try store.releaseClaims(in: project, for: "kim")
            let again = try #require(try store.claimNextItem(in: project, for: "kim"))
            #expect(again.item.id == claim.item.id, "\(claim.item.id) released, then \(again.item.id) served")
            #expect(again.isGold == claim.isGold)
            if again.isGold { gold += 1 }
            _ = try store.submit(Submission(project: project, item: again.item.id, annotator: "kim", payload: ["labels": ["긍정"]],
                                            goldScore: again.isGold ? 1 : nil))
        }
        #expect(gold > 0 && gold < 40, "\(gold) gold of 40 at rate 0.5")
    }

    @Test(arguments: StoreFactory.all)
    func oneAnnotatorsClaimsAtOnceAllGetTheOneClaim(factory: StoreFactory) throws {
        let store = try factory.make(TestClock().function)
        let project = try GoldDrawTests.project(store, rate: 1, ordinary: 5, gold: 5)
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do { results.add(.success(try store.claimNextItem(in: project, for: "kim")?.item.id ?? "none")) } catch { results.add(.failure(error)) }
        }
        let ids = try results.all.map { try $0.get() }
        #expect(ids.count == 8)
        #expect(Set(ids).count == 1, "claims at once by one annotator: \(ids)")
        #expect(try store.statistics(for: project).claimsHeld == ["kim": 1])
    }
}

/// Results gathered from threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<String, any Error>] = []
    func add(_ result: Result<String, any Error>) { lock.withLock { results.append(result) } }
    var all: [Result<String, any Error>] { lock.withLock { results } }
}
