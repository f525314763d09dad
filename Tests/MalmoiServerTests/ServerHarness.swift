import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import MalmoiCore
import MalmoiLabel
import MalmoiServer
import MalmoiStore
import Testing

/// A team server started in-process on a free loopback port over a store, stopped with ``stop()``.
final class ServerHarness: @unchecked Sendable {
    let server: TeamServer
    let port: Int
    private let task: Task<Void, any Error>
    /// This server's own client session: no kept-alive connection outlives the server into another test, and a
    /// request waits up to 5 minutes (a loaded CI machine), not URLSession's default minute.
    private let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 300
        configuration.timeoutIntervalForResource = 300
        return URLSession(configuration: configuration)
    }()

    /// Starts a server and waits until it listens.
    init(store: any AnnotationStore, people: any PeopleStore, trustedProxies: Set<String> = [],
         throttle: SignInThrottle = SignInThrottle()) async throws {
        let server = TeamServer(store: store, people: people, modules: { project in
            guard project.kind == LabelTask.kind else { throw TaskError(.unknownKind, "only label projects in these tests") }
            return try LabelTask(configuration: project.taskConfig)
        }, threads: 8, maximumBodyBytes: 64 * 1024, trustedProxies: trustedProxies, throttle: throttle)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = server.makeApplication(host: "127.0.0.1", port: 0) { port in continuation.yield(port) }
        self.server = server
        self.task = Task { try await application.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)" }

    func stop() {
        task.cancel()
        session.finishTasksAndInvalidate()
    }

    /// Stops the server and waits until it has let go of its store (a PostgreSQL store must not be released
    /// on an event loop).
    func stopAndWait() async {
        task.cancel()
        _ = await task.result
        session.finishTasksAndInvalidate()
    }

    /// Sends one request and returns the status and the parsed JSON body.
    func call(_ method: String, _ path: String, token: String?, body: String? = nil,
              headers: [String: String] = [:]) async throws -> (status: Int, json: JSONValue?) {
        try await callWithHeaders(method, path, token: token, body: body, headers: headers).result
    }

    /// Sends one request and returns the status, the parsed JSON body and the response's headers.
    func callWithHeaders(_ method: String, _ path: String, token: String?, body: String? = nil,
                         headers: [String: String] = [:]) async throws -> (result: (status: Int, json: JSONValue?), headers: [String: String]) {
        var request = URLRequest(url: URL(string: url + path)!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body { request.httpBody = Data(body.utf8); request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: data, as: UTF8.self)
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
        var fields: [String: String] = [:]
        for (name, value) in (response as? HTTPURLResponse)?.allHeaderFields ?? [:] {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return ((status, try? JSONValue.parse(firstLine)), fields)
    }
}

/// A temporary SQLite store with people.
enum TestStore {
    static func makePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("malmoi-server-\(UUID().uuidString).sqlite").path
    }

    /// Adds a person and returns their token.
    static func add(_ name: String, _ role: PersonRole, to store: any AnnotationStore & PeopleStore, projects: [String] = [], qualifications: [String] = []) throws -> String {
        let token = AccessToken.generate()
        let identity = try PersonName.identity(of: name)
        _ = try store.addPerson(Person(name: identity, role: role, qualifications: qualifications, projects: projects), token: token.stored, actor: "test")
        if role != .client { _ = try store.registerAnnotator(identity, qualifications: qualifications) }
        return token.text
    }

    /// A label project with items `rev-001`…
    static func makeProject(_ name: String, in store: any AnnotationStore, items texts: [String], overlap: Int = 1) throws -> Project {
        let project = try store.createProject(Project(name: name, kind: LabelTask.kind,
                                                      taskConfig: ["labels": .array(["긍정", "부정", "중립"].map { .string($0) })],
                                                      overlap: overlap))
        _ = try store.importItems(into: project, options: ImportOptions()) { consume in
            for (index, text) in texts.enumerated() {
                try consume(ImportRecord(item: Item(id: String(format: "rev-%03d", index + 1), text: text)))
            }
        }
        return project
    }

    static let reviews = [
        "배송이 빠르고 포장도 꼼꼼해서 만족합니다.", "포장 상태가 불량해서 상자가 찢어져 왔어요.", "그냥 평범한 제품입니다.",
        "색상이 사진과 달라서 실망했습니다.", "가격 대비 품질이 아주 좋네요.", "설명서가 없어서 조립이 어려웠어요.",
        "재구매 의사 있습니다.", "한 번 쓰고 고장 났습니다.", "보통이에요, 나쁘지 않아요.", "친절한 상담 감사합니다.",
    ]
}

/// Runs the built `malmoi` binary.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let executable: URL = {
        var candidates: [URL] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("malmoi"))
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(repository.appendingPathComponent(".build/debug/malmoi"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// Runs `malmoi ARGS` with `input` on stdin (off the caller's thread, so an in-process server keeps serving).
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = executable
                    process.arguments = arguments
                    var env = ProcessInfo.processInfo.environment
                    env.removeValue(forKey: "MALMOI_SERVER")
                    env.removeValue(forKey: "MALMOI_TOKEN")
                    for (key, value) in environment { env[key] = value }
                    process.environment = env
                    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
                    process.standardInput = stdin
                    process.standardOutput = stdout
                    process.standardError = stderr
                    try process.run()
                    let group = DispatchGroup()
                    nonisolated(unsafe) var out = Data(), err = Data()
                    group.enter(); DispatchQueue.global().async { out = stdout.fileHandleForReading.readDataToEndOfFile(); group.leave() }
                    group.enter(); DispatchQueue.global().async { err = stderr.fileHandleForReading.readDataToEndOfFile(); group.leave() }
                    stdin.fileHandleForWriting.write(Data(input.utf8))
                    try stdin.fileHandleForWriting.close()
                    group.wait()
                    process.waitUntilExit()
                    continuation.resume(returning: Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                                                          stderr: String(decoding: err, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
