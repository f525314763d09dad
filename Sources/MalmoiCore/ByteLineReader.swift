#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file or standard input as lines of bytes, in bounded memory.
///
/// ```swift
/// let reader = try ByteLineReader(path: "items.jsonl")
/// try reader.forEachLine { bytes, line in
///     // `bytes` has no line terminator; `line` is 1-based.
/// }
/// ```
///
/// Lines end with `\n`; a `\r` before it is dropped, and a UTF-8 byte order mark at the start of the
/// input is skipped. Memory stays at one buffer (1 MiB by default) unless a single line is longer, in
/// which case the buffer grows to hold that line.
public final class ByteLineReader {
    /// The path as given, or `<stdin>`; used in error locations.
    public let displayPath: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var storage: UnsafeMutableRawBufferPointer
    /// Bytes read from the input so far.
    public private(set) var bytesRead = 0
    /// Called with ``bytesRead`` after every read from the input (for a progress bar); nil by default.
    public var onRead: ((Int) -> Void)?

    /// The input's size in bytes when it is a regular file (nil for pipes and terminals).
    public var fileSize: Int? {
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// Opens a file for reading, or standard input when `path` is nil or `-`.
    /// - Throws: ``InputError`` with code `.unreadableFile` naming the path and the system's reason.
    public init(path: String?, bufferSize: Int = 1 << 20) throws {
        if let path, path != "-" {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw InputError(.unreadableFile, "cannot open \(path): \(String(cString: strerror(errno)))")
            }
            fd = descriptor
            ownsDescriptor = true
            displayPath = path
        } else {
            fd = 0
            ownsDescriptor = false
            displayPath = "<stdin>"
        }
        storage = .allocate(byteCount: max(bufferSize, 16), alignment: 16)
    }

    deinit {
        storage.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// Calls `body` with blocks of whole lines, each block ending just after a `\n` (the last block may
    /// end without one). Bytes are passed as read: no `\r` is removed; a leading byte order mark is
    /// removed only when `skipByteOrderMark` is true.
    ///
    /// This is the fast path for byte-level filters such as normalization: the line terminators are
    /// part of the blocks, so writing the blocks out unchanged reproduces the input exactly.
    /// - Parameter body: receives the block and the 1-based number of its first line.
    public func forEachBlock(
        skipByteOrderMark: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void
    ) throws {
        var start = 0
        var end = 0
        var line = 1
        var atStart = true
        var eof = false
        while !eof {
            if start > 0 {
                let remaining = end - start
                if remaining > 0 {
                    storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: remaining)
                }
                start = 0
                end = remaining
            }
            if end == storage.count {
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 16)
                bigger.baseAddress!.copyMemory(from: storage.baseAddress!, byteCount: end)
                storage.deallocate()
                storage = bigger
            }
            let count = try readSome(into: storage.baseAddress! + end, capacity: storage.count - end)
            if count == 0 { eof = true } else { end += count }
            if atStart {
                if end < 3 && !eof { continue }
                atStart = false
                if skipByteOrderMark, end >= 3,
                   storage[0] == 0xEF, storage[1] == 0xBB, storage[2] == 0xBF {
                    start = 3
                }
            }
            let base = storage.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var blockEnd = end
            if !eof {
                guard let newline = Self.lastNewline(base + start, count: end - start) else { continue }
                blockEnd = start + newline + 1
            }
            if blockEnd > start {
                let block = UnsafeBufferPointer(start: base + start, count: blockEnd - start)
                try body(block, line)
                line += Self.countNewlines(block)
            }
            start = blockEnd
        }
    }

    /// Calls `body` with each line's bytes (without `\n` or a `\r` before it) and its 1-based number.
    /// A final line without a terminator is included; an empty input has no lines.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        try forEachBlock(skipByteOrderMark: true) { block, firstLine in
            var line = firstLine
            var offset = 0
            let base = block.baseAddress!
            while offset < block.count {
                let rest = block.count - offset
                var length = rest
                var next = block.count
                if let found = memchr(base + offset, 0x0A, rest) {
                    length = UnsafeRawPointer(found) - UnsafeRawPointer(base + offset)
                    next = offset + length + 1
                }
                var contentLength = length
                if contentLength > 0 && base[offset + contentLength - 1] == 0x0D { contentLength -= 1 }
                try body(UnsafeBufferPointer(start: base + offset, count: contentLength), line)
                line += 1
                offset = next
            }
        }
    }

    private func readSome(into pointer: UnsafeMutableRawPointer, capacity: Int) throws -> Int {
        while true {
            let count = read(fd, pointer, capacity)
            if count >= 0 {
                bytesRead += count
                onRead?(bytesRead)
                return count
            }
            if errno == EINTR { continue }
            throw InputError(.unreadableFile, "cannot read \(displayPath): \(String(cString: strerror(errno)))")
        }
    }

    private static func lastNewline(_ pointer: UnsafePointer<UInt8>, count: Int) -> Int? {
        var index = count - 1
        while index >= 0 {
            if pointer[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    private static func countNewlines(_ block: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var offset = 0
        let base = block.baseAddress!
        while offset < block.count, let found = memchr(base + offset, 0x0A, block.count - offset) {
            count += 1
            offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
        }
        return count
    }
}
