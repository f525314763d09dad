import ArgumentParser
import Dispatch
import Foundation
import MalmoiCore
import MalmoiMorph

extension Malmoi {
    /// `malmoi morph`: analyzes Korean text into morphemes with mecab-ko-dic, MeCab-compatibly.
    struct Morph: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Analyze Korean text into morphemes, exactly as MeCab does with mecab-ko-dic.",
            discussion: """
                Reads one sentence or paragraph per line (FILE, or standard input) and writes the analysis \
                of each line to standard output, in input order.

                Formats: mecab (MeCab's default output, byte for byte), wakati (space-separated \
                morphemes), jsonl (one record per line: tokens with features, Unicode scalar offsets \
                [start, end) into the line, and the morphemes of Inflect/Compound/Preanalysis tokens), \
                conllu (one sentence per line, UD Korean style).

                The dictionary is --dict, else $MALMOI_DICT, else \
                ${XDG_DATA_HOME:-~/.local/share}/malmoi/mecab-ko-dic, else the mecab_ko_dic Python \
                package, else /usr/local/lib/mecab/dic/mecab-ko-dic or /usr/lib/mecab/dic/mecab-ko-dic. \
                Install it with Scripts/install-mecab-ko-dic.sh.

                Example: echo '아버지가 방에 들어가신다' | malmoi morph --format jsonl
                """
        )

        @Option(name: .long, help: ArgumentHelp("The mecab-ko-dic directory (holding sys.dic).", valueName: "DIR"))
        var dict: String?

        @Option(name: .customLong("user-dict"),
                help: ArgumentHelp("A user dictionary CSV (mecab-ko-dic layout, or surface,POS[,cost]); repeatable.", valueName: "FILE"))
        var userDictionaries: [String] = []

        @Option(name: .long, help: "Output format: mecab, wakati, jsonl or conllu.")
        var format: String = "mecab"

        @Option(name: .long, help: "Print the N best analyses of each line (1…512), as MeCab's -N does.")
        var nbest: Int = 1

        @Option(name: .long, help: "Analyze with N threads; the output keeps the input order.")
        var jobs: Int = 1

        @Flag(name: .customLong("where"), help: "Print the dictionary directory that would be used, and exit.")
        var printLocation = false

        @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
        var lossy = false

        @Argument(help: ArgumentHelp("Input file; standard input when omitted or '-'.", valueName: "FILE"))
        var file: String?

        func validate() throws {
            guard AnalysisFormat(rawValue: format) != nil else {
                throw ValidationError("unknown --format '\(format)': use mecab, wakati, jsonl or conllu")
            }
            guard (1...512).contains(nbest) else { throw ValidationError("--nbest must be between 1 and 512") }
            guard (1...256).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 256") }
        }

        func run() throws {
            let location = try SystemDictionary.locate(explicit: dict)
            let dictionary = try SystemDictionary(contentsOf: location.directory)
            if printLocation {
                let out = ByteWriter()
                out.write(dictionary.directory + "\n")
                try out.flush()
                return
            }
            var user: UserDictionary?
            if !userDictionaries.isEmpty {
                user = UserDictionary(combining: try userDictionaries.map { try UserDictionary(contentsOf: $0, system: dictionary) })
            }
            let analyzer = Analyzer(dictionary: dictionary, userDictionary: user)
            let runner = MorphRunner(analyzer: analyzer, format: AnalysisFormat(rawValue: format)!, nbest: nbest,
                                     jobs: jobs, lossy: lossy)
            try runner.run(path: file)
        }
    }
}

/// Reads lines, analyzes them (on `jobs` worker threads when `jobs > 1`) and writes them in order.
///
/// With several jobs the work streams through a pipeline: the calling thread reads lines into chunks
/// of about ``chunkBytes`` (or ``chunkLines`` lines), hands them to the workers through a queue and
/// writes each chunk's output as soon as it and every chunk before it are done. There is no barrier
/// between batches, and reading and writing overlap the analysis; at most ``inFlightPerJob`` chunks per
/// job are queued or unwritten, so memory stays bounded.
struct MorphRunner: Sendable {
    let analyzer: Analyzer
    let format: AnalysisFormat
    let nbest: Int
    let jobs: Int
    let lossy: Bool

    /// Lines are gathered into chunks of about this many bytes …
    static let chunkBytes = 64 << 10
    /// … or this many lines, whichever comes first.
    static let chunkLines = 512
    /// Chunks in flight (queued, being analyzed or waiting to be written) per job.
    static let inFlightPerJob = 8

    func run(path: String?) throws {
        let reader = try ByteLineReader(path: path)
        let out = ByteWriter()
        if jobs == 1 {
            let lattice = Lattice()
            var output: [UInt8] = []
            output.reserveCapacity(1 << 17)
            try reader.forEachLine { bytes, number in
                try checked(bytes, number: number, path: reader.displayPath) { line in
                    process(line, number: number, lattice: lattice, output: &output)
                }
                if output.count >= 1 << 16 {
                    output.withUnsafeBytes { out.write(bytes: $0) }
                    output.removeAll(keepingCapacity: true)
                }
            }
            output.withUnsafeBytes { out.write(bytes: $0) }
            try out.flush()
            return
        }
        let pipeline = ChunkPipeline(workers: jobs) { chunk in
            let lattice = Lattice()
            var output: [UInt8] = []
            output.reserveCapacity(chunk.bytes.count * 4)
            chunk.bytes.withUnsafeBufferPointer { arena in
                for index in 0..<chunk.count {
                    let line = UnsafeBufferPointer(rebasing: arena[chunk.ranges[index]])
                    process(line, number: chunk.numbers[index], lattice: lattice, output: &output)
                }
            }
            return output
        }
        defer { pipeline.stop() }
        let limit = jobs * Self.inFlightPerJob
        var chunk = LineBatch()
        func submit() {
            pipeline.submit(chunk)
            chunk = LineBatch()
            while let output = pipeline.nextOutput(waiting: pipeline.inFlight >= limit) {
                output.withUnsafeBytes { out.write(bytes: $0) }
            }
        }
        try reader.forEachLine { bytes, number in
            try checked(bytes, number: number, path: reader.displayPath) { line in chunk.append(line, number: number) }
            if chunk.bytes.count >= Self.chunkBytes || chunk.count >= Self.chunkLines { submit() }
        }
        if chunk.count > 0 { pipeline.submit(chunk) }
        while pipeline.inFlight > 0, let output = pipeline.nextOutput(waiting: true) {
            output.withUnsafeBytes { out.write(bytes: $0) }
        }
        try out.flush()
    }

    /// Calls `body` with the line's valid UTF-8: the bytes themselves, or with `--lossy` a repaired copy.
    /// - Throws: ``InputError`` `.invalidUTF8` naming the line and the 1-based byte column.
    private func checked(
        _ bytes: UnsafeBufferPointer<UInt8>, number: Int, path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) throws {
        guard let bad = firstInvalidUTF8(bytes) else { return body(bytes) }
        guard lossy else {
            throw InputError(.invalidUTF8, "invalid UTF-8 at byte \(bad + 1) of the line (use --lossy to replace it with U+FFFD)",
                             at: SourceLocation(path: path, line: number, column: bad + 1))
        }
        var repaired = String(decoding: bytes, as: UTF8.self)
        repaired.withUTF8 { body($0) }
    }

    private func process(_ line: UnsafeBufferPointer<UInt8>, number: Int, lattice: Lattice, output: inout [UInt8]) {
        analyzer.build(lattice, utf8: line, allPaths: nbest > 1)
        let paths = nbest > 1 ? lattice.nbestPaths(nbest) : [lattice.bestPath]
        format.append(line: line, number: number, paths: paths, lattice: lattice, analyzer: analyzer, to: &output)
    }
}

/// Lines copied out of the reader's buffer so that worker threads can analyze them.
struct LineBatch: Sendable {
    var bytes: [UInt8] = []
    var ranges: [Range<Int>] = []
    var numbers: [Int] = []
    var count: Int { ranges.count }

    mutating func append(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        ranges.append(start..<bytes.count)
        numbers.append(number)
    }
}

/// Worker threads that turn chunks into output bytes, handed back in submission order.
///
/// One dedicated thread per job (not the shared Dispatch pool, which may run fewer). The submitting
/// thread calls ``submit(_:)`` and ``nextOutput(waiting:)``; workers take chunks from a
/// FIFO queue (a semaphore counts them) and store their output under the chunk's sequence number
/// (another semaphore signals each one). ``stop()`` ends the workers and waits for them.
final class ChunkPipeline: @unchecked Sendable {
    private struct State {
        var queue: [(sequence: Int, chunk: LineBatch)] = []
        var head = 0
        var outputs: [Int: [UInt8]] = [:]
    }

    private let lock = NSLock()
    private var state = State()
    private let queued = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let group = DispatchGroup()
    private let workers: Int
    private var submitted = 0
    private var written = 0
    private var isStopped = false

    /// Chunks submitted and not yet returned by ``nextOutput(waiting:)``.
    var inFlight: Int { submitted - written }

    /// Starts `workers` threads running `work` on each chunk.
    init(workers: Int, work: @escaping @Sendable (LineBatch) -> [UInt8]) {
        self.workers = workers
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while true {
                    queued.wait()
                    guard let next = take() else { return }  // no chunk: the stop signal
                    let output = work(next.chunk)
                    lock.withLock { state.outputs[next.sequence] = output }
                    finished.signal()
                }
            }
            thread.name = "malmoi-morph-worker"
            thread.start()
        }
    }

    /// The oldest queued chunk, or nil when the queue is empty.
    private func take() -> (sequence: Int, chunk: LineBatch)? {
        lock.withLock {
            guard state.head < state.queue.count else { return nil }
            let item = state.queue[state.head]
            state.queue[state.head].chunk = LineBatch()
            state.head += 1
            if state.head > 256 && state.head * 2 > state.queue.count {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            return item
        }
    }

    /// Queues a chunk (called from the submitting thread only).
    func submit(_ chunk: LineBatch) {
        let sequence = submitted
        lock.withLock { state.queue.append((sequence, chunk)) }
        submitted += 1
        queued.signal()
    }

    /// The output of the oldest unwritten chunk when it is ready; with `waiting`, blocks until it is
    /// (nil only when nothing is in flight).
    func nextOutput(waiting: Bool) -> [UInt8]? {
        while written < submitted {
            let sequence = written
            if let output = lock.withLock({ state.outputs.removeValue(forKey: sequence) }) {
                written += 1
                return output
            }
            guard waiting else { return nil }
            finished.wait()
        }
        return nil
    }

    /// Ends the workers (after the chunks already queued) and waits for them.
    func stop() {
        guard !isStopped else { return }
        isStopped = true
        for _ in 0..<workers { queued.signal() }
        group.wait()
    }
}
