import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Runs work over index ranges on all cores. Each call hands out fixed, disjoint ranges, and callers
/// write only to their own slots, so results never depend on the number of threads.
enum Parallel {
    /// The number of online processors.
    static var processorCount: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }

    /// Calls `body` with consecutive ranges covering `0..<count`, in parallel.
    static func forEachRange(_ count: Int, threads: Int, minimumChunk: Int = 64, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, (count + minimumChunk - 1) / minimumChunk))
        if workers == 1 { body(0..<count); return }
        let chunks = workers * 4
        let size = (count + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = chunk * size
                let end = min(count, start + size)
                if start < end { shared.value(start..<end) }
            }
        }
    }
}

/// Carries a non-Sendable value into `concurrentPerform`, whose workers write disjoint slots.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A fixed-size buffer that parallel workers fill at disjoint indices.
final class SharedBuffer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    subscript(index: Int) -> Element {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    var array: [Element] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}
