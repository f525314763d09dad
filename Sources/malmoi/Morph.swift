import ArgumentParser
import Dispatch
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

/// Reads lines, analyzes them (in parallel batches when `jobs > 1`) and writes them in order.
struct MorphRunner {
    let analyzer: Analyzer
    let format: AnalysisFormat
    let nbest: Int
    let jobs: Int
    let lossy: Bool

    /// Lines are gathered into batches of about this many bytes before being analyzed.
    static let batchBytes = 1 << 20
    static let batchLines = 4096

    func run(path: String?) throws {
        let reader = try ByteLineReader(path: path)
        let out = ByteWriter()
        var batch = LineBatch()
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
        try reader.forEachLine { bytes, number in
            try checked(bytes, number: number, path: reader.displayPath) { line in batch.append(line, number: number) }
            if batch.bytes.count >= Self.batchBytes || batch.count >= Self.batchLines {
                analyze(batch, to: out)
                batch.removeAll()
            }
        }
        if batch.count > 0 { analyze(batch, to: out) }
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

    /// Analyzes a batch with `jobs` threads over contiguous chunks and writes the chunks in order.
    private func analyze(_ batch: LineBatch, to out: ByteWriter) {
        let chunkCount = min(batch.count, jobs * 8)
        var outputs = [[UInt8]](repeating: [], count: chunkCount)
        outputs.withUnsafeMutableBufferPointer { results in
            let results = UncheckedSendable(results)
            batch.bytes.withUnsafeBufferPointer { arena in
                let arena = UncheckedSendable(arena)
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    let lower = batch.count * chunk / chunkCount
                    let upper = batch.count * (chunk + 1) / chunkCount
                    let lattice = Lattice()
                    var output: [UInt8] = []
                    for index in lower..<upper {
                        let range = batch.ranges[index]
                        let line = UnsafeBufferPointer(rebasing: arena.value[range])
                        process(line, number: batch.numbers[index], lattice: lattice, output: &output)
                    }
                    results.value[chunk] = output
                }
            }
        }
        for output in outputs { output.withUnsafeBytes { out.write(bytes: $0) } }
    }
}

/// Lines copied out of the reader's buffer so that a batch can be analyzed in parallel.
struct LineBatch {
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

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
    }
}

/// Hands a buffer to `concurrentPerform` workers; each worker touches a disjoint part of it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
