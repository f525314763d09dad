import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiServer
import MalmoiStore
import Testing

/// `malmoi project export-names`: an admin turns real names in clients' exports on and off, on the store itself or
/// over `--server`, audited either way; nobody else may.
@Suite struct ExportNamesCLITests {
    /// The `--store` argument that opens `store` (a SQLite path or a postgresql:// URL).
    static func storeArgument(_ store: any AnnotationStore) -> String? {
        if let sqlite = store as? SQLiteStore { return sqlite.path }
        guard let postgres = store as? PostgresStore else { return nil }
        let at = postgres.location
        return "postgresql://\(at.user)@\(at.host):\(at.port)/\(at.database)?sslmode=disable"
    }

    @Test(arguments: ParallelThrottleTests.Kind.allCases)
    func anAdminTurnsRealNamesOnAndOffLocallyAndOverTheServer(kind: ParallelThrottleTests.Kind) async throws {
        let store = try kind.make()
        let location = try #require(Self.storeArgument(store))
        _ = try TestStore.makeProject("reviews", in: store, items: Array(TestStore.reviews.prefix(2)))
        let boss = try TestStore.add("boss", .admin, to: store)
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)

        // On the store itself.
        var result = try await CLI.run(["project", "export-names", "--project", "reviews", "on", "--store", location])
        #expect(result.status == 0 && result.stdout == "reviews\treal names in exports: on\n", "\(result)")
        #expect(try store.realNamesInExports(of: "reviews"))
        result = try await CLI.run(["project", "export-names", "--project", "reviews", "--store", location])
        #expect(result.stdout == "reviews\treal names in exports: on\n")
        result = try await CLI.run(["project", "export-names", "--project", "nope", "on", "--store", location])
        #expect(result.status != 0 && result.stderr.contains("nope"))
        #expect(try !store.realNamesInExports(of: "nope"))

        // Over the server, as the admin; an annotator is refused and changes nothing.
        result = try await CLI.run(["project", "export-names", "--project", "reviews", "off", "--server", harness.url, "--token", boss])
        #expect(result.status == 0 && result.stdout == "reviews\treal names in exports: off\n", "\(result)")
        #expect(try !store.realNamesInExports(of: "reviews"))
        result = try await CLI.run(["project", "export-names", "--project", "reviews", "on", "--server", harness.url, "--token", kim])
        #expect(result.status != 0 && result.stderr.contains("may not"), "\(result)")
        #expect(try !store.realNamesInExports(of: "reviews"))
        result = try await CLI.run(["project", "export-names", "--project", "reviews", "maybe", "--store", location])
        #expect(result.status != 0 && result.stderr.contains("maybe"))

        // Setting what is set already (as a retried request does) changes and records nothing.
        result = try await CLI.run(["project", "export-names", "--project", "reviews", "off", "--server", harness.url, "--token", boss])
        #expect(result.status == 0 && result.stdout == "reviews\treal names in exports: off\n", "\(result)")
        #expect(try await harness.call("PUT", "/api/v1/projects/reviews/export-names", token: boss, body: #"{"real_names": false}"#).status == 200)
        try store.setRealNamesInExports(false, of: "reviews", actor: "cli")

        let audit = try store.auditTrail().filter { $0.action == "project.export-names" }
        #expect(audit.map(\.actor) == ["cli", "boss"], "\(audit)")
        #expect(audit.map(\.subject) == ["reviews", "reviews"])
        #expect(try !store.realNamesInExports(of: "reviews"))
        await harness.stopAndWait()
    }
}
