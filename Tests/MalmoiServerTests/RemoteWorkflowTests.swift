import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiRemote
import MalmoiServer
import MalmoiStore
import Testing

/// The README's piped flow through `--server` gives the same output as through `--store`, and two servers over
/// one database hand out each slot exactly once.
@Suite struct RemoteWorkflowTests {
    static let kimLabels = [1, 2, 1, 2, 1, 2, 3, 2, 2, 1, 2, 1, 2, 1, 2, 3, 1, 2, 1, 3]
    static let leeLabels = [1, 2, 3, 2, 1, 2, 1, 2, 2, 1, 2, 1, 2, 1, 2, 2, 1, 2, 1, 2]

    /// Timestamps and seconds spent differ between two runs; everything else must not.
    static func comparable(_ text: String) -> String {
        var result = text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, with: "TIME", options: .regularExpression)
        result = result.replacingOccurrences(of: #""(seconds|mean_seconds)":[0-9.e+-]+"#, with: #""$1":0"#, options: .regularExpression)
        return result.replacingOccurrences(of: #"(seconds|mean_seconds)="[0-9.e+-]+""#, with: #"$1="0""#, options: .regularExpression)
    }

    /// Runs the flow; `via` gives the options that pick the store for each person.
    static func flow(via: (String) -> [String]) async throws -> [String] {
        var outputs: [String] = []
        func run(_ arguments: [String], _ who: String, input: String = "") async throws -> CLI.Result {
            let result = try await CLI.run(arguments + via(who), input: input)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        let kim = Self.kimLabels.map(String.init).joined(separator: "\n") + "\n"
        let lee = Self.leeLabels.map(String.init).joined(separator: "\n") + "\n"
        outputs.append(try await run(["annotate", "--project", "reviews", "--annotator", "kim"], "kim", input: kim).stderr)
        outputs.append(try await run(["annotate", "--project", "reviews", "--annotator", "lee"], "lee", input: lee).stderr)
        outputs.append(try await run(["review", "--project", "reviews", "--reviewer", "park", "--list"], "park").stdout)
        var verdicts = Array(repeating: "a", count: 40)
        verdicts[7] = "r wrong-label 라벨이 틀렸습니다"
        outputs.append(try await run(["review", "--project", "reviews", "--reviewer", "park"], "park", input: verdicts.joined(separator: "\n") + "\n").stderr)
        outputs.append(try await run(["stats", "--project", "reviews", "--format", "json"], "acme").stdout)
        outputs.append(try await run(["stats", "--project", "reviews"], "acme").stdout)
        outputs.append(try await run(["export", "--project", "reviews", "--all"], "boss").stdout)
        outputs.append(try await run(["export", "--project", "reviews", "--format", "xml"], "boss").stdout)
        let statement = try await run(["points", "statement", "--from", "2000-01-01", "--to", "2999-12-31"], "park")
        outputs.append(statement.stdout + statement.stderr)
        return outputs.map(comparable)
    }

    static func setUp(_ path: String) async throws {
        let corpus = CLI.repository.appendingPathComponent("Corpora/label/reviews.jsonl").path
        var result = try await CLI.run(["project", "create", "reviews", "--labels", "긍정,부정,중립", "--overlap", "2", "--points", "10",
                                        "--reasons", "wrong-label,careless", "--store", path])
        #expect(result.status == 0, "\(result.stderr)")
        result = try await CLI.run(["import", "--project", "reviews", corpus, "--store", path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func theFlowThroughTheServerPrintsWhatItPrintsOnTheStore() async throws {
        let local = TestStore.makePath()
        try await Self.setUp(local)
        let expected = try await Self.flow { _ in ["--store", local] }

        let remote = TestStore.makePath()
        try await Self.setUp(remote)
        var tokens: [String: String] = [:]
        for (name, role) in [("kim", "annotator"), ("lee", "annotator"), ("park", "reviewer"), ("acme", "client"), ("boss", "admin")] {
            let result = try await CLI.run(["user", "add", name, "--role", role, "--project", "reviews", "--store", remote])
            #expect(result.status == 0, "\(result.stderr)")
            tokens[name] = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let store = try SQLiteStore(path: remote)
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        let actual = try await Self.flow { who in ["--server", harness.url, "--token", tokens[who] ?? ""] }
        #expect(actual.count == expected.count)
        for (index, (got, want)) in zip(actual, expected).enumerated() {
            #expect(got == want, "output \(index) differs")
        }
        #expect(expected[4].contains("\"accepted\":39"))
        #expect(expected[8] == "annotator,project,entries,credits,reversals,points\nkim,reviews,19,190,0,190\nlee,reviews,20,200,0,200\n"
                + "ledger total 390 = 0 before 2000-01-01 + 390 from 2000-01-01 to 2999-12-31 + 0 after\n")
        // The verdicts are in the audit trail, under the reviewer's name.
        let reviews = try store.auditTrail().filter { $0.action == "review" }
        #expect(reviews.count == 40 && reviews.allSatisfy { $0.actor == "park" })
        // The client's export names nobody: one stable pseudonym per person.
        let clientExport = try await CLI.run(["export", "--project", "reviews", "--all", "--server", harness.url, "--token", tokens["acme"]!])
        #expect(clientExport.status == 0 && !clientExport.stdout.contains("\"kim\"") && !clientExport.stdout.contains("\"park\""))
        let pseudonyms = Set(clientExport.stdout.matches(of: /"p-[0-9a-f]{12}"/).map { String($0.output) })
        #expect(pseudonyms.count == 3, "\(pseudonyms)")   // kim, lee and the reviewer park
        // A client of the project cannot annotate; a bad token exits 1 with the server's reason.
        let refused = try await CLI.run(["annotate", "--project", "reviews", "--annotator", "acme", "--server", harness.url, "--token", tokens["acme"]!], input: "1\n")
        #expect(refused.status == 1 && refused.stderr.contains("403"), "\(refused.stderr)")
        let bad = try await CLI.run(["stats", "--project", "reviews", "--server", harness.url, "--token", "0123456789abcdef.x"])
        #expect(bad.status == 1 && bad.stderr.contains("refused the token"), "\(bad.stderr)")
    }

    @Test func loginSavesTheTokenPrivatelyAndServerCommandsUseIt() async throws {
        let path = TestStore.makePath()
        try await Self.setUp(path)
        let added = try await CLI.run(["user", "add", "Kim", "--role", "annotator", "--store", path])
        let token = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let store = try SQLiteStore(path: path)
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-config-\(UUID().uuidString)").path
        let login = try await CLI.run(["login", harness.url], input: token + "\n", environment: ["XDG_CONFIG_HOME": config])
        #expect(login.status == 0, "\(login.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: config + "/malmoi/credentials")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let annotate = try await CLI.run(["annotate", "--project", "reviews", "--annotator", "kim"], input: "1\n2\n",
                                         environment: ["XDG_CONFIG_HOME": config, "MALMOI_SERVER": harness.url])
        #expect(annotate.status == 0 && annotate.stderr.contains("kim: saved 2"), "\(annotate.stderr)")
        let list = try await CLI.run(["user", "list", "--store", path])
        #expect(list.stdout == "kim\tannotator\t\t\tactive\n")
    }

    @Test func twoServersOverOneSQLiteFileGiveEachSlotExactlyOnce() async throws {
        let path = TestStore.makePath()
        try await Self.twoServers(try SQLiteStore(path: path), try SQLiteStore(path: path))
    }

    @Test func twoServersOverOnePostgreSQLDatabaseGiveEachSlotExactlyOnce() async throws {
        let location = try PostgresCluster.requireLocation()
        try await Self.twoServers(try PostgresStore(location, connections: 8), try PostgresStore(location, connections: 8))
    }

    /// Six annotators, three through each server, claim and submit until nothing is left (10 items, overlap 2).
    static func twoServers(_ first: any AnnotationStore & PeopleStore, _ second: any AnnotationStore & PeopleStore) async throws {
        let project = try TestStore.makeProject("reviews", in: first, items: TestStore.reviews, overlap: 2)
        let names = (1...6).map { "annotator\($0)" }
        var tokens: [String] = []
        for name in names { tokens.append(try TestStore.add(name, .annotator, to: first)) }
        let a = try await ServerHarness(store: first, people: first)
        let b = try await ServerHarness(store: second, people: second)
        let urls = [a.url, b.url]
        let tokenList = tokens
        let saved: Int = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let counts = Lock()
                nonisolated(unsafe) var total = 0
                nonisolated(unsafe) var failure: (any Error)?
                DispatchQueue.concurrentPerform(iterations: names.count) { index in
                    do {
                        let remote = try RemoteStore(server: urls[index % 2], token: tokenList[index])
                        let target = try remote.project(named: "reviews")
                        while let claim = try remote.claimNextItem(in: target, for: names[index]) {
                            _ = try remote.submit(Submission(project: target, item: claim.item.id, annotator: names[index],
                                                             payload: ["labels": .array([.string("중립")])]))
                            counts.withLock { total += 1 }
                        }
                    } catch { counts.withLock { failure = error } }
                }
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume(returning: total) }
            }
        }
        await a.stopAndWait()
        await b.stopAndWait()
        #expect(saved == 20)
        let statistics = try first.statistics(for: project)
        #expect(statistics.annotations == 20 && statistics.completeItems == 10 && statistics.shortItems == 0)
        for item in TestStore.reviews.indices.map({ String(format: "rev-%03d", $0 + 1) }) {
            let annotators = try first.currentAnnotations(of: item, in: project).map(\.annotator)
            #expect(annotators.count == 2 && Set(annotators).count == 2, "\(item): \(annotators)")
        }
        withExtendedLifetime((a, b, second)) {}
    }
}
