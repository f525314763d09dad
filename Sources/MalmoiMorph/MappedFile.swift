#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory mapping of a whole file; the mapping lives as long as this object.
///
/// Mapping is what makes loading the 80 MB `sys.dic` cost microseconds: pages are read on first use.
/// The start of a mapping is page-aligned, so typed views of 8-byte-aligned sections are aligned.
final class MappedFile: @unchecked Sendable {
    /// The path that was mapped, for error messages.
    let path: String
    /// The first byte of the mapping (a valid pointer even for an empty file).
    let base: UnsafeRawPointer
    /// The size of the file in bytes.
    let count: Int
    private let mapping: UnsafeMutableRawPointer?

    /// Maps `path` read-only.
    /// - Throws: ``MorphError`` `.unreadableFile` naming the path and the system's reason.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw MorphError(.unreadableFile, "cannot open: \(String(cString: strerror(errno)))", path: path)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw MorphError(.unreadableFile, "cannot stat: \(String(cString: strerror(errno)))", path: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw MorphError(.unreadableFile, "not a regular file", path: path)
        }
        count = Int(info.st_size)
        if count == 0 {
            mapping = nil
            base = UnsafeRawPointer(bitPattern: 16)!
            return
        }
        let pointer = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let pointer, pointer != MAP_FAILED else {
            throw MorphError(.unreadableFile, "cannot map: \(String(cString: strerror(errno)))", path: path)
        }
        mapping = pointer
        base = UnsafeRawPointer(pointer)
    }

    deinit {
        if let mapping { munmap(mapping, count) }
    }

    /// Reads a little-endian integer at a byte offset (callers check bounds first).
    @inline(__always)
    func load<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
