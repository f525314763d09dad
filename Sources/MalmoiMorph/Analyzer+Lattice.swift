extension Analyzer {
    /// Builds the lattice of one sentence and finds its best path (MeCab's `viterbi`).
    ///
    /// Follows `docs/mecab-dictionary-format.md`, "Building the lattice" and "Costs and the best path":
    /// lookups start only where some node ends; each lookup skips whitespace, adds lexicon nodes
    /// (system, then user; shortest key first, records in order) and unknown-word nodes; the nodes of
    /// one lookup are connected in reverse creation order, each put at the front of the list of nodes
    /// ending where it ends; a left candidate replaces the best only when strictly cheaper.
    /// - Parameters:
    ///   - lattice: the working memory to fill.
    ///   - bytes: the UTF-8 sentence (any bytes are accepted; MeCab's reduction decides the categories).
    ///   - allPaths: keep every edge, for ``Lattice/nbestPaths(_:)``.
    /// - Complexity: O(n · k) for n bytes and k nodes ending at a position (bounded by the lexicon).
    public func build(_ lattice: Lattice, utf8 bytes: UnsafeBufferPointer<UInt8>, allPaths: Bool = false) {
        let length = bytes.count
        lattice.reset(sentenceLength: length, allPaths: allPaths)
        dictionary.spacePenaltyTable.withUnsafeBufferPointer { penalties in
            dictionary.characters.withTable { table in
                var builder = LatticeBuilder(
                    lattice: lattice, analyzer: self, bytes: bytes.baseAddress ?? UnsafePointer(bitPattern: 16)!,
                    length: length, table: table, penalties: penalties.baseAddress!, allPaths: allPaths)
                builder.run()
                builder.finish(into: lattice)
            }
        }
    }
}

/// The Viterbi pass over one sentence, with everything the hot loops touch held in locals (no class
/// property access, so no dynamic exclusivity checks, and no reference counting inside the loops).
struct LatticeBuilder {
    var nodes: UnsafeMutablePointer<LatticeNode>
    var nodeCapacity: Int
    var nodeCount = 0
    let heads: UnsafeMutablePointer<Int32>
    var paths: [LatticePath]
    let allPaths: Bool

    let bytes: UnsafePointer<UInt8>
    let length: Int
    let table: UnsafePointer<UInt32>
    let penalties: UnsafePointer<Int32>
    let costs: UnsafePointer<Int16>
    let leftSize: Int
    let rightSize: Int
    let system: DictionaryFile
    let systemSize: Int
    let unknown: DictionaryFile
    let unknownTokens: [(first: Int, count: Int)]
    let user: UserDictionary?
    let maxGroupingSize: Int
    let spaceInfo: CharacterTable.Info

    // The 1-best connection scratch (``ConnectionCache``), as locals.
    let cache: ConnectionCache
    var stamp: UInt32
    let answerStamp: UnsafeMutablePointer<UInt32>
    let answerNode: UnsafeMutablePointer<Int32>
    let answerCost: UnsafeMutablePointer<Int64>

    init(lattice: Lattice, analyzer: Analyzer, bytes: UnsafePointer<UInt8>, length: Int,
         table: UnsafePointer<UInt32>, penalties: UnsafePointer<Int32>, allPaths: Bool) {
        nodes = lattice.nodes
        nodeCapacity = lattice.nodeCapacity
        heads = lattice.endHeads
        paths = lattice.takePaths()
        self.allPaths = allPaths
        self.bytes = bytes
        self.length = length
        self.table = table
        self.penalties = penalties
        let dictionary = analyzer.dictionary
        costs = dictionary.matrix.costs
        leftSize = dictionary.matrix.leftSize
        rightSize = dictionary.matrix.rightSize
        system = dictionary.system
        systemSize = dictionary.system.lexiconSize
        unknown = dictionary.unknown
        unknownTokens = dictionary.unknownTokens
        user = analyzer.userDictionary
        maxGroupingSize = dictionary.settings.maxGroupingSize
        spaceInfo = CharacterTable.Info(raw: table[0x20])
        cache = lattice.connections
        cache.prepare(leftIds: dictionary.matrix.rightSize)
        stamp = cache.stamp
        answerStamp = cache.answerStamp
        answerNode = cache.answerNode
        answerCost = cache.answerCost
    }

    mutating func run() {
        _ = append(LatticeNode(start: 0, length: 0, rlength: 0, leftId: 0, rightId: 0, posId: 0, wordCost: 0,
                               source: .beginning, record: -1, cost: 0, previous: -1, endNext: -1, leftPath: -1))
        heads[0] = 0
        var position = 0
        while position < length {
            if heads[position] >= 0 {
                let first = nodeCount
                lookup(at: position)
                if !allPaths { beginConnections() }
                var index = nodeCount &- 1
                while index >= first {
                    connect(index, at: position)
                    index &-= 1
                }
            }
            position &+= 1
        }
        let eos = append(LatticeNode(start: Int32(length), length: 0, rlength: 0, leftId: 0, rightId: 0, posId: 0,
                                     wordCost: 0, source: .end, record: -1, cost: 0, previous: -1, endNext: -1, leftPath: -1))
        var end = length
        while end >= 0 {
            if heads[end] >= 0 {
                if !allPaths { beginConnections() }
                connect(Int(eos), at: end)
                break
            }
            end &-= 1
        }
    }

    func finish(into lattice: Lattice) {
        cache.stamp = stamp
        lattice.adopt(nodes: nodes, capacity: nodeCapacity, count: nodeCount, paths: paths, endNode: Int32(nodeCount - 1))
    }

    @inline(__always)
    mutating func append(_ node: LatticeNode) -> Int32 {
        if nodeCount == nodeCapacity { grow() }
        (nodes + nodeCount).initialize(to: node)
        nodeCount &+= 1
        return Int32(truncatingIfNeeded: nodeCount &- 1)
    }

    @inline(never)
    mutating func grow() {
        let capacity = nodeCapacity * 2
        let bigger = UnsafeMutablePointer<LatticeNode>.allocate(capacity: capacity)
        bigger.moveInitialize(from: nodes, count: nodeCount)
        nodes.deallocate()
        nodes = bigger
        nodeCapacity = capacity
    }

    /// Picks the best left neighbour of node `index` among the nodes ending at `position`, then puts the
    /// node at the front of the list of nodes ending where it ends.
    @inline(__always)
    mutating func connect(_ index: Int, at position: Int) {
        let right = nodes[index]
        var extra = Int64(right.wordCost)
        if right.rlength != right.length { extra &+= Int64(penalties[Int(right.posId)]) }
        let row = costs + leftSize &* Int(right.leftId)
        var bestCost = Int64.max
        var best: Int32 = -1
        var left = heads[position]
        if allPaths {
            var pathHead: Int32 = -1
            while left >= 0 {
                let leftNode = nodes + Int(left)
                let local = Int64(row[Int(leftNode.pointee.rightId)]) &+ extra
                let cost = leftNode.pointee.cost &+ local
                if cost < bestCost {
                    bestCost = cost
                    best = left
                }
                paths.append(LatticePath(left: left, cost: Int32(truncatingIfNeeded: local), next: pathHead))
                pathHead = Int32(truncatingIfNeeded: paths.count &- 1)
                left = leftNode.pointee.endNext
            }
            nodes[index].leftPath = pathHead
        } else {
            // Right nodes with the same left-context id have the same best left node (``ConnectionCache``).
            let leftId = Int(right.leftId)
            if answerStamp[leftId] == stamp {
                best = answerNode[leftId]
                bestCost = answerCost[leftId]
            } else {
                while left >= 0 {
                    let leftNode = nodes + Int(left)
                    let cost = leftNode.pointee.cost &+ Int64(row[Int(leftNode.pointee.rightId)])
                    if cost < bestCost {
                        bestCost = cost
                        best = left
                    }
                    left = leftNode.pointee.endNext
                }
                answerStamp[leftId] = stamp
                answerNode[leftId] = best
                answerCost[leftId] = bestCost
            }
            bestCost &+= extra
        }
        let end = position &+ Int(right.rlength)
        let node = nodes + index
        node.pointee.previous = best
        node.pointee.cost = bestCost
        node.pointee.endNext = heads[end]
        heads[end] = Int32(truncatingIfNeeded: index)
    }

    /// Starts the connections at a new position: answers cached by
    /// left-context id for the previous position become stale (``ConnectionCache``).
    @inline(__always)
    mutating func beginConnections() {
        stamp &+= 1
        if stamp == 0 {
            cache.clearStamps()
            stamp = 1
        }
    }

    @inline(__always)
    func info(at index: Int, end: Int) -> (info: CharacterTable.Info, length: Int) {
        let (code, size) = CharacterTable.decode(bytes, at: index, end: end)
        return (CharacterTable.Info(raw: table[code]), size)
    }

    /// MeCab's `Tokenizer::lookup`: the nodes that start at `position` (after skipping whitespace).
    @inline(__always)
    mutating func lookup(at position: Int) {
        // 1. Skip whitespace, starting with the category of U+0020 as the previous character.
        //    MeCab caps the whole lookup at `position + 65535` bytes and keeps lengths in 16 bits, so a
        //    whitespace run of about 65,500 bytes or more gives it undefined output (split characters,
        //    garbage or nothing). Here the skip is not capped and the cap starts after the whitespace:
        //    identical results below that size, sane ones above it.
        var previous = spaceInfo
        var characterInfo = previous
        var characterLength = 0
        var begin = position
        while begin < length {
            let (info, size) = info(at: begin, end: length)
            characterInfo = info
            characterLength = size
            guard info.isKind(of: previous) else { break }
            begin &+= size
            previous = info
        }
        let skipped = Int32(truncatingIfNeeded: begin &- position)
        let end = min(length, begin &+ 65535)
        let firstNew = nodeCount

        // 2. Lexicon: system dictionary, then the user dictionary.
        lookupSystem(from: begin, to: end, skipped: skipped)
        if user != nil { lookupUser(from: begin, to: end, skipped: skipped) }
        if nodeCount > firstNew && !characterInfo.invoke { return }

        // 3. Unknown words of the first character's default category.
        let templates = unknownTokens[characterInfo.defaultType]
        var next = begin &+ characterLength
        if next > end {
            addUnknown(templates, begin: begin, stop: next, position: position)
            return
        }
        var groupEnd = -1
        if characterInfo.group {
            var run = next
            var chained = characterInfo
            var added = 0
            while run < end {
                let (info, size) = info(at: run, end: end)
                guard info.isKind(of: chained) else { break }
                run &+= size
                added &+= 1
                chained = info
            }
            if added <= maxGroupingSize { addUnknown(templates, begin: begin, stop: run, position: position) }
            groupEnd = run
        }
        var count = 1
        while count <= characterInfo.length {
            if next > end || next == groupEnd { break }
            addUnknown(templates, begin: begin, stop: next, position: position)
            if next >= end { break }
            let (info, size) = info(at: next, end: end)
            guard info.isKind(of: characterInfo) else { break }
            next &+= size
            count &+= 1
        }
        if nodeCount == firstNew { addUnknown(templates, begin: begin, stop: begin &+ characterLength, position: position) }
    }

    @inline(__always)
    private mutating func lookupSystem(from begin: Int, to end: Int, skipped: Int32) {
        let system = system
        var b = Int(system.units[0])
        var i = begin
        let count = system.unitCount
        let units = system.units
        while true {
            if b >= 0 && b < count {
                let n = units[b &* 2]
                if UInt32(bitPattern: units[b &* 2 &+ 1]) == UInt32(truncatingIfNeeded: b) && n < 0 {
                    addSystem(value: Int(-n &- 1), begin: begin, keyLength: i &- begin, skipped: skipped)
                }
            }
            if i >= end { return }
            let p = b &+ Int(bytes[i]) &+ 1
            guard p >= 0 && p < count && UInt32(bitPattern: units[p &* 2 &+ 1]) == UInt32(truncatingIfNeeded: b) else { return }
            b = Int(units[p &* 2])
            i &+= 1
        }
    }

    @inline(__always)
    private mutating func addSystem(value: Int, begin: Int, keyLength: Int, skipped: Int32) {
        let first = value >> 8
        let count = value & 0xFF
        guard first &+ count <= systemSize else { return }
        let tokens = system.tokens
        for record in first..<(first &+ count) {
            let base = tokens + record &* 16
            let leftId = base.load(as: UInt16.self)
            let rightId = base.load(fromByteOffset: 2, as: UInt16.self)
            guard Int(rightId) < leftSize, Int(leftId) < rightSize else { continue }
            _ = append(LatticeNode(
                start: Int32(truncatingIfNeeded: begin), length: Int32(truncatingIfNeeded: keyLength),
                rlength: skipped &+ Int32(truncatingIfNeeded: keyLength),
                leftId: leftId, rightId: rightId, posId: base.load(fromByteOffset: 4, as: UInt16.self),
                wordCost: base.load(fromByteOffset: 6, as: Int16.self),
                source: .system, record: Int32(truncatingIfNeeded: record), cost: 0, previous: -1, endNext: -1, leftPath: -1))
        }
    }

    @inline(never)
    private mutating func lookupUser(from begin: Int, to end: Int, skipped: Int32) {
        guard let user else { return }
        var found: [(length: Int, first: Int, count: Int)] = []
        user.commonPrefixSearch(bytes, from: begin, to: end) { found.append(($0, $1, $2)) }
        for (keyLength, first, count) in found {
            for record in first..<(first &+ count) {
                let entry = user.entries[record]
                _ = append(LatticeNode(
                    start: Int32(begin), length: Int32(keyLength), rlength: skipped &+ Int32(keyLength),
                    leftId: entry.leftId, rightId: entry.rightId, posId: entry.posId, wordCost: entry.wordCost,
                    source: .user, record: Int32(record), cost: 0, previous: -1, endNext: -1, leftPath: -1))
            }
        }
    }

    @inline(__always)
    private mutating func addUnknown(_ templates: (first: Int, count: Int), begin: Int, stop: Int, position: Int) {
        let tokens = unknown.tokens
        for record in templates.first..<(templates.first &+ templates.count) {
            let base = tokens + record &* 16
            _ = append(LatticeNode(
                start: Int32(truncatingIfNeeded: begin), length: Int32(truncatingIfNeeded: stop &- begin),
                rlength: Int32(truncatingIfNeeded: stop &- position),
                leftId: base.load(as: UInt16.self), rightId: base.load(fromByteOffset: 2, as: UInt16.self),
                posId: base.load(fromByteOffset: 4, as: UInt16.self), wordCost: base.load(fromByteOffset: 6, as: Int16.self),
                source: .unknown, record: Int32(truncatingIfNeeded: record), cost: 0, previous: -1, endNext: -1, leftPath: -1))
        }
    }
}
