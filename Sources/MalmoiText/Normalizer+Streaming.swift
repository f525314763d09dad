import MalmoiCore

extension Normalizer {
    /// What a streaming normalization pass saw.
    public struct StreamStatistics: Sendable, Hashable {
        /// Bytes read.
        public var bytesRead = 0
        /// Bytes written.
        public var bytesWritten = 0
        /// Invalid UTF-8 sequences replaced by U+FFFD (only in lossy mode).
        public var replacedSequences = 0
    }

    /// Normalizes a whole input stream into an output stream in bounded memory, keeping the line
    /// structure (line ends, including `\r\n`, pass through unchanged: they are normalization
    /// boundaries in every form).
    ///
    /// Input is read in blocks of whole lines; a block that is already normalized is written as is.
    /// - Parameters:
    ///   - reader: the input.
    ///   - writer: where the normalized text goes.
    ///   - lossy: replace invalid UTF-8 with U+FFFD instead of failing.
    ///   - composingJamo: reassemble typed jamo first (``Hangul/composeJamo(_:)``: ㅅㅣㅂㅏㄹ → 시발); it
    ///     must run before the form (NFKC would turn compatibility jamo into conjoining ones). This path
    ///     decodes each block into a string.
    ///   - progress: called after each block with the bytes read so far.
    /// - Throws: ``InputError`` `.invalidUTF8` naming the line, column and byte offset of the first
    ///   invalid byte (unless `lossy`); ``TextError`` if ICU fails.
    @discardableResult
    public func normalize(
        stream reader: ByteLineReader,
        to writer: ByteWriter,
        lossy: Bool = false,
        composingJamo: Bool = false,
        progress: ((Int) -> Void)? = nil
    ) throws -> StreamStatistics {
        var statistics = StreamStatistics()
        var output: [UInt8] = []
        var repaired: [UInt8] = []
        func emit(_ source: UnsafeBufferPointer<UInt8>) throws {
            if composingJamo {
                let text = normalize(Hangul.composeJamo(String(decoding: source, as: UTF8.self)).text)
                writer.write(text)
                statistics.bytesWritten += text.utf8.count
            } else if try ICU.isNormalizedUTF8(form, source) {
                writer.write(bytes: source)
                statistics.bytesWritten += source.count
            } else {
                try ICU.normalizeUTF8(form, source, into: &output)
                output.withUnsafeBufferPointer { writer.write(bytes: $0) }
                statistics.bytesWritten += output.count
            }
        }
        try reader.forEachBlock { block, firstLine in
            if let bad = firstInvalidUTF8(block) {
                guard lossy else {
                    throw Self.invalidUTF8Error(block, badOffset: bad, firstLine: firstLine,
                                                blockStart: statistics.bytesRead, path: reader.displayPath)
                }
                statistics.replacedSequences += Self.repair(block, into: &repaired)
                try repaired.withUnsafeBufferPointer { try emit($0) }
            } else {
                try emit(block)
            }
            statistics.bytesRead += block.count
            progress?(statistics.bytesRead)
        }
        try writer.flush()
        return statistics
    }

    /// Replaces each maximal invalid subsequence with U+FFFD (the Unicode-recommended practice, as
    /// Python's `errors="replace"` does) and returns how many were replaced.
    public static func repair(_ block: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Int {
        output.removeAll(keepingCapacity: true)
        var replaced = 0
        var decoder = UTF8()
        var iterator = block.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                output.append(contentsOf: UTF8.encode(scalar)!)
            case .error:
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                replaced += 1
            case .emptyInput:
                break loop
            }
        }
        return replaced
    }

    static func invalidUTF8Error(
        _ block: UnsafeBufferPointer<UInt8>, badOffset: Int, firstLine: Int, blockStart: Int, path: String
    ) -> InputError {
        var line = firstLine
        var lineStart = 0
        for index in 0..<badOffset where block[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = badOffset - lineStart + 1
        let byte = String(block[badOffset], radix: 16, uppercase: true)
        return InputError(
            .invalidUTF8,
            "invalid UTF-8 (byte 0x\(byte) at byte offset \(blockStart + badOffset) of the input); use --lossy to replace invalid bytes with U+FFFD",
            at: SourceLocation(path: path, line: line, column: column))
    }
}
