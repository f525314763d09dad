/// Scratch memory of the 1-best connection step, kept by a ``Lattice`` between sentences.
///
/// All right nodes that begin at one position are connected to the same list of left nodes (those
/// ending there), and the cost of a connection depends on the right node only through its left-context
/// id; the node's own word cost and space penalty are added after the choice. So right nodes with the
/// same left-context id have the same best left node and path cost, and only the first of them scans
/// the list; the others take its answer. Answers are valid while their stamp equals the current
/// position's, so nothing is cleared between positions. The n-best search keeps every edge and does
/// not use the cache. (Measured on 5 MB of GSD sentences: about a quarter fewer scans of left nodes,
/// 4-8 % less CPU time.)
final class ConnectionCache {
    /// Left-context ids covered (the matrix's second dimension).
    private(set) var leftIdCount = 0
    /// The stamp of the current position; 0 is never current.
    var stamp: UInt32 = 0
    /// By left-context id: the stamp when known, the best left node and the path cost through it.
    private(set) var answerStamp: UnsafeMutablePointer<UInt32>
    private(set) var answerNode: UnsafeMutablePointer<Int32>
    private(set) var answerCost: UnsafeMutablePointer<Int64>

    init() {
        answerStamp = .allocate(capacity: 1)
        answerNode = .allocate(capacity: 1)
        answerCost = .allocate(capacity: 1)
    }

    deinit { release() }

    /// Makes room for `leftIds` left-context ids (reallocating and clearing when the count differs).
    func prepare(leftIds: Int) {
        guard leftIds != leftIdCount else { return }
        release()
        leftIdCount = leftIds
        answerStamp = .allocate(capacity: leftIds)
        answerStamp.initialize(repeating: 0, count: leftIds)
        answerNode = .allocate(capacity: leftIds)
        answerCost = .allocate(capacity: leftIds)
        stamp = 0
    }

    /// Clears every stamp (when the counter wraps around).
    func clearStamps() {
        answerStamp.update(repeating: 0, count: leftIdCount)
    }

    private func release() {
        answerStamp.deallocate()
        answerNode.deallocate()
        answerCost.deallocate()
    }
}
