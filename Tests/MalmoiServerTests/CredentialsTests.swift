import Foundation
import MalmoiCore
import MalmoiRemote
import MalmoiStore
import Testing

/// Where a token is kept and where it may travel.
@Suite struct CredentialsTests {
    @Test func loginReplacesTheCredentialsFileWholeWithMode0600AndNeverThroughALink() async throws {
        let store = try SQLiteStore(path: TestStore.makePath())
        let kim = try TestStore.add("kim", .annotator, to: store)
        let harness = try await ServerHarness(store: store, people: store)
        defer { harness.stop() }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-config-\(UUID().uuidString)").path
        let file = config + "/malmoi/credentials"
        try FileManager.default.createDirectory(atPath: config + "/malmoi", withIntermediateDirectories: true)
        // A readable file left by someone else: its other line is kept, the file ends up 0600.
        try "https://other.example\tother.token\n".write(toFile: file, atomically: false, encoding: .utf8)
        chmod(file, 0o644)
        let login = try await CLI.run(["login", harness.url], input: kim + "\n", environment: ["XDG_CONFIG_HOME": config])
        #expect(login.status == 0, "\(login.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "https://other.example\tother.token\n\(harness.url)\t\(kim)\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: config + "/malmoi")
        #expect(leftovers == ["credentials"])

        // A symbolic link planted as the credentials file is refused; its target is untouched.
        let target = config + "/elsewhere"
        try "untouched\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: target)
        let refused = try await CLI.run(["login", harness.url], input: kim + "\n", environment: ["XDG_CONFIG_HOME": config])
        #expect(refused.status == 1 && refused.stderr.contains("not a regular file"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "untouched\n")
    }

    @Test func plainHTTPIsRefusedExceptToThisMachineOrWhenAllowed() async throws {
        #expect(throws: RemoteError.self) { try RemoteStore(server: "http://labels.example.com", token: "t") }
        #expect(throws: RemoteError.self) { try RemoteStore(server: "http://10.0.0.5:8080", token: "t") }
        _ = try RemoteStore(server: "http://labels.example.com", token: "t", allowInsecureHTTP: true)
        _ = try RemoteStore(server: "https://labels.example.com", token: "t")
        for local in ["http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"] {
            _ = try RemoteStore(server: local, token: "t")
        }
        let refused = try await CLI.run(["stats", "--project", "reviews", "--server", "http://192.0.2.1:9", "--token", "a.b"])
        #expect(refused.status != 0 && refused.stderr.contains("in clear"), "\(refused.stderr)")
    }
}
