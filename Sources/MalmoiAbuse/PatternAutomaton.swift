/// A multi-pattern matcher (Aho–Corasick) over sequences of Unicode scalars.
///
/// Built once from the lexicon's spellings; ``forEachMatch(in:_:)`` reports every occurrence of every
/// pattern in one left-to-right pass, in time linear in the text plus the number of matches.
/// Transitions out of the root are a direct table for Hangul syllables and compatibility jamo (the
/// common case); the rest are hashed.
struct PatternAutomaton: Sendable {
    private var edges: [UInt64: Int32] = [:]
    private var rootTable: [Int32]
    /// Children of non-root states, sorted by scalar: `childScalars[childStart[s] ..< childStart[s + 1]]`.
    private var childStart: [Int32] = []
    private var childScalars: [UInt32] = []
    private var childTargets: [Int32] = []
    private var failure: [Int32] = [0]
    /// Pattern ids ending at each state, including those reached through failure links, flat:
    /// `outputIDs[outputStart[s] ..< outputStart[s + 1]]` (no nested array to retain per scalar).
    private var outputStart: [Int32] = []
    private var outputIDs: [Int32] = []
    /// The length (in scalars) of each pattern.
    private(set) var lengths: [Int] = []

    private static let tableBase: UInt32 = 0x3131
    private static let tableEnd: UInt32 = 0xD7A4

    /// Builds the automaton; pattern `i` is `patterns[i]`.
    init(patterns: [[UInt32]]) {
        rootTable = [Int32](repeating: -1, count: Int(Self.tableEnd - Self.tableBase))
        var stateCount = 1
        var children: [[(UInt32, Int32)]] = [[]]
        var outputs: [[Int32]] = [[]]
        for (id, pattern) in patterns.enumerated() {
            lengths.append(pattern.count)
            var state: Int32 = 0
            for scalar in pattern {
                if let next = transition(state, scalar) {
                    state = next
                } else {
                    let next = Int32(stateCount)
                    stateCount += 1
                    setTransition(state, scalar, next)
                    children[Int(state)].append((scalar, next))
                    children.append([])
                    failure.append(0)
                    outputs.append([])
                    state = next
                }
            }
            outputs[Int(state)].append(Int32(id))
        }
        // Flat sorted child lists for the matching loop (no hashing on the hot path).
        for state in 0..<stateCount {
            childStart.append(Int32(childScalars.count))
            for (scalar, child) in children[state].sorted(by: { $0.0 < $1.0 }) {
                childScalars.append(scalar)
                childTargets.append(child)
            }
        }
        childStart.append(Int32(childScalars.count))
        // Breadth-first failure links.
        var queue: [Int32] = children[0].map(\.1)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            for (scalar, child) in children[Int(state)] {
                var f = failure[Int(state)]
                while true {
                    if let next = transition(f, scalar), next != child {
                        failure[Int(child)] = next
                        break
                    }
                    if f == 0 { failure[Int(child)] = 0; break }
                    f = failure[Int(f)]
                }
                outputs[Int(child)] += outputs[Int(failure[Int(child)])]
                queue.append(child)
            }
        }
        for found in outputs {
            outputStart.append(Int32(outputIDs.count))
            outputIDs += found
        }
        outputStart.append(Int32(outputIDs.count))
    }

    @inline(__always)
    private func transition(_ state: Int32, _ scalar: UInt32) -> Int32? {
        if state == 0 {
            if scalar >= Self.tableBase && scalar < Self.tableEnd {
                let next = rootTable[Int(scalar - Self.tableBase)]
                return next >= 0 ? next : nil
            }
        }
        return edges[UInt64(UInt32(state)) << 32 | UInt64(scalar)]
    }

    private mutating func setTransition(_ state: Int32, _ scalar: UInt32, _ next: Int32) {
        if state == 0 && scalar >= Self.tableBase && scalar < Self.tableEnd {
            rootTable[Int(scalar - Self.tableBase)] = next
        } else {
            edges[UInt64(UInt32(state)) << 32 | UInt64(scalar)] = next
        }
    }

    /// The automaton's tables as buffer pointers, for the matching loop (no bounds checks, no
    /// retains); valid only inside ``withTables(_:)``.
    private struct Tables {
        let rootTable: UnsafeBufferPointer<Int32>
        let childStart: UnsafeBufferPointer<Int32>
        let childScalars: UnsafeBufferPointer<UInt32>
        let childTargets: UnsafeBufferPointer<Int32>
        let failure: UnsafeBufferPointer<Int32>
        let outputStart: UnsafeBufferPointer<Int32>
        let outputIDs: UnsafeBufferPointer<Int32>
        let lengths: UnsafeBufferPointer<Int>

        @inline(__always)
        func step(_ state: Int32, _ scalar: UInt32) -> Int32 {
            if state == 0 {
                if scalar >= PatternAutomaton.tableBase && scalar < PatternAutomaton.tableEnd {
                    return rootTable[Int(scalar - PatternAutomaton.tableBase)]
                }
            }
            var low = Int(childStart[Int(state)])
            let high = Int(childStart[Int(state) + 1])
            while low < high {
                let value = childScalars[low]
                if value == scalar { return childTargets[low] }
                if value > scalar { return -1 }
                low += 1
            }
            return -1
        }
    }

    private func withTables<R>(_ body: (Tables) -> R) -> R {
        rootTable.withUnsafeBufferPointer { rootTable in
            childStart.withUnsafeBufferPointer { childStart in
                childScalars.withUnsafeBufferPointer { childScalars in
                    childTargets.withUnsafeBufferPointer { childTargets in
                        failure.withUnsafeBufferPointer { failure in
                            outputStart.withUnsafeBufferPointer { outputStart in
                                outputIDs.withUnsafeBufferPointer { outputIDs in
                                    lengths.withUnsafeBufferPointer { lengths in
                                        body(Tables(rootTable: rootTable, childStart: childStart, childScalars: childScalars,
                                                    childTargets: childTargets, failure: failure, outputStart: outputStart,
                                                    outputIDs: outputIDs, lengths: lengths))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `body(patternID, start, end)` for every match in `text`, `[start, end)` in indices of `text`.
    func forEachMatch(in text: UnsafeBufferPointer<UInt32>, _ body: (Int, Int, Int) -> Void) {
        forEachMatch(count: text.count, scalarAt: { text[$0] }, body)
    }

    /// Calls `body(patternID, start, end)` for every match in the sequence `scalarAt(0..<count)`.
    @inline(__always)
    func forEachMatch(count: Int, scalarAt: (Int) -> UInt32, _ body: (Int, Int, Int) -> Void) {
        withTables { tables in
            var state: Int32 = 0
            for index in 0..<count {
                let scalar = scalarAt(index)
                while true {
                    let next = tables.step(state, scalar)
                    if next >= 0 { state = next; break }
                    if state == 0 { break }
                    state = tables.failure[Int(state)]
                }
                let first = Int(tables.outputStart[Int(state)])
                let last = Int(tables.outputStart[Int(state) + 1])
                if first != last {
                    for position in first..<last {
                        let id = Int(tables.outputIDs[position])
                        body(id, index + 1 - tables.lengths[id], index + 1)
                    }
                }
            }
        }
    }
}
