extension AnalysisGraph {
    /// Burt's constraint of each node, as networkx's `constraint(G)` (`weight=None`, or with `weighted` the edge
    /// weights): with `p(v, w)` the weight of `v`–`w` over the sum of the weights at `v` (a self-loop counted once,
    /// like any edge), `c(v)` is the sum over the neighbours `w` of `v` of `(p(v, w) + Σ_q p(v, q) p(q, w))²`, `q`
    /// over the neighbours of `v`. NaN for a node without neighbours other than itself, where constraint is
    /// undefined (networkx returns NaN too). High constraint: a node whose contacts all know each other; low: a
    /// broker between contacts who are otherwise apart.
    public func constraint(weighted: Bool = false) -> [Double] {
        let n = nodeCount
        var share = [Double](repeating: 0, count: neighbors.count)
        for node in 0..<n {
            var total = 0.0
            for entry in offsets[node]..<offsets[node + 1] { total += weighted ? (weights?[entry] ?? 1) : 1 }
            for entry in offsets[node]..<offsets[node + 1] {
                share[entry] = (weighted ? (weights?[entry] ?? 1) : 1) / total
            }
        }
        var result = [Double](repeating: 0, count: n)
        var indirect = [Double](repeating: 0, count: n)
        for node in 0..<n {
            let row = offsets[node]..<offsets[node + 1]
            if row.count - (hasSelfLoop[node] ? 1 : 0) == 0 {
                result[node] = .nan
                continue
            }
            for entry in row {
                let middle = Int(neighbors[entry])
                for onward in offsets[middle]..<offsets[middle + 1] {
                    indirect[Int(neighbors[onward])] += share[entry] * share[onward]
                }
            }
            var sum = 0.0
            for entry in row {
                let local = share[entry] + indirect[Int(neighbors[entry])]
                sum += local * local
            }
            result[node] = sum
            for entry in row {
                let middle = Int(neighbors[entry])
                for onward in offsets[middle]..<offsets[middle + 1] { indirect[Int(neighbors[onward])] = 0 }
            }
        }
        return result
    }
}

/// How often each node brokers between others, by Gould and Fernandez's roles (1989).
///
/// A brokerage is a directed two-path `a → b → c` between three distinct nodes with no edge `a → c`; it is counted
/// for its broker `b`, in one role given by the groups of `a`, `b` and `c`.
public struct BrokerageRoles: Sendable, Equatable {
    /// All three in one group (coordinator, `w_I`).
    public var coordinator: [Int]
    /// `a` and `c` in one group, the broker in another (itinerant or consultant, `w_O`).
    public var itinerant: [Int]
    /// The broker in `a`'s group, `c` in another: the broker speaks for its group (representative, `b_IO`).
    public var representative: [Int]
    /// The broker in `c`'s group, `a` in another: the broker controls what enters its group (gatekeeper, `b_OI`).
    public var gatekeeper: [Int]
    /// All three in different groups (liaison, `b_O`).
    public var liaison: [Int]

    /// Each node's count over all five roles.
    public var total: [Int] {
        coordinator.indices.map {
            coordinator[$0] + itinerant[$0] + representative[$0] + gatekeeper[$0] + liaison[$0]
        }
    }

    /// Counts the brokerages of each node of the directed graph `edges` over the nodes `0..<groups.count`, where
    /// `groups[v]` is node `v`'s group. An edge given twice counts once; self-loops are ignored.
    ///
    /// Throws `GraphError` when an endpoint is not a node.
    public init(edges: [(Int32, Int32)], groups: [Int32]) throws(GraphError) {
        let n = groups.count
        var outgoing = [[Int32]](repeating: [], count: n)
        for (index, (from, to)) in edges.enumerated() {
            for endpoint in [from, to] where endpoint < 0 || Int(endpoint) >= n {
                throw .endpointOutOfRange(edge: index, node: endpoint, nodeCount: n)
            }
            if from != to { outgoing[Int(from)].append(to) }
        }
        for node in 0..<n { outgoing[node] = Array(Set(outgoing[node])).sorted() }
        var incoming = [[Int32]](repeating: [], count: n)
        for node in 0..<n { for next in outgoing[node] { incoming[Int(next)].append(Int32(node)) } }
        let zero = [Int](repeating: 0, count: n)
        (coordinator, itinerant, representative, gatekeeper, liaison) = (zero, zero, zero, zero, zero)
        for broker in 0..<n {
            for a32 in incoming[broker] {
                let a = Int(a32)
                for c32 in outgoing[broker] where c32 != a32 && outgoing[a].binarySearchContains(c32) == false {
                    let (ga, gb, gc) = (groups[a], groups[broker], groups[Int(c32)])
                    switch (ga == gb, gb == gc, ga == gc) {
                    case (true, true, _): coordinator[broker] += 1
                    case (false, false, true): itinerant[broker] += 1
                    case (true, false, _): representative[broker] += 1
                    case (false, true, _): gatekeeper[broker] += 1
                    case (false, false, false): liaison[broker] += 1
                    }
                }
            }
        }
    }
}

extension Array where Element == Int32 {
    /// Whether this sorted array holds `value`.
    fileprivate func binarySearchContains(_ value: Int32) -> Bool {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == value
    }
}
