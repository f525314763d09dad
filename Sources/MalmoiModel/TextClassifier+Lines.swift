import Dispatch
import MalmoiCore

extension TextClassifier {
    /// Labels every line of the files (`-` is standard input) and writes one JSON object per line to
    /// `out`, as ``predictedJSONLines(_:threads:)`` shapes it.
    ///
    /// A line starting with `{` is JSONL `{"id"?, "text"}`; any other line is the text itself. Lines
    /// are copied into blocks of up to 8,192 lines (and about 4 MiB); each block is split into pieces
    /// that the `threads` workers check, decode, label and serialize on their own, and the pieces are
    /// written in order. `progress` is told the bytes read after each block. Lines before a bad line
    /// are still labelled and written before the error is thrown.
    public func predictLines(of paths: [String], threads: Int? = nil, to out: ByteWriter,
                             progress: (Int) -> Void = { _ in }) throws {
        let workers = max(1, threads ?? Parallel.processorCount)
        var bytesRead = 0
        var block = LineBlock()
        func flush() throws {
            defer { block.removeAll() }
            guard !block.isEmpty else { return }
            try labelBlock(block, workers: workers, to: out)
        }
        do {
            for path in paths {
                let reader = try ByteLineReader(path: path)
                try reader.forEachLine { bytes, line in
                    bytesRead += bytes.count + 1
                    block.append(bytes, line: line, path: reader.displayPath)
                    if block.count == 8192 || block.bytes.count >= 4 << 20 {
                        try flush()
                        progress(bytesRead)
                    }
                }
            }
            try flush()
        } catch {
            // A read error: what was read before it is still labelled and written.
            try? flush()
            try? out.flush()
            throw error
        }
        try out.flush()
    }

    /// Labels one block on `workers` threads and writes its results in order; throws the first bad
    /// line's error after writing the results of the lines before it.
    private func labelBlock(_ block: LineBlock, workers: Int, to out: ByteWriter) throws {
        let pieces = workers == 1 || block.count < 128 ? 1 : workers * 4
        let size = (block.count + pieces - 1) / pieces
        let outputs = SharedBuffer<[UInt8]>(repeating: [], count: pieces)
        let failures = SharedBuffer<Error?>(repeating: nil, count: pieces)
        let work = { (piece: Int) in
            let start = piece * size
            let end = min(block.count, start + size)
            guard start < end else { return }
            var scratch = PredictionScratch(bucketCount: extractor.bucketCount)
            var buffer: [UInt8] = []
            buffer.reserveCapacity((block.offsets[end] - block.offsets[start]) / 2 + (end - start) * 64)
            block.bytes.withUnsafeBufferPointer { all in
                for index in start..<end {
                    let bytes = UnsafeBufferPointer(rebasing: all[block.offsets[index]..<block.offsets[index + 1]])
                    do {
                        let (id, text) = try Self.entry(bytes, line: block.lines[index], path: block.paths[block.pathIndex[index]])
                        predict(text, scratch: &scratch).appendJSON(id: id, to: &buffer)
                        buffer.append(0x0A)
                    } catch {
                        failures[piece] = error
                        break
                    }
                }
            }
            outputs[piece] = buffer
        }
        if pieces == 1 {
            work(0)
        } else {
            withoutActuallyEscaping(work) { work in
                let shared = UncheckedBox(work)
                DispatchQueue.concurrentPerform(iterations: pieces) { shared.value($0) }
            }
        }
        for piece in 0..<pieces {
            outputs[piece].withUnsafeBytes { out.write(bytes: $0) }
            if let error = failures[piece] { throw error }
        }
    }

    /// The id and text of one input line (JSONL when it starts with `{`, otherwise the line itself).
    private static func entry(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, path: String) throws -> (JSONValue?, String) {
        if bytes.first != UInt8(ascii: "{"), let text = String(validating: bytes, as: UTF8.self) {
            return (nil, text)   // a plain line: checked and copied in one pass
        }
        if let bad = firstInvalidUTF8(bytes) {
            throw InputError(.invalidUTF8, "invalid UTF-8 at byte \(bad + 1)", at: SourceLocation(path: path, line: line))
        }
        if bytes.first == UInt8(ascii: "{") {
            let object = try JSONLReader.parseObject(bytes, path: path, line: line)
            let record = JSONRecord(object: object, location: SourceLocation(path: path, line: line))
            return (object["id"], try record.string("text"))
        }
        return (nil, String(decoding: bytes, as: UTF8.self))
    }
}

/// Input lines copied into one buffer, with where each starts, its line number and its file.
struct LineBlock {
    var bytes: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` are line `i`'s bytes.
    var offsets: [Int] = [0]
    var lines: [Int] = []
    var pathIndex: [Int] = []
    var paths: [String] = []

    var count: Int { lines.count }
    var isEmpty: Bool { lines.isEmpty }

    mutating func append(_ line: UnsafeBufferPointer<UInt8>, line number: Int, path: String) {
        if paths.last != path { paths.append(path) }
        bytes.append(contentsOf: line)
        offsets.append(bytes.count)
        lines.append(number)
        pathIndex.append(paths.count - 1)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        lines.removeAll(keepingCapacity: true)
        pathIndex.removeAll(keepingCapacity: true)
        paths.removeAll()
    }
}
