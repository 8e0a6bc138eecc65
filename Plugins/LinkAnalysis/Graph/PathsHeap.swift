/// A binary min-heap of nodes keyed by a cost, for Dijkstra's search; ties pop the smaller node first, so a search
/// is deterministic. Entries are not decreased in place: a node is pushed again with its lower cost and the stale
/// entry is skipped by the caller when popped.
struct NodeHeap {
    private var costs: [Double] = []
    private var nodes: [Int32] = []

    var isEmpty: Bool { nodes.isEmpty }

    /// The entry with the lowest cost (the heap must not be empty), left in place.
    var first: (node: Int32, cost: Double) { (nodes[0], costs[0]) }

    mutating func removeAll() {
        costs.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    mutating func push(_ node: Int32, cost: Double) {
        costs.append(cost)
        nodes.append(node)
        var child = nodes.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(child, parent) else { break }
            swapEntries(child, parent)
            child = parent
        }
    }

    /// Removes and returns the entry with the lowest cost (the heap must not be empty).
    mutating func pop() -> (node: Int32, cost: Double) {
        let top = (nodes[0], costs[0])
        let last = nodes.count - 1
        swapEntries(0, last)
        nodes.removeLast()
        costs.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < nodes.count && precedes(left, smallest) { smallest = left }
            if right < nodes.count && precedes(right, smallest) { smallest = right }
            if smallest == parent { break }
            swapEntries(parent, smallest)
            parent = smallest
        }
        return top
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        costs[a] != costs[b] ? costs[a] < costs[b] : nodes[a] < nodes[b]
    }

    private mutating func swapEntries(_ a: Int, _ b: Int) {
        costs.swapAt(a, b)
        nodes.swapAt(a, b)
    }
}
