#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A mutex on pthreads: serializes calls into objects that are not thread-safe (ICU transliterators)
/// and guards the state shared by ``OrderedParallelMap``'s threads.
///
/// ```swift
/// let lock = Lock()
/// let value = lock.withLock { shared.count }
/// ```
public final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Creates an unlocked mutex.
    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws (the mutex is released either way).
    public func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
