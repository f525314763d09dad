import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore
import Testing

/// The team server's awaited calls on PostgreSQL (``AwaitingServerCalls``): each answers exactly as its synchronous
/// namesake, refusals included, and tasks awaiting connections share the pool with blocked threads, first come
/// first served, with every claim and answer exactly once.
@Suite struct PostgresAwaitingCallsTests {
    @Test func eachCallAnswersAsItsSynchronousNamesake() async throws {
        let clock = TestClock()
        let store = try PostgresStore(try PostgresCluster.requireLocation(), connections: 2, clock: clock.function)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 3, gold: ["i3": ["labels": ["부정"]]])

        // Sign-in.
        let token = StoredToken(selector: "0123456789abcdef", secretHash: Array(repeating: 7, count: 32))
        _ = try store.addPerson(Person(name: "kim", role: .annotator, projects: ["reviews"]), token: token, actor: "test")
        let awaited = try #require(try await store.awaitPerson(tokenSelector: token.selector))
        let blocked = try #require(try store.person(tokenSelector: token.selector))
        #expect(awaited.person == blocked.person && awaited.secretHash == blocked.secretHash && awaited.secretHash == token.secretHash)
        #expect(try await store.awaitPerson(tokenSelector: "fedcba9876543210") == nil)

        // The item read for validation, gold or not, and an unknown key.
        for key in ["i1", "i3"] {
            let awaitedItem = try #require(try await store.awaitItemAndGold(key, in: project))
            let blockedItem = try #require(try store.itemAndGold(key, in: project))
            #expect(awaitedItem.item == blockedItem.item && awaitedItem.gold == blockedItem.gold)
        }
        #expect(try await store.awaitItemAndGold("i3", in: project)?.gold == ["labels": ["부정"]])
        #expect(try await store.awaitItemAndGold("nope", in: project) == nil)

        // Sign-in and item in one read: the same person and hash, the same item and gold, or no item.
        for key in ["i1", "i3", "nope"] {
            let both = try #require(try await store.awaitPerson(tokenSelector: token.selector, reading: key, in: project))
            #expect(both.person == blocked.person && both.secretHash == blocked.secretHash)
            let item = try both.item()
            let alone = try store.itemAndGold(key, in: project)
            #expect(item?.item == alone?.item && item?.gold == alone?.gold && (item == nil) == (alone == nil), "\(key)")
        }
        #expect(try await store.awaitPerson(tokenSelector: "fedcba9876543210", reading: "i1", in: project) == nil)

        // A claim, resumed by the synchronous call, and the other way round.
        let first = try #require(try await store.awaitClaim(in: project, for: "kim"))
        #expect(!first.isResumed)
        let resumed = try #require(try store.claimNextItem(in: project, for: "kim"))
        #expect(resumed.item == first.item && resumed.isResumed)
        let again = try #require(try await store.awaitClaim(in: project, for: "kim"))
        #expect(again.item == first.item && again.isResumed)
        await #expect(throws: StoreError.self) { try await store.awaitClaim(in: project, for: "") }

        // A first answer, its retry (the stored row), a second answer and a reused id (refused), an unknown item.
        let answer = Submission(project: project, item: first.item.id, annotator: "kim", payload: ["labels": ["긍정"]],
                                seconds: 3, submissionID: "s-1")
        let saved = try await store.awaitSubmit(answer)
        #expect(saved.annotator == "kim" && saved.payload == answer.payload && saved.seconds == 3)
        let retried = try await store.awaitSubmit(answer)
        #expect(retried.id == saved.id && retried.payload == saved.payload)
        var second = answer
        second.submissionID = "s-2"
        let secondError = await #expect(throws: StoreError.self) { try await store.awaitSubmit(second) }
        #expect(secondError?.code == .conflict)
        var reused = answer
        reused.item = "i2"
        #expect(await #expect(throws: StoreError.self) { try await store.awaitSubmit(reused) }?.code == .conflict)
        var unknown = answer
        unknown.item = "nope"
        unknown.submissionID = "s-3"
        #expect(await #expect(throws: StoreError.self) { try await store.awaitSubmit(unknown) }?.code == .notFound)

        // An answer without a claim: refused with the synchronous call's message, and nothing stored.
        let unclaimed = Submission(project: project, item: "i2", annotator: "lee", payload: ["labels": ["긍정"]])
        let awaitedRefusal = await #expect(throws: StoreError.self) { try await store.awaitSubmit(unclaimed) }
        let blockedRefusal = #expect(throws: StoreError.self) { try store.submit(unclaimed) }
        #expect(awaitedRefusal?.code == .conflict && awaitedRefusal?.message == blockedRefusal?.message)
        #expect(try store.currentAnnotations(of: first.item.id, in: project).map(\.id) == [saved.id])
        #expect(try store.currentAnnotations(of: "i2", in: project).isEmpty)
        #expect(try store.progress(in: project, for: "kim").done == 1)
    }

    /// 48 tasks and 4 threads (each its own annotator, a thread at most 60 items) claim and answer 300 items of
    /// overlap 1 through a pool of 2 connections, so both kinds keep waiting for each other: every item is
    /// answered exactly once, nobody's answer is refused, and the pool never opens more than 2.
    @Test func tasksAndThreadsShareThePoolExactlyOnce() async throws {
        let store = try PostgresStore(try PostgresCluster.requireLocation(), connections: 2)
        let project = try store.createProject(labelProject(overlap: 1))
        try importItems(store, project, count: 300)
        let counts = Counts()

        // The threads block in synchronous calls, so they run on threads of their own, never on the test
        // runner's cooperative pool, which the tasks need. They start once the first task has its first item (the
        // runner's pool may be busy with other tests), so that both kinds wait for connections together.
        let threads = DispatchGroup()
        let tasksStarted = DispatchSemaphore(value: 0)
        for index in 0..<4 {
            threads.enter()
            Thread {
                defer { threads.leave() }
                _ = tasksStarted.wait(timeout: .now() + 300)
                do {
                    // At most 60 each, so that the tasks, however late the runner lets them start, answer the rest.
                    var answered = 0
                    while answered < 60, let claim = try store.claimNextItem(in: project, for: "thread\(index)") {
                        answered += 1
                        _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: "thread\(index)",
                                                        payload: ["labels": ["중립"]]))
                        counts.add(thread: 1)
                    }
                } catch {
                    counts.fail("thread\(index): \(error)")
                }
            }.start()
        }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<48 {
                group.addTask {
                    var answered = 0
                    while let claim = try await store.awaitClaim(in: project, for: "task\(index)") {
                        if index == 0 && answered == 0 { for _ in 0..<4 { tasksStarted.signal() } }
                        _ = try await store.awaitSubmit(Submission(project: project, item: claim.item.id, annotator: "task\(index)",
                                                                   payload: ["labels": ["긍정"]], submissionID: "task\(index)-\(answered)"))
                        answered += 1
                    }
                    return answered
                }
            }
            for try await answered in group { counts.add(task: answered) }
        }
        await withCheckedContinuation { continuation in threads.notify(queue: .global()) { continuation.resume() } }

        #expect(counts.failures.isEmpty, "\(counts.failures)")
        #expect(counts.byTasks + counts.byThreads == 300)
        #expect(counts.byTasks >= 60 && counts.byThreads > 0, "tasks \(counts.byTasks), threads \(counts.byThreads)")
        let statistics = try store.statistics(for: project)
        #expect(statistics.annotations == 300 && statistics.totalClaimsHeld == 0)
        for index in [1, 150, 300] {
            #expect(try store.currentAnnotations(of: "i\(index)", in: project).count == 1)
        }
        #expect(store.openConnections <= 2)
    }
}

/// Answers counted from tasks and threads.
private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks = 0, threads = 0, errors: [String] = []
    func add(task count: Int) { lock.withLock { tasks += count } }
    func add(thread count: Int) { lock.withLock { threads += count } }
    func fail(_ message: String) { lock.withLock { errors.append(message) } }
    var byTasks: Int { lock.withLock { tasks } }
    var byThreads: Int { lock.withLock { threads } }
    var failures: [String] { lock.withLock { errors } }
}
