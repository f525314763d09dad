import MalmoiCore

extension TextClassifier {
    /// Labels every line of the files (`-` is standard input) and writes one JSON object per line to
    /// `out`, as ``predictedJSONLines(_:threads:)`` shapes it.
    ///
    /// A line starting with `{` is JSONL `{"id"?, "text"}`; any other line is the text itself. Lines
    /// are labelled in blocks of 8,192 on `threads` workers; `progress` is told the bytes read after each
    /// block. Lines before a bad line are still labelled and written before the error is thrown.
    public func predictLines(of paths: [String], threads: Int? = nil, to out: ByteWriter,
                             progress: (Int) -> Void = { _ in }) throws {
        var bytesRead = 0
        var batch: [(id: JSONValue?, text: String)] = []
        func flush() {
            for line in predictedJSONLines(batch, threads: threads) {
                line.withUnsafeBytes { out.write(bytes: $0) }
            }
            batch.removeAll(keepingCapacity: true)
        }
        defer { if !batch.isEmpty { flush() }; try? out.flush() }
        for path in paths {
            let reader = try ByteLineReader(path: path)
            try reader.forEachLine { bytes, line in
                bytesRead += bytes.count + 1
                let location = SourceLocation(path: reader.displayPath, line: line)
                if let bad = firstInvalidUTF8(bytes) {
                    throw InputError(.invalidUTF8, "invalid UTF-8 at byte \(bad + 1)", at: location)
                }
                if bytes.first == UInt8(ascii: "{") {
                    let object = try JSONLReader.parseObject(bytes, path: reader.displayPath, line: line)
                    let record = JSONRecord(object: object, location: location)
                    batch.append((object["id"], try record.string("text")))
                } else {
                    batch.append((nil, String(decoding: bytes, as: UTF8.self)))
                }
                if batch.count == 8192 {
                    flush()
                    progress(bytesRead)
                }
            }
        }
        if !batch.isEmpty { flush() }
    }
}
