// The load benchmark's server mode (issue 11): N virtual annotators, each a think-free claim → submit loop
// over HTTP, spread over one or more `malmoi serve` processes in front of one store.
//
//   workflow-http setup --store S --items N --overlap K --annotators A --tokens FILE
//       creates the project `load` (label task, N items) and A annotators with tokens (FILE: one token a line)
//   workflow-http run --servers URL[,URL…] --tokens FILE --seconds T [--connections C] [--rate R] [--threads N] [--next 1]
//       runs the annotators (annotator i talks to server i mod the number of servers) for T seconds; prints
//       submissions/s and p50/p95/p99/max of claim and of submit in ms, the client's CPU seconds, and the
//       acknowledged submission count. Think-free by default (each annotator claims again as soon as it has
//       submitted: the most the service takes); with --rate R an open loop offering R submissions a second
//       (WorkflowBench's PacedSchedule), latencies measured from each cycle's due time, with the cycle's
//       percentiles and the cycles that started more than 100 ms late. With --next 1 each submission also
//       claims the next item (`"next": true`), so an answer takes one request instead of two. Also prints the
//       worst cycle of every second of the run, with the run's start in Unix time (to match stalls with logs).
//   workflow-http check --store S --acknowledged N --overlap K
//       checks exactly-once: no item over its overlap, no annotator twice on an item, every acknowledged
//       submission stored once and nothing stored that was not acknowledged
//
// The HTTP client is a small HTTP/1.1 keep-alive client on SwiftNIO (HTTPClient.swift; it replaced
// URLSession/libcurl, whose CPU the servers need on a shared 2-core machine): the annotators are async tasks
// sharing at most C pooled connections per server (default 64) on N event-loop threads (default 1), as they
// would share a reverse proxy's upstream pool. Every submission carries a client-made submission id.
// Benchmarks/workflow/http.sh runs it against two servers over PostgreSQL and over SQLite.
import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiServer
import MalmoiStore
import NIOCore
import NIOPosix
import WorkflowBench

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
    let perServer = number("connections", 64)
    /// `--next 1`: each submission also claims the next item (one request per answer instead of two).
    let takeNext = option("next", "0") == "1"
    let rate = options["rate"].map { text -> Double in
        guard let value = Double(text), value > 0 else { fail("--rate must be a positive number") }
        return value
    }
    let group = MultiThreadedEventLoopGroup(numberOfThreads: number("threads", 1))
    let pools = try servers.map { try HTTPConnectionPool(url: $0, limit: perServer, group: group) }
    let cpuBefore = processCPUSeconds()

    /// One annotator's run: its latencies and whether the queue ran dry for it.
    /// `worst`: the longest cycle that started in each second of the run (a stall shows as a run of slow seconds).
    struct Tally: Sendable { var log = LatencyLog(); var finished = false; var messages: [String] = []; var worst: [UInt64] = [] }
    let start = monotonicNanoseconds() + 500_000_000
    let end = start + UInt64(seconds * 1e9)
    let schedule = rate.map { PacedSchedule(annotators: tokens.count, rate: $0, start: start) }
    let total = await withTaskGroup(of: Tally.self) { group -> Tally in
        for (index, token) in tokens.enumerated() {
            let pool = pools[index % pools.count]
            group.addTask {
                var tally = Tally()
                tally.log = LatencyLog(expected: 256)
                @Sendable func post(_ path: String, _ body: String?) async -> HTTPReply? {
                    do {
                        return try await pool.send(.POST, "/api/v1/projects/load/" + path, token: token,
                                                   body: body.map { ByteBuffer(string: $0) })
                    } catch {
                        return nil
                    }
                }
                var cycle = 0
                /// An item claimed by the previous submission (`--next`).
                var next: String?
                await sleepUntilAsync(schedule?.start(ofCycle: 0, annotator: index) ?? start)
                while tally.log.errors < 50 {
                    // t0: when the cycle is due (paced) or starts (think-free).
                    let t0: UInt64
                    if let schedule {
                        let due = schedule.start(ofCycle: cycle, annotator: index)
                        if due >= end || monotonicNanoseconds() > end + 5_000_000_000 { break }
                        await sleepUntilAsync(due)
                        tally.log.recordStart(due: due, started: monotonicNanoseconds())
                        t0 = due
                    } else {
                        t0 = monotonicNanoseconds()
                        if t0 >= end { break }
                    }
                    cycle += 1
                    let item: String
                    if let claimed = next {
                        item = claimed
                        next = nil
                    } else {
                        guard let claim = await post("claims", nil), claim.status == 200,
                              let value = try? JSONValue.parse(String(buffer: claim.body)) else {
                            tally.log.errors += 1
                            continue
                        }
                        guard let id = value["item"]?["id"]?.stringValue else { tally.finished = true; break }
                        item = id
                    }
                    let t1 = monotonicNanoseconds()
                    let body = #"{"submission_id": "\#(UUID().uuidString)", "item": "\#(item)", "payload": {"labels": ["긍정"]}, "seconds": 1\#(takeNext ? #", "next": true"# : "")}"#
                    var status = 0
                    var reply: HTTPReply?
                    for _ in 0..<5 {   // a dropped connection: the same submission id again
                        reply = await post("submissions", body)
                        status = reply?.status ?? 0
                        if status != 0 { break }
                    }
                    let t2 = monotonicNanoseconds()
                    if takeNext, status == 201, let reply, let value = try? JSONValue.parse(String(buffer: reply.body)) {
                        // The next item came with the answer (null: nothing is left, and the next cycle's claim says so).
                        next = value["next"]?["item"]?["id"]?.stringValue
                    }
                    if status == 201 {
                        tally.log.record(claim: t1 - t0, submit: t2 - t1, cycle: t2 - t0)
                        let second = Int((max(t0, start) - start) / 1_000_000_000)
                        if second >= tally.worst.count { tally.worst += Array(repeating: 0, count: second + 1 - tally.worst.count) }
                        tally.worst[second] = max(tally.worst[second], t2 - t0)
                        tally.log.acknowledged += 1
                    } else {
                        tally.log.errors += 1
                        if tally.messages.count < 2 { tally.messages.append("submit answered \(status)") }
                    }
                }
                return tally
            }
        }
        var all = Tally()
        for await tally in group {
            all.log.merge(tally.log)
            all.finished = all.finished || tally.finished
            all.messages += tally.messages.prefix(max(0, 5 - all.messages.count))
            if tally.worst.count > all.worst.count { all.worst += Array(repeating: 0, count: tally.worst.count - all.worst.count) }
            for (second, nanoseconds) in tally.worst.enumerated() { all.worst[second] = max(all.worst[second], nanoseconds) }
        }
        return all
    }
    let finished = monotonicNanoseconds()
    let cpu = processCPUSeconds() - cpuBefore
    // Paced: the window, or longer when the last cycles finished after it (a service falling behind).
    let elapsed = rate == nil ? Double(finished - start) / 1e9 : max(seconds, Double(finished - start) / 1e9)
    let opened = pools.reduce(0) { $0 + $1.opened }
    for pool in pools { pool.close() }
    let log = total.log
    print("servers: \(servers.count); annotators: \(tokens.count) (async tasks); client: SwiftNIO HTTP/1.1 keep-alive, at most "
          + "\(perServer) connections per server (\(opened) opened), \(number("threads", 1)) event-loop thread(s); "
          + "\(rate.map { "paced at \(Int($0))/s offered (open loop)" } ?? "think-free (closed loop)"); "
          + (takeNext ? "one request per answer (each submission claims the next item); " : "")
          + "\(String(format: "%.1f", elapsed)) s\(total.finished ? " (the queue ran dry)" : "")")
    print(String(format: "submissions: %d (%.0f/s), errors %d", log.acknowledged, Double(log.acknowledged) / elapsed, log.errors))
    if let rate {
        for line in pacedReport(offered: rate, seconds: elapsed, log: log) { print(line) }
    }
    print("claim ms \(LatencySummary(log.claims).millisecondsText); submit ms \(LatencySummary(log.submits).millisecondsText)")
    // When the run started on the wall clock, so that slow seconds can be matched with the database's log.
    let startedAt = Date().timeIntervalSince1970 - Double(monotonicNanoseconds() - start) / 1e9
    print("worst cycle ms by second from \(String(format: "%.0f", startedAt)) (Unix time): "
          + total.worst.map { String($0 / 1_000_000) }.joined(separator: " "))
    print(String(format: "client CPU: %.2f s (user + system) = %.0f µs per submission", cpu, cpu * 1e6 / Double(max(log.acknowledged, 1))))
    for message in total.messages { print("error: \(message)") }
    print("acknowledged \(log.acknowledged)")
    try? await group.shutdownGracefully()

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
