extension Lattice {
    /// The `count` best paths of a lattice built with `allPaths: true`, best first, each as node
    /// indices without BOS and EOS.
    ///
    /// MeCab's `NBestGenerator`: an A* search from EOS towards BOS, where an agenda entry's priority is
    /// `fx = gx + h` (`gx`: cost from EOS back to the entry's node, `h`: the node's forward Viterbi cost).
    /// The agenda is a binary heap that behaves exactly like libstdc++'s `std::priority_queue`
    /// (`push_heap`/`pop_heap`), so paths of equal cost come out in MeCab's order.
    /// - Precondition: the lattice was built with `allPaths: true`.
    public func nbestPaths(_ count: Int) -> [[Int32]] {
        precondition(keepsAllPaths, "nbestPaths needs a lattice built with allPaths: true")
        guard count > 0, endNode >= 0 else { return [] }
        var elements: [(node: Int32, next: Int32, fx: Int64, gx: Int64)] = [(endNode, -1, 0, 0)]
        var heap: [Int32] = [0]
        var results: [[Int32]] = []

        // comp(a, b) = a.fx > b.fx, as MeCab's QueueElementComp.
        func less(_ a: Int32, _ b: Int32) -> Bool { elements[Int(a)].fx > elements[Int(b)].fx }

        func pushHeap(hole start: Int, top: Int, value: Int32) {
            var hole = start
            var parent = (hole - 1) / 2
            while hole > top && less(heap[parent], value) {
                heap[hole] = heap[parent]
                hole = parent
                parent = (hole - 1) / 2
            }
            heap[hole] = value
        }

        func push(_ value: Int32) {
            heap.append(value)
            pushHeap(hole: heap.count - 1, top: 0, value: value)
        }

        func pop() -> Int32 {
            let top = heap[0]
            let length = heap.count - 1
            if length > 0 {
                let value = heap[length]
                heap[length] = heap[0]
                // __adjust_heap(first, 0, length, value)
                var hole = 0
                var second = 0
                while second < (length - 1) / 2 {
                    second = 2 * (second + 1)
                    if less(heap[second], heap[second - 1]) { second -= 1 }
                    heap[hole] = heap[second]
                    hole = second
                }
                if length & 1 == 0 && second == (length - 2) / 2 {
                    second = 2 * (second + 1)
                    heap[hole] = heap[second - 1]
                    hole = second - 1
                }
                pushHeap(hole: hole, top: 0, value: value)
            }
            heap.removeLast()
            return top
        }

        while results.count < count && !heap.isEmpty {
            let top = pop()
            let element = elements[Int(top)]
            let node = nodes[Int(element.node)]
            if node.source == .beginning {
                var path: [Int32] = []
                var cursor = element.next
                while cursor >= 0 {
                    let index = elements[Int(cursor)].node
                    if index != endNode { path.append(index) }
                    cursor = elements[Int(cursor)].next
                }
                results.append(path)
                continue
            }
            var pathIndex = node.leftPath
            while pathIndex >= 0 {
                let edge = paths[Int(pathIndex)]
                let gx = Int64(edge.cost) &+ element.gx
                let fx = nodes[Int(edge.left)].cost &+ gx
                elements.append((edge.left, top, fx, gx))
                push(Int32(elements.count - 1))
                pathIndex = edge.next
            }
        }
        return results
    }
}
