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
// Usage: workflow-load --store PATH|postgresql://… [--items 1000] [--overlap 3] [--annotators 1000]
//                      [--connections 100] [--processes 1] [--seconds 10]
import Foundation
import MalmoiCore
import MalmoiPostgres
import MalmoiStore

/// Command-line settings.
struct Settings {
    var store = ""
    var items = 1_000
    var overlap = 3
    var annotators = 1_000
    var connections = 100
    var processes = 1
    var seconds = 10.0
    /// Set in a worker process: the project to work on and the first annotator number.
    var project: String?
    var firstAnnotator = 0
    var startAt = 0.0
    var prefix = "load"

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
            case "--worker-project": project = value(argument)
            case "--first-annotator": firstAnnotator = number(argument)
            case "--start-at": startAt = number(argument)
            case "--prefix": prefix = value(argument)
            default: fail("unknown argument \(argument)")
            }
        }
        if store.isEmpty { fail("--store PATH|postgresql://… is required") }
        if items < 1 || overlap < 1 || annotators < 1 || connections < 1 || processes < 1 || seconds <= 0 {
            fail("--items, --overlap, --annotators, --connections, --processes and --seconds must be positive")
        }
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

/// What the annotators of one process did.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    /// End-to-end milliseconds of each claim and submit: the whole store call, including any wait for a
    /// pool connection (PostgreSQL) or for the write lock (SQLite).
    var claimMS: [Double] = []
    var submitMS: [Double] = []
    /// PostgreSQL only: service milliseconds, from having a connection to having the answer.
    var claimServiceMS: [Double] = []
    var submitServiceMS: [Double] = []
    /// Acknowledged submissions as "item\tannotator".
    var acknowledged: [String] = []
    var errors = 0
    var firstErrors: [String] = []

    func add(claims: [Double], submits: [Double], claimService: [Double] = [], submitService: [Double] = [],
             acks: [String], errors: Int, messages: [String]) {
        lock.withLock {
            claimMS += claims
            submitMS += submits
            claimServiceMS += claimService
            submitServiceMS += submitService
            acknowledged += acks
            self.errors += errors
            firstErrors += messages.prefix(max(0, 5 - firstErrors.count))
        }
    }
}

/// Runs `count` virtual annotators (threads) named `prefix-N` until `deadline` or until the project has
/// nothing left for them.
func runAnnotators(store: any AnnotationStore, project: Project, first: Int, count: Int, prefix: String,
                   startAt: Double, deadline: Double) -> Outcome {
    let outcome = Outcome()
    let payload: JSONValue = ["labels": ["긍정"]]
    let done = DispatchGroup()
    for number in first..<(first + count) {
        done.enter()
        let thread = Thread {
            defer { done.leave() }
            let me = "\(prefix)-\(number)"
            var claims: [Double] = [], submits: [Double] = [], acks: [String] = [], messages: [String] = []
            var claimService: [Double] = [], submitService: [Double] = []
            claims.reserveCapacity(4096); submits.reserveCapacity(4096); acks.reserveCapacity(4096)
            let pooled = store is PostgresStore
            var errors = 0
            while now() < startAt { usleep(1_000) }
            while now() < deadline, errors < 50 {
                do {
                    let t0 = monotonicMS()
                    guard let claim = try store.claimNextItem(in: project, for: me) else { break }
                    let t1 = monotonicMS()
                    let claimWait = pooled ? PostgresStore.lastConnectionWait * 1000 : 0
                    _ = try store.submit(Submission(project: project, item: claim.item.id, annotator: me, payload: payload))
                    let t2 = monotonicMS()
                    claims.append(t1 - t0)
                    submits.append(t2 - t1)
                    if pooled {
                        claimService.append(t1 - t0 - claimWait)
                        submitService.append(t2 - t1 - PostgresStore.lastConnectionWait * 1000)
                    }
                    acks.append("\(claim.item.id)\t\(me)")
                } catch {
                    errors += 1
                    if messages.count < 2 { messages.append("\(me): \(error)") }
                    usleep(1_000)
                }
            }
            outcome.add(claims: claims, submits: submits, claimService: claimService, submitService: submitService,
                        acks: acks, errors: errors, messages: messages)
        }
        thread.stackSize = 512 * 1024
        thread.start()
    }
    done.wait()
    return outcome
}

/// Creates a fresh project of `settings.items` items (Korean review snippets), streamed into the store.
func makeProject(_ store: any AnnotationStore, _ settings: Settings) throws -> Project {
    let name = "load-\(settings.items)-\(Int(now() * 1000))"
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

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func format(_ value: Double) -> String { String(format: "%.1f", value) }

// MARK: Worker process (SQLite, --processes > 1)

/// A worker writes its outcome on stdout: "c MS", "s MS", "a ITEM\tANNOTATOR", "e COUNT", "m MESSAGE".
func runWorker(_ settings: Settings, project name: String) throws {
    let store = try openStore(settings)
    let project = try store.project(named: name)
    let outcome = runAnnotators(store: store, project: project, first: settings.firstAnnotator, count: settings.annotators,
                                prefix: settings.prefix, startAt: settings.startAt, deadline: settings.startAt + settings.seconds)
    var text = ""
    for value in outcome.claimMS { text += "c \(value)\n" }
    for value in outcome.submitMS { text += "s \(value)\n" }
    for ack in outcome.acknowledged { text += "a \(ack)\n" }
    text += "e \(outcome.errors)\n"
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
        var claims: [Double] = [], submits: [Double] = [], acks: [String] = [], messages: [String] = []
        var errors = process.terminationStatus == 0 ? 0 : 1
        if errors == 1 { messages.append("a worker exited with status \(process.terminationStatus)") }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let body = String(line.dropFirst(2))
            switch line.first {
            case "c": claims.append(Double(body) ?? .nan)
            case "s": submits.append(Double(body) ?? .nan)
            case "a": acks.append(body)
            case "e": errors += Int(body) ?? 0
            case "m": messages.append(body)
            default: break
            }
        }
        outcome.add(claims: claims, submits: submits, acks: acks, errors: errors, messages: messages)
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
    let prefix = "w\(Int(now()) % 100_000)"
    var run = settings
    run.prefix = prefix
    let startAt = now() + (settings.processes > 1 ? 2 : 0.5)
    let outcome = settings.processes > 1
        ? try runWorkers(run, project: project, startAt: startAt)
        : runAnnotators(store: store, project: project, first: 0, count: settings.annotators, prefix: prefix,
                        startAt: startAt, deadline: startAt + settings.seconds)
    let elapsed = now() - startAt
    let connections: String
    if let postgres = store as? PostgresStore {
        connections = "\(postgres.openConnections) connections used (pool of at most \(settings.connections))"
    } else {
        let per = settings.annotators / settings.processes
        let threads = settings.annotators % settings.processes == 0 ? "\(per)" : "\(per)–\(per + settings.annotators % settings.processes)"
        connections = "\(settings.processes) process(es) × \(threads) annotator thread(s) each; each process opens the file once "
            + "(a GRDB pool: one writer connection, so a process's writes queue inside it, and processes take turns at "
            + "SQLite's write lock with the busy wait); synchronous = NORMAL in WAL mode"
    }

    // Exactly-once: every acknowledged (item, annotator) stored once as a current annotation, nothing
    // else stored by this run's annotators, and no item with more current annotations than its overlap.
    var stored: [String: Int] = [:]
    var perItem: [String: Int] = [:]
    try store.forEachCurrentAnnotation(in: project) { annotation in
        perItem[annotation.item, default: 0] += 1
        stored["\(annotation.item)\t\(annotation.annotator)", default: 0] += 1
    }
    let acknowledged = Set(outcome.acknowledged)
    let duplicateAcks = outcome.acknowledged.count - acknowledged.count
    let missing = acknowledged.filter { stored[$0] != 1 }.count
    let unacknowledged = stored.keys.filter { !acknowledged.contains($0) }.count
    let overAssigned = perItem.values.filter { $0 > settings.overlap }.count
    let claims = outcome.claimMS, submits = outcome.submitMS
    let rate = Double(outcome.acknowledged.count) / elapsed
    print("store \(settings.isPostgres ? "postgresql" : "sqlite"), \(settings.items) items, overlap \(settings.overlap), "
          + "\(settings.annotators) virtual annotators; \(connections)")
    print("submissions \(outcome.acknowledged.count) in \(String(format: "%.2f", elapsed)) s = \(Int(rate.rounded())) submissions/s; errors \(outcome.errors)")
    func line(_ values: [Double]) -> String {
        let sorted = values.sorted()
        let mean = values.isEmpty ? Double.nan : values.reduce(0, +) / Double(values.count)
        return "p50 \(format(percentile(sorted, 0.5))) p95 \(format(percentile(sorted, 0.95))) p99 \(format(percentile(sorted, 0.99))) mean \(format(mean))"
    }
    let waitWhat = settings.isPostgres ? "the wait for a pool connection" : "the wait for SQLite's write lock (in the process and between processes)"
    print("end-to-end ms (the whole store call, with \(waitWhat)): claim \(line(claims)); submit \(line(submits))")
    if settings.isPostgres {
        print("service ms (from having a pool connection to the answer, no pool wait): claim \(line(outcome.claimServiceMS)); "
              + "submit \(line(outcome.submitServiceMS))")
    }
    // A closed loop of think-free annotators: mean cycle = annotators / throughput (Little's law).
    let concurrent = settings.annotators
    print("Little's law: \(concurrent) think-free annotators at \(Int(rate.rounded()))/s give a mean claim+submit cycle of "
          + "\(format(Double(concurrent) / max(rate, 1e-9) * 1000)) ms (measured mean \(format((claims.reduce(0, +) + submits.reduce(0, +)) / Double(max(claims.count, 1)))) ms)")
    let ok = duplicateAcks == 0 && missing == 0 && unacknowledged == 0 && overAssigned == 0
    print("exactly-once: \(ok ? "ok" : "FAILED") (acknowledged \(outcome.acknowledged.count), stored \(stored.values.reduce(0, +)), "
          + "acknowledged twice \(duplicateAcks), missing \(missing), stored but not acknowledged \(unacknowledged), items over overlap \(overAssigned))")
    for message in outcome.firstErrors { print("error: \(message)") }
    exit(ok ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("workflow-load: \(error)\n".utf8))
    exit(1)
}
