/// Lines copied out of a reader's buffer into one array, so that worker threads can process them.
///
/// ```swift
/// var block = LineBlock()
/// block.append(line, number: 7)
/// block.forEachLine { bytes, number in … }
/// ```
public struct LineBlock: Sendable {
    /// The lines' bytes, back to back (no terminators).
    public private(set) var bytes: [UInt8] = []
    /// Where each line lies in ``bytes``.
    public private(set) var ranges: [Range<Int>] = []
    /// Each line's 1-based number in its input.
    public private(set) var numbers: [Int] = []

    /// An empty block.
    public init() {}

    /// Lines in the block.
    public var count: Int { ranges.count }

    /// Appends a copy of a line.
    public mutating func append(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        let start = bytes.count
        bytes.append(contentsOf: line)
        ranges.append(start..<bytes.count)
        numbers.append(number)
    }

    /// Appends a line given as a string (its UTF-8).
    public mutating func append(_ line: String, number: Int) {
        var copy = line
        copy.withUTF8 { append($0, number: number) }
    }

    /// Calls `body` with each line's bytes and number, in order.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { arena in
            for index in 0..<ranges.count {
                try body(UnsafeBufferPointer(rebasing: arena[ranges[index]]), numbers[index])
            }
        }
    }
}

extension ByteLineReader {
    /// Reads the lines into blocks, transforms the blocks on `jobs` worker threads and hands each
    /// block's output to `emit` in input order, as soon as it and every block before it are done.
    ///
    /// ```swift
    /// try reader.mapLineBlocks(jobs: 4, transform: { block in analyze(block) }, emit: { out.write($0) })
    /// ```
    /// Reading, transforming and writing overlap; at most `inFlightPerJob × jobs` blocks are queued or
    /// unwritten, so memory stays bounded.
    /// - Parameters:
    ///   - jobs: worker threads (at least 1).
    ///   - blockBytes: a block is handed on once it holds about this many bytes …
    ///   - blockLines: … or this many lines, whichever comes first.
    ///   - inFlightPerJob: blocks in flight per worker.
    ///   - prepare: called on the reading thread with each line, its number and the open block; it
    ///     appends what the workers need (by default, the line itself) or throws to stop the run.
    ///   - transform: the work on one block, on a worker thread.
    ///   - emit: called on the calling thread with each output, in order.
    /// - Throws: what `prepare`, `emit` or the reader throws; the workers are stopped either way.
    public func mapLineBlocks<Output: Sendable>(
        jobs: Int, blockBytes: Int = 64 << 10, blockLines: Int = 512, inFlightPerJob: Int = 8,
        prepare: (UnsafeBufferPointer<UInt8>, Int, inout LineBlock) throws -> Void = { line, number, block in block.append(line, number: number) },
        transform: @escaping @Sendable (LineBlock) -> Output,
        emit: (Output) throws -> Void
    ) throws {
        let map = OrderedParallelMap(workers: jobs, inFlight: jobs * inFlightPerJob, transform: transform)
        defer { map.stop() }
        var block = LineBlock()
        try forEachLine { bytes, number in
            try prepare(bytes, number, &block)
            if block.bytes.count >= blockBytes || block.count >= blockLines {
                try map.submit(block, emit: emit)
                block = LineBlock()
            }
        }
        if block.count > 0 { try map.submit(block, emit: emit) }
        try map.finish(emit: emit)
    }
}
