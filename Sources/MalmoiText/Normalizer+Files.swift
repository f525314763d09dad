import MalmoiCore

extension Normalizer {
    /// Normalizes files one after the other into one output stream (`malmoi normalize`), in bounded
    /// memory, keeping line ends; `-` reads standard input.
    /// - Parameters:
    ///   - paths: The input files, in order.
    ///   - writer: Where the normalized text goes.
    ///   - lossy: Replace invalid UTF-8 with U+FFFD instead of failing.
    ///   - composingJamo: Reassemble typed jamo first (see ``normalize(stream:to:lossy:composingJamo:progress:)``).
    ///   - progress: Called after each block with the bytes read so far of the current file.
    /// - Returns: The invalid UTF-8 sequences replaced, over all files (only when `lossy`).
    /// - Throws: ``InputError`` for an unreadable file or invalid UTF-8 (unless `lossy`); ``TextError`` if ICU fails.
    public func normalize(files paths: [String], to writer: ByteWriter, lossy: Bool = false, composingJamo: Bool = false,
                          progress: ((Int) -> Void)? = nil) throws -> Int {
        var replaced = 0
        for path in paths {
            let reader = try ByteLineReader(path: path)
            replaced += try normalize(stream: reader, to: writer, lossy: lossy, composingJamo: composingJamo, progress: progress).replacedSequences
        }
        return replaced
    }
}
