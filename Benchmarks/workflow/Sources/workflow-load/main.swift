// The load benchmark of the store (issue 10): N virtual annotators, each an independent think-free
// claim → submit loop on its own thread, against one store, as a server in front of the store would
// drive it. PostgreSQL: the annotators share one pool of at most --connections connections. SQLite:
// --processes P worker processes (this program again, with --worker) split the annotators between them.
// Prints submissions/s and, for claim and for submit, p50/p95/p99/mean in ms twice: end-to-end (the whole
// store call as a user waits for it, including the wait for a pool connection) and, for PostgreSQL,
// service time (from having a connection to the answer). In a closed loop of think-free annotators the
// mean cycle is annotators / throughput (Little's law), so with 1,000 annotators the end-to-end times
// are mostly queueing; the program prints that line too. It also prints errors, and checks exactly-once
// afterwards: no item over its overlap, every acknowledged submission stored exactly once, nothing
// stored that was not acknowledged. Benchmarks/workflow/load.sh runs it beside pgbench.
//
// --rate R makes it an open loop instead (one process): the annotators together OFFER R submissions a
// second, each annotator's cycles due on the schedule of WorkflowBench's PacedSchedule (one every A / R
// seconds, phases spread evenly); an annotator sleeps until its next cycle is due, or starts at once when
// late. Claim and cycle latencies are measured from the due time (coordinated-omission-correct), so a
// store falling behind shows its backlog; the program prints offered and achieved rate, the cycle's
// p50/p95/p99/max and the cycles that started more than 100 ms late. Real annotators think for tens of
// seconds per item; a think-free closed loop instead measures the most the store can take.
//
// Usage: workflow-load --store PATH|postgresql://… [--items 1000] [--overlap 3] [--annotators 1000]
//                      [--connections 100] [--processes 1] [--seconds 10] [--rate R] [--project NAME]
import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore
import WorkflowBench

/// Command-line settings.
struct Settings {
    var store = ""
    var items = 1_000
    var overlap = 3
    var annotators = 1_000
    var connections = 100
    var processes = 1
    var seconds = 10.0
    /// Offered submissions a second (paced, open loop); nil: think-free closed loop.
    var rate: Double?
    /// Set in a worker process: the project to work on and the first annotator number.
    var project: String?
    var firstAnnotator = 0
    var startAt = 0.0
    var prefix = "load"
    /// `--project NAME`: work on that project if the store has it, else create it under that name.
    var reuse: String?

    init(_ arguments: [String]) {
        var rest = arguments[...]
        func value(_ name: String) -> String {
            guard let next = rest.popFirst() else { fail("\(name) needs a value") }
            return next
        }
        func number<T: LosslessStringConvertible>(_ name: String) -> T {
            let text = value(name)
            guard let parsed = T(text) else { fail("\(name): not a number: \(text)") }
            return parsed
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--store": store = value(argument)
            case "--items": items = number(argument)
            case "--overlap": overlap = number(argument)
            case "--annotators": annotators = number(argument)
            case "--connections": connections = number(argument)
            case "--processes": processes = number(argument)
            case "--seconds": seconds = number(argument)
            case "--rate": rate = number(argument)
            case "--worker-project": project = value(argument)
            case "--first-annotator": firstAnnotator = number(argument)
            case "--start-at": startAt = number(argument)
            case "--prefix": prefix = value(argument)
            case "--project": reuse = value(argument)
            default: fail("unknown argument \(argument)")
            }
        }
        if store.isEmpty { fail("--store PATH|postgresql://… is required") }
        if items < 1 || overlap < 1 || annotators < 1 || connections < 1 || processes < 1 || seconds <= 0 {
            fail("--items, --overlap, --annotators, --connections, --processes and --seconds must be positive")
        }
        if let rate, rate <= 0 || processes > 1 { fail("--rate must be positive and runs in one process (no --processes)") }
    }

    var isPostgres: Bool { store.hasPrefix("postgresql://") || store.hasPrefix("postgres://") }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("workflow-load: \(message)\n".utf8))
    exit(2)
}

func now() -> Double { Date().timeIntervalSince1970 }

/// Milliseconds on the monotonic clock (for latencies: never jumps with the wall clock).
func monotonicMS() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

func openStore(_ settings: Settings) throws -> any AnnotationStore {
    if settings.isPostgres {
        return try PostgresStore(try PostgresLocation(url: settings.store), connections: settings.connections)
    }
    return try SQLiteStore(path: settings.store)
}

/// What the annotators of one process did: their latency logs merged (nanoseconds), what they
/// acknowledged, and their first error messages.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    /// End-to-end claim and submit times (the whole store call, including any wait for a pool connection
    /// or for SQLite's write lock); PostgreSQL also the service times (from having a connection to the
    /// answer). Paced runs measure claims and cycles from the due time.
    var log = LatencyLog()
    /// Acknowledged submissions as "item\tannotator".
    var acknowledged: [String] = []
    var firstErrors: [String] = []
    /// Paced runs: the latest moment an annotator finished (monotonic nanoseconds).
    var lastFinish: UInt64 = 0

    /// Adds one annotator's (or one worker process's) results; called once per annotator, at its end.
    func add(_ other: LatencyLog, acks: [String], messages: [String], finished: UInt64 = 0) {
        lock.withLock {
            log.merge(other)
            acknowledged += acks
            firstErrors += messages.prefix(max(0, 5 - firstErrors.count))
            lastFinish = max(lastFinish, finished)
        }
    }
}

/// Runs `count` virtual annotators (threads) named `prefix-N` until `deadline` (wall clock) or until the
/// project has nothing left for them. With a `schedule` (paced), annotator number i (from 0 in this
/// process) runs its cycles when they are due, starting no new cycle due after `deadline` and none at all
/// more than 5 s after it; each thread keeps its own ``LatencyLog``, merged when it ends.
func runAnnotators(store: any AnnotationStore, project: Project, first: Int, count: Int, prefix: String,
                   startAt: Double, deadline: Double, schedule: PacedSchedule? = nil) -> Outcome {
    let outcome = Outcome()
    let payload: JSONValue = ["labels": ["긍정"]]
    let done = DispatchGroup()
    let pooled = store is PostgresStore
    let end = schedule.map { $0.start + UInt64((deadline - startAt) * 1e9) } ?? 0
    // The start on the monotonic clock (`startAt` is wall-clock time, shared with worker processes).
    let startMono = monotonicNanoseconds() + UInt64(max(0, startAt - now()) * 1e9)
    for number in first..<(first + count) {
        done.enter()
        let thread = Thread {
            defer { done.leave() }
            let me = "\(prefix)-\(number)"
            var log = LatencyLog(expected: 1024)
            var acks: [String] = [], messages: [String] = []
            acks.reserveCapacity(1024)
            var cycle = 0
            // One sleep to the start (a 1 ms polling loop here woke 1,000 threads 500 times each).
            sleepUntil(schedule?.start(ofCycle: 0, annotator: number - first) ?? startMono)
            while log.errors < 50 {
                // t0: when the cycle is due (paced) or starts (think-free).
                let t0: UInt64
                if let schedule {
                    let due = schedule.start(ofCycle: cycle, annotator: number - first)
                    if due >= end || monotonicNanoseconds() > end + 5_000_000_000 { break }
                    sleepUntil(due)
                    log.recordStart(due: due, started: monotonicNanoseconds())
                    t0 = due
                } else {
                    if now() >= deadline { break }
                    t0 = monotonicNanoseconds()
                }
                cycle += 1
                do {
                    let c0 = monotonicNanoseconds()
                    guard let claim = try store.claimNextItem(in: project, for: me) else { break }
                    let t1 = monotonicNanoseconds()
                    let claimWait = pooled ? UInt64(PostgresStore.lastConnectionWait * 1e9) : 0
                    _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: me, payload: payload))
                    let t2 = monotonicNanoseconds()
                    log.record(claim: t1 - t0, submit: t2 - t1, cycle: t2 - t0)
                    if pooled {
                        log.claimServices.append(t1 - c0 - min(t1 - c0, claimWait))
                        let submitWait = UInt64(PostgresStore.lastConnectionWait * 1e9)
                        log.submitServices.append(t2 - t1 - min(t2 - t1, submitWait))
                    }
                    log.acknowledged += 1
                    acks.append("\(claim.item.id)\t\(me)")
                } catch {
                    log.errors += 1
                    if messages.count < 2 { messages.append("\(me): \(error)") }
                    usleep(1_000)
                }
            }
            outcome.add(log, acks: acks, messages: messages, finished: monotonicNanoseconds())
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }
    done.wait()
    return outcome
}

/// The project to load: with `--project NAME`, that project when the store has it (set up once, reused
/// by later runs: a 1,000,000-item import takes minutes), else a new one of that name; without, a fresh
/// project of `settings.items` items (Korean review snippets), streamed into the store.
func makeProject(_ store: any AnnotationStore, _ settings: Settings) throws -> Project {
    if let name = settings.reuse, let existing = try? store.project(named: name) {
        FileHandle.standardError.write(Data("reused project \(name)\n".utf8))
        return existing
    }
    let name = settings.reuse ?? "load-\(settings.items)-\(Int(now() * 1000))"
    let project = try store.createProject(Project(
        name: name, kind: .label, taskConfig: JSONObject([("labels", ["긍정", "부정", "중립"])]), overlap: settings.overlap))
    let phrases = ["배송이 빨라서 좋았어요", "포장이 엉망이었습니다", "가격 대비 괜찮은 편이에요", "다시는 안 살 거예요", "그냥 평범합니다"]
    let started = now()
    _ = try store.importItems(into: project, options: ImportOptions()) { consume in
        for index in 0..<settings.items {
            try consume(ImportRecord(item: Item(id: "i\(index)", text: "\(phrases[index % phrases.count]) (\(index)번째 후기)")))
        }
    }
    FileHandle.standardError.write(Data("imported \(settings.items) items in \(String(format: "%.1f", now() - started)) s\n".utf8))
    return project
}

// MARK: Worker process (SQLite, --processes > 1)

/// A worker writes its outcome on stdout: "c NS", "s NS" (claim and submit nanoseconds), "a ITEM\tANNOTATOR",
/// "e COUNT", "m MESSAGE".
func runWorker(_ settings: Settings, project name: String) throws {
    let store = try openStore(settings)
    let project = try store.project(named: name)
    let outcome = runAnnotators(store: store, project: project, first: settings.firstAnnotator, count: settings.annotators,
                                prefix: settings.prefix, startAt: settings.startAt, deadline: settings.startAt + settings.seconds)
    var text = ""
    for value in outcome.log.claims { text += "c \(value)\n" }
    for value in outcome.log.submits { text += "s \(value)\n" }
    for ack in outcome.acknowledged { text += "a \(ack)\n" }
    text += "e \(outcome.log.errors)\n"
    for message in outcome.firstErrors { text += "m \(message.replacingOccurrences(of: "\n", with: " "))\n" }
    FileHandle.standardOutput.write(Data(text.utf8))
}

func runWorkers(_ settings: Settings, project: Project, startAt: Double) throws -> Outcome {
    let outcome = Outcome()
    var children: [(Process, Pipe)] = []
    let per = settings.annotators / settings.processes
    for index in 0..<settings.processes {
        let count = index == settings.processes - 1 ? settings.annotators - per * index : per
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = Bundle.main.executableURL
        }
        process.arguments = ["--store", settings.store, "--worker-project", project.name, "--annotators", "\(count)",
                             "--first-annotator", "\(per * index)", "--start-at", "\(startAt)", "--seconds", "\(settings.seconds)",
                             "--prefix", settings.prefix]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        children.append((process, pipe))
    }
    for (process, pipe) in children {
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var log = LatencyLog(), acks: [String] = [], messages: [String] = []
        log.errors = process.terminationStatus == 0 ? 0 : 1
        if log.errors == 1 { messages.append("a worker exited with status \(process.terminationStatus)") }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let body = String(line.dropFirst(2))
            switch line.first {
            case "c": log.claims.append(UInt64(body) ?? 0)
            case "s": log.submits.append(UInt64(body) ?? 0)
            case "a": acks.append(body)
            case "e": log.errors += Int(body) ?? 0
            case "m": messages.append(body)
            default: break
            }
        }
        for (claim, submit) in zip(log.claims, log.submits) { log.cycles.append(claim + submit) }
        log.acknowledged = acks.count
        outcome.add(log, acks: acks, messages: messages)
    }
    return outcome
}

// MARK: Main

let settings = Settings(Array(CommandLine.arguments.dropFirst()))
do {
    if let name = settings.project {
        try runWorker(settings, project: name)
        exit(0)
    }
    let store = try openStore(settings)
    let project = try makeProject(store, settings)
    let prefix = "w\(Int(now() * 10) % 10_000_000)"
    var run = settings
    run.prefix = prefix
    let startAt = now() + (settings.processes > 1 ? 2 : 0.5)
    let startMono = monotonicNanoseconds() + UInt64((startAt - now()) * 1e9)
    let schedule = settings.rate.map { PacedSchedule(annotators: settings.annotators, rate: $0, start: startMono) }
    let outcome = settings.processes > 1
        ? try runWorkers(run, project: project, startAt: startAt)
        : runAnnotators(store: store, project: project, first: 0, count: settings.annotators, prefix: prefix,
                        startAt: startAt, deadline: startAt + settings.seconds, schedule: schedule)
    // Paced: the window, or longer when the last cycles finished after it (a store falling behind).
    let elapsed = schedule != nil
        ? max(settings.seconds, Double(outcome.lastFinish > startMono ? outcome.lastFinish - startMono : 0) / 1e9)
        : now() - startAt
    let connections: String
    if let postgres = store as? PostgresStore {
        connections = "\(postgres.openConnections) connections used (pool of at most \(settings.connections))"
    } else {
        let per = settings.annotators / settings.processes
        let threads = settings.annotators % settings.processes == 0 ? "\(per)" : "\(per)–\(per + settings.annotators % settings.processes)"
        connections = "\(settings.processes) process(es) × \(threads) annotator thread(s) each; each process opens the file once "
            + "(a GRDB pool: one writer connection, so a process's writes queue inside it, and processes take turns at "
            + "SQLite's write lock, queueing on the side file's kernel lock); synchronous = NORMAL in WAL mode"
    }

    // Exactly-once: every acknowledged (item, annotator) stored once as a current annotation, nothing
    // else stored by this run's annotators, and no item with more current annotations than its overlap
    // (counting every run's annotations: a reused project carries earlier runs').
    var stored: [String: Int] = [:]
    var perItem: [String: Int] = [:]
    let ours = prefix + "-"
    try store.forEachCurrentAnnotation(in: project) { annotation in
        perItem[annotation.item, default: 0] += 1
        if annotation.annotator.hasPrefix(ours) {
            stored["\(annotation.item)\t\(annotation.annotator)", default: 0] += 1
        }
    }
    let acknowledged = Set(outcome.acknowledged)
    let duplicateAcks = outcome.acknowledged.count - acknowledged.count
    let missing = acknowledged.filter { stored[$0] != 1 }.count
    let unacknowledged = stored.keys.filter { !acknowledged.contains($0) }.count
    let overAssigned = perItem.values.filter { $0 > settings.overlap }.count
    let log = outcome.log
    let rate = Double(outcome.acknowledged.count) / elapsed
    let mode = settings.rate.map { "paced at \(Int($0))/s offered (open loop)" } ?? "think-free (closed loop)"
    print("store \(settings.isPostgres ? "postgresql" : "sqlite"), \(settings.items) items, overlap \(settings.overlap), "
          + "\(settings.annotators) virtual annotators, \(mode); \(connections)")
    print("submissions \(outcome.acknowledged.count) in \(String(format: "%.2f", elapsed)) s = \(Int(rate.rounded())) submissions/s; errors \(log.errors)")
    if let offered = settings.rate {
        for line in pacedReport(offered: offered, seconds: elapsed, log: log) { print(line) }
    }
    let waitWhat = settings.isPostgres ? "the wait for a pool connection" : "the wait for SQLite's write lock (in the process and between processes)"
    let from = settings.rate == nil ? "" : "; claims from the scheduled start"
    print("end-to-end ms (the whole store call, with \(waitWhat)\(from)): claim \(LatencySummary(log.claims).millisecondsText); "
          + "submit \(LatencySummary(log.submits).millisecondsText)")
    if settings.isPostgres {
        print("service ms (from having a pool connection to the answer, no pool wait): claim \(LatencySummary(log.claimServices).millisecondsText); "
              + "submit \(LatencySummary(log.submitServices).millisecondsText)")
    }
    if settings.rate == nil {
        // A closed loop of think-free annotators: mean cycle = annotators / throughput (Little's law).
        let concurrent = settings.annotators
        print("Little's law: \(concurrent) think-free annotators at \(Int(rate.rounded()))/s give a mean claim+submit cycle of "
              + "\(LatencySummary.ms(Double(concurrent) / max(rate, 1e-9) * 1e9)) ms (measured mean \(LatencySummary.ms(LatencySummary(log.cycles).mean)) ms)")
    }
    let ok = duplicateAcks == 0 && missing == 0 && unacknowledged == 0 && overAssigned == 0
    print("exactly-once: \(ok ? "ok" : "FAILED") (acknowledged \(outcome.acknowledged.count), stored \(stored.values.reduce(0, +)), "
          + "acknowledged twice \(duplicateAcks), missing \(missing), stored but not acknowledged \(unacknowledged), items over overlap \(overAssigned))")
    for message in outcome.firstErrors { print("error: \(message)") }
    exit(ok ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("workflow-load: \(error)\n".utf8))
    exit(1)
}
