#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Transforms inputs on worker threads and hands the outputs back in submission order.
///
/// ```swift
/// let map = OrderedParallelMap(workers: 4, inFlight: 32) { (block: LineBlock) in analyze(block) }
/// defer { map.stop() }
/// for block in blocks { try map.submit(block) { output in write(output) } }
/// try map.finish { output in write(output) }
/// ```
/// One dedicated thread per worker (not the shared Dispatch pool, which may run fewer). The submitting
/// thread calls ``submit(_:emit:)`` and ``finish(emit:)``; workers take inputs from a FIFO queue (a
/// semaphore counts them) and store each output under its sequence number (another semaphore signals
/// each one). At most `inFlight` inputs are queued or unwritten, so memory stays bounded.
/// ``stop()`` ends the workers and waits for them.
public final class OrderedParallelMap<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private struct State {
        var queue: [(sequence: Int, input: Input?)] = []
        var head = 0
        var outputs: [Int: Output] = [:]
    }

    private let lock = Lock()
    private var state = State()
    private let queued = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let group = DispatchGroup()
    private let workers: Int
    private let limit: Int
    private var submitted = 0
    private var written = 0
    private var isStopped = false

    /// Starts `workers` threads running `transform` on each input.
    /// - Parameters:
    ///   - workers: threads (at least 1).
    ///   - inFlight: inputs queued or unwritten before ``submit(_:emit:)`` waits for the oldest output.
    ///   - transform: the work, run on a worker thread.
    public init(workers: Int, inFlight: Int, transform: @escaping @Sendable (Input) -> Output) {
        self.workers = max(1, workers)
        self.limit = max(1, inFlight)
        for _ in 0..<self.workers {
            group.enter()
            WorkerThread.start { [self] in
                defer { group.leave() }
                while true {
                    queued.wait()
                    guard let next = take() else { return }  // no input: the stop signal
                    let output = transform(next.input)
                    lock.withLock { state.outputs[next.sequence] = output }
                    finished.signal()
                }
            }
        }
    }

    deinit { stop() }

    /// Inputs submitted whose outputs were not handed back yet.
    public var inFlight: Int { submitted - written }

    /// Queues an input, then hands every output that is ready to `emit`, in order, waiting for the
    /// oldest while `inFlight` is at the limit. Call from one thread only.
    /// - Throws: what `emit` throws.
    public func submit(_ input: Input, emit: (Output) throws -> Void) rethrows {
        let sequence = submitted
        lock.withLock { state.queue.append((sequence, input)) }
        submitted += 1
        queued.signal()
        while let output = nextOutput(waiting: inFlight >= limit) { try emit(output) }
    }

    /// Waits for every output still in flight and hands them to `emit`, in order.
    /// - Throws: what `emit` throws.
    public func finish(emit: (Output) throws -> Void) rethrows {
        while let output = nextOutput(waiting: true) { try emit(output) }
    }

    /// Ends the workers (after the inputs already queued) and waits for them; later calls do nothing.
    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        for _ in 0..<workers { queued.signal() }
        group.wait()
    }

    /// The oldest queued input, or nil when the queue is empty.
    private func take() -> (sequence: Int, input: Input)? {
        lock.withLock {
            guard state.head < state.queue.count, let input = state.queue[state.head].input else { return nil }
            let sequence = state.queue[state.head].sequence
            state.queue[state.head].input = nil
            state.head += 1
            if state.head > 256 && state.head * 2 > state.queue.count {
                state.queue.removeFirst(state.head)
                state.head = 0
            }
            return (sequence, input)
        }
    }

    /// The output of the oldest unwritten input when it is ready; with `waiting`, blocks until it is
    /// (nil only when nothing is in flight).
    private func nextOutput(waiting: Bool) -> Output? {
        while written < submitted {
            let sequence = written
            if let output = lock.withLock({ state.outputs.removeValue(forKey: sequence) }) {
                written += 1
                return output
            }
            guard waiting else { return nil }
            finished.wait()
        }
        return nil
    }
}

/// Starts detached pthreads (Foundation's `Thread` without Foundation).
enum WorkerThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts a thread running `body`; the thread ends when `body` returns.
    static func start(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        #else
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        #endif
        precondition(status == 0, "pthread_create failed: \(status)")
        #if canImport(Darwin)
        pthread_detach(thread!)
        #else
        pthread_detach(thread)
        #endif
    }
}
