/// The working memory of one analysis: the nodes of the lattice of a sentence and its best path.
///
/// ```swift
/// let lattice = Lattice()
/// analyzer.build(lattice, utf8: bytes)        // Viterbi over the sentence
/// for index in lattice.bestPath { ... }       // node indices from the first word to the last
/// ```
/// A lattice is reused from sentence to sentence to avoid allocations; it is not thread-safe, so each
/// thread keeps its own (``Analyzer/analyze(_:)`` makes a fresh one per call).
public final class Lattice {
    var nodes: UnsafeMutablePointer<LatticeNode>
    var nodeCapacity: Int
    /// The number of nodes, BOS (index 0) and EOS included once built.
    public private(set) var nodeCount: Int = 0
    /// For each byte position, the most recently connected node ending there, or -1.
    var endHeads: UnsafeMutablePointer<Int32>
    var headCapacity: Int
    var paths: [LatticePath] = []
    /// The index of the EOS node once built.
    public private(set) var endNode: Int32 = -1
    /// The byte length of the sentence last built.
    public private(set) var sentenceLength: Int = 0
    /// Whether the last build kept every edge (needed by the n-best search).
    public private(set) var keepsAllPaths = false
    /// Scratch of the 1-best connection step.
    let connections = ConnectionCache()

    /// Creates an empty lattice.
    public init() {
        nodeCapacity = 1024
        nodes = .allocate(capacity: nodeCapacity)
        headCapacity = 1024
        endHeads = .allocate(capacity: headCapacity)
    }

    deinit {
        nodes.deallocate()
        endHeads.deallocate()
    }

    /// The node at an index.
    public subscript(index: Int32) -> LatticeNode { nodes[Int(index)] }

    /// The indices of the nodes of the best path, without BOS and EOS, from the first word to the last.
    public var bestPath: [Int32] {
        guard endNode >= 0 else { return [] }
        var result: [Int32] = []
        var index = nodes[Int(endNode)].previous
        while index > 0 {
            result.append(index)
            index = nodes[Int(index)].previous
        }
        result.reverse()
        return result
    }

    // MARK: Storage

    func reset(sentenceLength length: Int, allPaths: Bool) {
        nodeCount = 0
        endNode = -1
        sentenceLength = length
        keepsAllPaths = allPaths
        paths.removeAll(keepingCapacity: true)
        let needed = length + 16
        if needed > headCapacity {
            endHeads.deallocate()
            headCapacity = max(needed, headCapacity * 2)
            endHeads = .allocate(capacity: headCapacity)
        }
        endHeads.update(repeating: -1, count: needed)
    }

    /// Hands the edge buffer to a builder (keeping its capacity).
    func takePaths() -> [LatticePath] {
        var taken: [LatticePath] = []
        swap(&taken, &paths)
        return taken
    }

    /// Takes back the storage a builder filled.
    func adopt(nodes: UnsafeMutablePointer<LatticeNode>, capacity: Int, count: Int, paths: [LatticePath], endNode: Int32) {
        self.nodes = nodes
        nodeCapacity = capacity
        nodeCount = count
        self.paths = paths
        self.endNode = endNode
    }
}
