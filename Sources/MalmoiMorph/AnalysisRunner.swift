import MalmoiCore

/// Analyzes a stream of lines and writes each line's analysis in one output format, in input order:
/// what `malmoi morph` runs.
///
/// ```swift
/// let runner = AnalysisRunner(analyzer: analyzer, format: .mecab, nbest: 1, jobs: 4, lossy: false)
/// try runner.run(reader: try ByteLineReader(path: "corpus.txt"), to: ByteWriter())
/// ```
/// With one job the lines are analyzed as they are read, into one reused lattice. With several, lines
/// are copied into blocks that worker threads analyze (``ByteLineReader/mapLineBlocks(jobs:blockBytes:blockLines:inFlightPerJob:prepare:transform:emit:)``),
/// and each block's output is written as soon as it and every block before it are done.
public struct AnalysisRunner: Sendable {
    /// The analyzer (shared by the worker threads; each has its own lattice).
    public let analyzer: Analyzer
    /// The output format.
    public let format: AnalysisFormat
    /// Analyses per line (1: the best path; more: MeCab's `-N`).
    public let nbest: Int
    /// Worker threads.
    public let jobs: Int
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    public let lossy: Bool
    /// Rewrites each line before analysis (`malmoi morph --normalize`); `nil`: lines are analyzed as read.
    public var normalizeLine: LineNormalizer?

    /// Rewrites one valid UTF-8 line before analysis: returns `nil` when the line is analyzed as it is,
    /// otherwise fills the buffer with the bytes to analyze and returns the function that maps a scalar
    /// range of those bytes to the scalar range of the original line it came from.
    public typealias LineNormalizer =
        @Sendable (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> (@Sendable (Range<Int>) -> Range<Int>)?

    /// Creates a runner.
    public init(analyzer: Analyzer, format: AnalysisFormat, nbest: Int = 1, jobs: Int = 1, lossy: Bool = false) {
        self.analyzer = analyzer
        self.format = format
        self.nbest = nbest
        self.jobs = jobs
        self.lossy = lossy
    }

    /// Analyzes every line of `reader` and writes the output to `out`, flushed.
    /// - Throws: ``InputError`` `.invalidUTF8` naming the line and byte column (unless ``lossy``), or
    ///   what the reader or the writer throws.
    public func run(reader: ByteLineReader, to out: ByteWriter) throws {
        if jobs == 1 {
            let lattice = Lattice()
            var output: [UInt8] = []
            var scratch: [UInt8] = []
            output.reserveCapacity(1 << 17)
            try reader.forEachLine { bytes, number in
                try checked(bytes, number: number, path: reader.displayPath) { line in
                    process(line, number: number, lattice: lattice, scratch: &scratch, output: &output)
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
        try reader.mapLineBlocks(jobs: jobs, prepare: { bytes, number, block in
            try checked(bytes, number: number, path: reader.displayPath) { line in block.append(line, number: number) }
        }, transform: { block in
            let lattice = Lattice()
            var output: [UInt8] = []
            var scratch: [UInt8] = []
            output.reserveCapacity(block.bytes.count * 4)
            block.forEachLine { line, number in
                process(line, number: number, lattice: lattice, scratch: &scratch, output: &output)
            }
            return output
        }, emit: { output in
            output.withUnsafeBytes { out.write(bytes: $0) }
        })
        try out.flush()
    }

    /// Calls `body` with the line's valid UTF-8: the bytes themselves, or with ``lossy`` a repaired copy.
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

    private func process(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, lattice: Lattice, scratch: inout [UInt8], output: inout [UInt8]
    ) {
        if let normalizeLine, let originalRange = normalizeLine(line, &scratch) {
            scratch.withUnsafeBufferPointer { normal in
                analyzer.build(lattice, utf8: normal, allPaths: nbest > 1)
                let paths = nbest > 1 ? lattice.nbestPaths(nbest) : [lattice.bestPath]
                format.append(line: normal, number: number, paths: paths, lattice: lattice, analyzer: analyzer,
                              original: (line, originalRange), to: &output)
            }
            return
        }
        analyzer.build(lattice, utf8: line, allPaths: nbest > 1)
        let paths = nbest > 1 ? lattice.nbestPaths(nbest) : [lattice.bestPath]
        format.append(line: line, number: number, paths: paths, lattice: lattice, analyzer: analyzer, to: &output)
    }
}
