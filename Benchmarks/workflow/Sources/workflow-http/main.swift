// The load benchmark's server mode (issue 11): N virtual annotators, each a think-free claim → submit loop
// over HTTP, spread over one or more `malmoi serve` processes in front of one store.
//
//   workflow-http setup --store S --items N --overlap K --annotators A --tokens FILE
//       creates the project `load` (label task, N items) and A annotators with tokens (FILE: one token a line)
//   workflow-http run --servers URL[,URL…] --tokens FILE --seconds T [--connections C]
//       runs the annotators (annotator i talks to server i mod the number of servers) for T seconds; prints
//       submissions/s and p50/p95/p99 of claim and of submit in ms, and the acknowledged submission count
//   workflow-http check --store S --acknowledged N --overlap K
//       checks exactly-once: no item over its overlap, no annotator twice on an item, every acknowledged
//       submission stored once and nothing stored that was not acknowledged
//
// The HTTP client is Foundation's URLSession (libcurl on Linux): one shared session, HTTP/1.1 keep-alive,
// at most C pooled connections per server (default 64), so 1,000 annotators share C connections per server
// as they would share a reverse proxy's upstream pool. Every submission carries a client-made submission id.
// Benchmarks/workflow/http.sh runs it against two servers over PostgreSQL and over SQLite.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MalmoiCore
import MalmoiPostgres
import MalmoiServer
import MalmoiStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("workflow-http: \(message)\n".utf8))
    exit(2)
}

let (mode, options): (String, [String: String]) = {
    var arguments = CommandLine.arguments.dropFirst()
    guard let mode = arguments.popFirst() else { fail("usage: workflow-http setup|run|check …") }
    var options: [String: String] = [:]
    while let name = arguments.popFirst() {
        guard name.hasPrefix("--"), let value = arguments.popFirst() else { fail("expected --NAME VALUE, got \(name)") }
        options[String(name.dropFirst(2))] = value
    }
    return (mode, options)
}()
func option(_ name: String, _ fallback: String? = nil) -> String {
    guard let value = options[name] ?? fallback else { fail("--\(name) is required") }
    return value
}
func number(_ name: String, _ fallback: Int) -> Int {
    guard let value = Int(option(name, String(fallback))), value > 0 else { fail("--\(name) must be a positive integer") }
    return value
}

func openStore(_ location: String) throws -> any AnnotationStore & PeopleStore {
    let opened = try StoreLocation(parsing: location).open(connections: 8)
    guard let both = opened as? any AnnotationStore & PeopleStore else { fail("\(location) cannot hold people") }
    return both
}

/// Sorted-sample percentile in milliseconds.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] * 1000
}

switch mode {
case "setup":
    let store = try openStore(option("store"))
    let items = number("items", 1_000), overlap = number("overlap", 3), annotators = number("annotators", 1_000)
    let project = try store.createProject(Project(name: "load", kind: "label",
                                                  taskConfig: ["labels": .array(["긍정", "부정", "중립"].map { .string($0) })],
                                                  overlap: overlap))
    let texts = ["배송이 빠르고 포장도 꼼꼼해서 만족합니다.", "색상이 사진과 달라서 실망했습니다.", "그냥 평범한 제품입니다."]
    _ = try store.importItems(into: project, options: ImportOptions()) { consume in
        for index in 0..<items { try consume(ImportRecord(item: Item(id: "item-\(index)", text: texts[index % texts.count]))) }
    }
    var lines: [String] = []
    for index in 0..<annotators {
        let token = AccessToken.generate()
        let name = "annotator-\(index)"
        _ = try store.addPerson(Person(name: name, role: .annotator), token: token.stored, actor: "workflow-http")
        _ = try store.registerAnnotator(name, qualifications: [])
        lines.append(token.text)
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: option("tokens"), atomically: true, encoding: .utf8)
    print("setup: project load, \(items) items, overlap \(overlap), \(annotators) annotators")

case "run":
    let servers = option("servers").split(separator: ",").map(String.init)
    let tokens = try String(contentsOfFile: option("tokens"), encoding: .utf8).split(separator: "\n").map(String.init)
    let seconds = Double(number("seconds", 10))
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = number("connections", 64)
    configuration.timeoutIntervalForRequest = 60
    let session = URLSession(configuration: configuration)

    struct Tally { var claims: [Double] = []; var submits: [Double] = []; var acknowledged = 0; var errors = 0; var finished = false }
    @Sendable func call(_ server: String, _ token: String, _ path: String, _ body: String?) async -> (status: Int, data: Data) {
        var request = URLRequest(url: URL(string: server + "/api/v1/projects/load/" + path)!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body { request.httpBody = Data(body.utf8); request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        guard let (data, response) = try? await session.data(for: request) else { return (0, Data()) }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
    let start = Date()
    let deadline = start.addingTimeInterval(seconds)
    let total = await withTaskGroup(of: Tally.self) { group -> Tally in
        for (index, token) in tokens.enumerated() {
            let server = servers[index % servers.count]
            group.addTask {
                var tally = Tally()
                while Date() < deadline {
                    let claimStart = Date()
                    let claim = await call(server, token, "claims", nil)
                    tally.claims.append(Date().timeIntervalSince(claimStart))
                    guard claim.status == 200, let value = try? JSONValue.parse(String(decoding: claim.data, as: UTF8.self)) else { tally.errors += 1; continue }
                    guard let item = value["item"]?["id"]?.stringValue else { tally.finished = true; break }
                    let body = #"{"submission_id": "\#(UUID().uuidString)", "item": "\#(item)", "payload": {"labels": ["긍정"]}, "seconds": 1}"#
                    var status = 0
                    let submitStart = Date()
                    for _ in 0..<5 {   // a dropped connection: the same submission id again
                        status = await call(server, token, "submissions", body).status
                        if status != 0 { break }
                    }
                    tally.submits.append(Date().timeIntervalSince(submitStart))
                    if status == 201 { tally.acknowledged += 1 } else { tally.errors += 1 }
                }
                return tally
            }
        }
        var all = Tally()
        for await tally in group {
            all.claims += tally.claims; all.submits += tally.submits
            all.acknowledged += tally.acknowledged; all.errors += tally.errors
            all.finished = all.finished || tally.finished
        }
        return all
    }
    let elapsed = Date().timeIntervalSince(start)
    let claims = total.claims.sorted(), submits = total.submits.sorted()
    print("servers: \(servers.count); annotators: \(tokens.count); connections per server: \(configuration.httpMaximumConnectionsPerHost); \(String(format: "%.1f", elapsed)) s\(total.finished ? " (the queue ran dry)" : "")")
    print(String(format: "submissions: %d (%.0f/s), errors %d", total.acknowledged, Double(total.acknowledged) / elapsed, total.errors))
    print(String(format: "claim ms p50 %.1f p95 %.1f p99 %.1f; submit ms p50 %.1f p95 %.1f p99 %.1f",
                 percentile(claims, 0.5), percentile(claims, 0.95), percentile(claims, 0.99),
                 percentile(submits, 0.5), percentile(submits, 0.95), percentile(submits, 0.99)))
    print("acknowledged \(total.acknowledged)")

case "check":
    let store = try openStore(option("store"))
    let project = try store.project(named: "load")
    let acknowledged = Int(option("acknowledged")) ?? -1, overlap = number("overlap", 3)
    var perItem: [String: Int] = [:], pairs = Set<String>(), stored = 0, doubled = 0
    try store.forEachCurrentAnnotation(in: project) { annotation in
        stored += 1
        perItem[annotation.item, default: 0] += 1
        if !pairs.insert(annotation.item + "\u{0}" + annotation.annotator).inserted { doubled += 1 }
    }
    let over = perItem.values.filter { $0 > overlap }.count
    let ok = over == 0 && doubled == 0 && stored == acknowledged
    print("check: stored \(stored), acknowledged \(acknowledged), items over overlap \(over), doubled \(doubled): \(ok ? "exactly once" : "FAILED")")
    if !ok { exit(1) }

default:
    fail("unknown mode \(mode): setup, run or check")
}
