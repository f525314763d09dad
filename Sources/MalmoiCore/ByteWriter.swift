#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to a file descriptor (standard output by default).
///
/// Output-heavy commands write through this instead of `print`: a 64 KiB buffer flushed with
/// `write(2)` is several times faster when millions of lines go into a pipe.
///
/// ```swift
/// let out = ByteWriter()
/// out.write("안녕\n")
/// try out.flush()
/// ```
/// Writes never throw; the first system error is remembered and thrown by ``flush()``.
public final class ByteWriter {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private let capacity: Int
    private var failure: FileError?

    /// Writes to an open file descriptor, which the writer does not close.
    public init(fileDescriptor: Int32 = 1, capacity: Int = 1 << 16) {
        fd = fileDescriptor
        ownsDescriptor = false
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    /// Creates (or truncates) a file and writes to it; the writer closes it when it is released.
    /// - Throws: ``InputError`` `.unreadableFile` when the file cannot be created.
    public init(creatingFileAt path: String, capacity: Int = 1 << 16) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw InputError(.unreadableFile, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        fd = descriptor
        ownsDescriptor = true
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    deinit {
        try? flush()
        if ownsDescriptor { close(fd) }
    }

    /// Appends the UTF-8 bytes of a string.
    public func write(_ string: String) {
        var string = string
        string.withUTF8 { write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Appends raw bytes.
    public func write(bytes: UnsafeRawBufferPointer) {
        if buffer.count + bytes.count > capacity { drain() }
        if bytes.count >= capacity {
            writeFully(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends raw bytes.
    public func write(bytes: UnsafeBufferPointer<UInt8>) {
        write(bytes: UnsafeRawBufferPointer(bytes))
    }

    /// Appends one byte.
    public func write(byte: UInt8) {
        if buffer.count + 1 > capacity { drain() }
        buffer.append(byte)
    }

    /// Writes everything buffered so far.
    /// - Throws: ``FileError`` (a runtime failure, exit 1) if any earlier write failed, with the system's
    ///   reason (for example `No space left on device`).
    public func flush() throws {
        drain()
        if let failure { throw failure }
    }

    private func drain() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { writeFully($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = systemWrite(fd, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                failure = FileError("cannot write output: \(String(cString: strerror(errno)))")
                return
            }
            remaining -= written
            pointer += written
        }
    }
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, pointer, count)
    #else
    return Darwin.write(fd, pointer, count)
    #endif
}
