#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an output file so that a crash, a failure or an interruption halfway never leaves half a file,
/// and never overwrites one of the command's own inputs.
///
/// ```swift
/// try AtomicFile.write(to: "corpus.xml", refusing: AtomicFile.storeFiles(store)) { fd in
///     try exporter.writeXML(toFileDescriptor: fd)
/// }
/// try AtomicFile.write(to: output, refusing: inputs) { writer in writer.write("…") }   // nil: stdout
/// ```
/// Every command that writes a file writes it through this type. What happens depends on the target:
/// - **An input or the open store** (the same device and inode, whatever the path says: a hard link,
///   a symbolic link, `./x` for `x`): refused before anything is written (``InputError``, exit 2).
/// - **`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`**: written to that descriptor, so a
///   shell's `>>` or pipe keeps working.
/// - **Anything that exists and is not a regular file** (a FIFO, a terminal, `/dev/null`): opened and
///   written directly; nothing is created or renamed.
/// - **A regular file, or nothing yet**: written to an unnamed file in the same folder (Linux
///   `O_TMPFILE`, which vanishes with a process killed even by SIGKILL), synced, linked under a random
///   name `.NAME.malmoi-tmp-` plus 12 letters only for the instant before it is renamed onto the target.
///   Where unnamed files are not available, the temporary file is created under that name with
///   `O_CREAT|O_EXCL|O_NOFOLLOW` (a planted file or symbolic link is never opened). The new
///   file keeps the old file's permission bits (and its owner, where the process may set it); a new
///   file gets `0666` less the umask, as the shell's `>` would. A symbolic link as the target stays a
///   link: the file it points to is replaced, or created when the link dangles (as the shell's `>` does).
/// - **A regular file with other hard links**: the output is first written and synced in full to the
///   temporary file as above, then copied over the existing file in place, so every name sees the new
///   content. Only that final copy is not atomic: if it fails (a full disk), the error is reported and
///   the file may hold part of the new output.
///
/// The temporary file is removed on any error and, through ``TemporaryFileCleanup``, on SIGINT, SIGTERM
/// and SIGHUP.
public enum AtomicFile {
    /// Writes `path` (see the type's description), passing `body` the descriptor to write to.
    /// - Parameters:
    ///   - path: the output path.
    ///   - inputs: files the command reads (`-` is standard input); an output that is one of them is
    ///     refused.
    ///   - body: writes the content; its descriptor must not be closed.
    /// - Returns: what `body` returns.
    /// - Throws: ``InputError`` `.invalidValue` when the output is an input; ``FileError`` when the file
    ///   cannot be created, written, synced or renamed; or what `body` throws. In every case the old
    ///   file is left as it was (except for the in-place copy to a hard-linked file, described above).
    @discardableResult
    public static func write<T>(to path: String, refusing inputs: [String] = [], _ body: (Int32) throws -> T) throws -> T {
        try refuseInputs(output: path, inputs: inputs)
        if let descriptor = standardDescriptor(path) { return try body(descriptor) }
        var target = stat()
        let exists = stat(path, &target) == 0
        if exists && (target.st_mode & S_IFMT) == S_IFDIR {
            throw InputError(.invalidValue, "--output \(path) is a folder; name a file")
        }
        if exists && (target.st_mode & S_IFMT) != S_IFREG {
            return try writeDirectly(to: path, body)
        }
        // A symbolic link stays a link: an existing target is replaced, and a dangling link is written
        // through (the file it names is created), as the shell's `>` does.
        // A link planted by another user in a shared sticky folder (/tmp) is not followed, as the kernel's
        // fs.protected_symlinks would not follow it for the shell either.
        try refuseForeignLink(path)
        let resolved = exists ? (realPath(path) ?? path) : try danglingLinkTarget(path) ?? path
        // An unnamed file (Linux O_TMPFILE) vanishes with a killed process, even one killed by SIGKILL,
        // which no handler can catch; it gets a name only for the instant before the rename.
        if let unnamed = openUnnamedFile(beside: resolved) {
            TemporaryFileCleanup.prepare()
            var isOpen = true
            do {
                try setMode(fd: unnamed, exists: exists, target: target)
                let result = try body(unnamed)
                guard fsync(unnamed) == 0 else { throw FileError(call: "fsync", path: resolved) }
                if exists && target.st_nlink > 1 {
                    try copyInPlace(from: unnamed, temporary: resolved, to: resolved)
                } else {
                    // The name is registered before the link exists, so an interrupt between the two removes it.
                    let (temporary, slot) = try linkUnnamedFile(unnamed, beside: resolved)
                    defer { TemporaryFileCleanup.unregister(slot) }
                    guard rename(temporary, resolved) == 0 else {
                        let error = FileError(call: "rename", path: resolved)
                        unlink(temporary)
                        throw error
                    }
                    syncFolder(of: resolved)
                }
                close(unnamed)
                isOpen = false
                return result
            } catch {
                if isOpen { close(unnamed) }
                throw error
            }
        }
        let (fd, temporary) = try createTemporaryFile(beside: resolved)
        let slot = TemporaryFileCleanup.register(temporary)
        var isOpen = true
        do {
            try setMode(fd: fd, exists: exists, target: target)
            let result = try body(fd)
            guard fsync(fd) == 0 else { throw FileError(call: "fsync", path: temporary) }
            if exists && target.st_nlink > 1 {
                try copyInPlace(from: fd, temporary: temporary, to: resolved)
                close(fd)
                isOpen = false
                unlink(temporary)
            } else {
                close(fd)
                isOpen = false
                guard rename(temporary, resolved) == 0 else { throw FileError(call: "rename", path: resolved) }
                syncFolder(of: resolved)
            }
            TemporaryFileCleanup.unregister(slot)
            return result
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            TemporaryFileCleanup.unregister(slot)
            throw error
        }
    }

    /// Runs `body` with a buffered writer to `path` (standard output when nil), written as
    /// ``write(to:refusing:_:)-(String,_,_)`` describes, and flushes it.
    /// - Throws: ``InputError`` `.invalidValue` when the output is an input, ``FileError``, or what
    ///   `body` throws.
    public static func write(to path: String?, refusing inputs: [String], _ body: (ByteWriter) throws -> Void) throws {
        guard let path else {
            let writer = ByteWriter()
            try body(writer)
            try writer.flush()
            return
        }
        try write(to: path, refusing: inputs) { fd in
            let writer = ByteWriter(fileDescriptor: fd)
            try body(writer)
            try writer.flush()
        }
    }

    /// The files of a SQLite store at `path`: the database, its journal, WAL and shared-memory files, and
    /// the writers' lock file. Pass them to `refusing:` so that an export never replaces the store it reads.
    public static func storeFiles(_ path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal", path + "-writer.lock"]
    }

    /// Throws when `output` is an existing regular file with the device and inode of one of `inputs`.
    static func refuseInputs(output: String, inputs: [String]) throws {
        var target = stat()
        if let descriptor = standardDescriptor(output) {
            guard fstat(descriptor, &target) == 0 else { return }
        } else {
            guard stat(output, &target) == 0 else { return }
        }
        guard (target.st_mode & S_IFMT) == S_IFREG else { return }   // a pipe or terminal destroys nothing
        for input in inputs {
            var other = stat()
            let found = input == "-" ? fstat(0, &other) == 0 : stat(input, &other) == 0
            if found && other.st_dev == target.st_dev && other.st_ino == target.st_ino {
                let what = input == "-" ? "standard input" : input == output ? "an input" : "the same file as \(input)"
                throw InputError(.invalidValue, "--output \(output) is \(what), which writing would destroy; write to another file")
            }
        }
    }

    /// The descriptor a path names when it is one of the process's own (`/dev/stdout`, `/dev/fd/1`, …).
    static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                guard let number = Int32(path.dropFirst(prefix.count)), number > 0 else { return nil }
                return fcntl(number, F_GETFD) >= 0 ? number : nil
            }
            return nil
        }
    }

    private static func writeDirectly<T>(to path: String, _ body: (Int32) throws -> T) throws -> T {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(call: "open", path: path) }
        defer { close(fd) }
        return try body(fd)
    }

    /// Creates `.NAME.malmoi-tmp-XXXXXXXXXXXX` beside `path`, exclusively and without following links.
    static func createTemporaryFile(beside path: String) throws -> (Int32, String) {
        for _ in 0..<100 {
            let temporary = temporaryName(beside: path)
            let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (fd, temporary) }
            if errno != EEXIST { throw FileError(call: "open", path: temporary) }
        }
        throw FileError("cannot create a temporary file beside \(path): 100 random names were taken")
    }

    /// A random `.NAME.malmoi-tmp-XXXXXXXXXXXX` beside `path`.
    private static func temporaryName(beside path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        var generator = SystemRandomNumberGenerator()
        let suffix = String(decoding: (0..<12).map { _ in letters[Int(generator.next(upperBound: UInt64(letters.count)))] }, as: UTF8.self)
        return folder + "." + name.prefix(100) + ".malmoi-tmp-" + suffix
    }

    /// An unnamed file in the folder of `path` (Linux `O_TMPFILE`), or nil where the system or the file
    /// system has none, or `/proc/self/fd` (needed to give it a name) is missing.
    private static func openUnnamedFile(beside path: String) -> Int32? {
        #if os(Linux)
        guard access("/proc/self/fd", F_OK) == 0 else { return nil }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        // O_TMPFILE is __O_TMPFILE | O_DIRECTORY, a macro the importer does not bring in.
        let unnamedFlag: Int32 = 0o20_000_000 | O_DIRECTORY
        let fd = open(folder.isEmpty ? "/" : folder, unnamedFlag | O_RDWR | O_CLOEXEC, 0o600)
        return fd >= 0 ? fd : nil
        #else
        return nil
        #endif
    }

    /// Gives the unnamed file `fd` a random name beside `path`, registered for removal on an interrupt, and
    /// returns the name and its ``TemporaryFileCleanup`` slot.
    private static func linkUnnamedFile(_ fd: Int32, beside path: String) throws -> (String, Int?) {
        for _ in 0..<100 {
            let temporary = temporaryName(beside: path)
            let slot = TemporaryFileCleanup.register(temporary)
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 { return (temporary, slot) }
            let failure = errno
            TemporaryFileCleanup.unregister(slot)
            if failure != EEXIST { errno = failure; throw FileError(call: "linkat", path: temporary) }
        }
        throw FileError("cannot name a temporary file beside \(path): 100 random names were taken")
    }

    /// Gives the new file the old file's mode and owner, or the mode the umask allows for a new file.
    private static func setMode(fd: Int32, exists: Bool, target: stat) throws {
        if exists {
            fchmod(fd, target.st_mode & 0o7777)
            if target.st_uid != geteuid() || target.st_gid != getegid() {
                _ = fchown(fd, target.st_uid, target.st_gid)   // best effort: only root may give files away
                fchmod(fd, target.st_mode & 0o7777)
            }
        } else {
            fchmod(fd, 0o666 & ~processUmask)
        }
    }

    /// The process's umask, read once without changing it (Linux `/proc/self/status`); where that is not
    /// available, read by one `umask` round trip the first time it is needed (Swift runs a global's
    /// initializer exactly once, so threads that write files never race on it).
    static let processUmask: mode_t = statusUmask() ?? {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()

    /// The `Umask:` line of `/proc/self/status` (Linux 4.7 and later), or nil.
    static func statusUmask() -> mode_t? {
        let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 16 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("Umask:") {
            return mode_t(String(line.dropFirst("Umask:".count).filter { $0 != " " && $0 != "\t" }), radix: 8)
        }
        return nil
    }

    /// Refuses a symbolic link `path` that sits in a sticky, world-writable folder and belongs neither to
    /// this user nor to the folder's owner (someone else planted it there; the rule of Linux's
    /// `fs.protected_symlinks`). Anything else, links included, passes.
    /// - Throws: ``InputError`` naming the link.
    static func refuseForeignLink(_ path: String) throws {
        var link = stat()
        guard lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK else { return }
        let folder = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        var parent = stat()
        guard stat(folder, &parent) == 0 else { return }
        let shared = parent.st_mode & S_ISVTX != 0 && parent.st_mode & S_IWOTH != 0
        if shared && link.st_uid != geteuid() && link.st_uid != parent.st_uid {
            throw InputError(.invalidValue, """
                --output \(path) is a symbolic link another user made in the shared folder \(folder); it is not followed \
                (name the file it points to, or remove the link)
                """)
        }
    }

    /// The path a dangling symbolic link `path` finally names (following a chain of links, relative
    /// links from their own folder), or nil when `path` is not a symbolic link.
    /// - Throws: ``FileError`` for a loop of links.
    static func danglingLinkTarget(_ path: String) throws -> String? {
        var current = path
        var info = stat()
        for _ in 0..<40 {
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else {
                return current == path ? nil : current
            }
            try refuseForeignLink(current)
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { throw FileError(call: "readlink", path: current) }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else {
                current = (current.lastIndex(of: "/").map { String(current[...$0]) } ?? "") + target
            }
        }
        errno = ELOOP
        throw FileError(call: "open", path: path)
    }

    /// Copies the synced temporary file over `target` in place (keeping its inode and hard links).
    private static func copyInPlace(from source: Int32, temporary: String, to target: String) throws {
        let destination = open(target, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard destination >= 0 else { throw FileError(call: "open", path: target) }
        defer { close(destination) }
        guard lseek(source, 0, SEEK_SET) == 0 else { throw FileError(call: "lseek", path: temporary) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0 { if errno == EINTR { continue }; throw FileError(call: "read", path: temporary) }
            if count == 0 { break }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { pwrite(destination, $0.baseAddress! + offset, count - offset, total + off_t(offset)) }
                if written < 0 { if errno == EINTR { continue }; throw FileError(call: "write", path: target) }
                offset += written
            }
            total += off_t(count)
        }
        guard ftruncate(destination, total) == 0 else { throw FileError(call: "ftruncate", path: target) }
        guard fsync(destination) == 0 else { throw FileError(call: "fsync", path: target) }
    }

    /// Syncs the folder holding `path`, so the rename itself survives a power loss (best effort).
    private static func syncFolder(of path: String) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// A file could not be created, synced, renamed, written or read: a runtime failure (exit 1) naming the
/// failing call, the file and the system's reason.
public struct FileError: LocatedError, Hashable {
    /// What failed, e.g. `write failed for out.xml: No space left on device`.
    public var message: String

    /// Creates an error with a message.
    public init(_ message: String) { self.message = message }

    /// Creates an error for a failed system call, with `errno`'s text.
    public init(call: String, path: String) {
        self.message = "\(call) failed for \(path): \(String(cString: strerror(errno)))"
    }

    /// No line: the error names a file.
    public var location: SourceLocation? { nil }
    /// A failure of the machine, not of the input.
    public var isBadInput: Bool { false }
}
