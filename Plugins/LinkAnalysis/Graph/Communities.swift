/// A partition of a graph's nodes into communities, as the community detection methods return it.
public struct Communities: Sendable, Equatable {
    /// The community of each node, numbered from 0 in the order of each community's smallest node.
    public let membership: [Int32]
    /// The number of communities.
    public let count: Int
    /// The partition's modularity (`AnalysisGraph.modularity(of:resolution:)` at the resolution used).
    public let modularity: Double

    /// The members of each community in ascending node order, community 0 first.
    public var members: [[Int32]] {
        var groups = [[Int32]](repeating: [], count: count)
        for (node, community) in membership.enumerated() { groups[Int(community)].append(Int32(node)) }
        return groups
    }
}

extension AnalysisGraph {
    /// Packages a partition: renumbers it by smallest node and computes its modularity.
    func communities(from labels: [Int32], resolution: Double) throws(GraphError) -> Communities {
        let (membership, count) = Self.renumberedBySmallestNode(labels)
        return Communities(
            membership: membership, count: count, modularity: try modularity(of: membership, resolution: resolution))
    }

    /// `labels` (any numbers in `0..<labels.count`) renumbered 0, 1, … in the order of each community's smallest
    /// node, with the number of communities.
    static func renumberedBySmallestNode(_ labels: [Int32]) -> ([Int32], Int) {
        var renumbered = [Int32](repeating: -1, count: labels.count)
        var result = [Int32](repeating: 0, count: labels.count)
        var count: Int32 = 0
        for (node, label) in labels.enumerated() {
            if renumbered[Int(label)] < 0 {
                renumbered[Int(label)] = count
                count += 1
            }
            result[node] = renumbered[Int(label)]
        }
        return (result, Int(count))
    }

    /// `labels` with every community that is not connected split into its connected parts, each part a community
    /// of its own (numbers in `0..<nodeCount`). Splitting never lowers modularity: no edge joins the parts.
    func splittingDisconnected(_ labels: [Int32]) -> [Int32] {
        var result = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        var next: Int32 = 0
        for start in 0..<nodeCount where result[start] < 0 {
            result[start] = next
            queue[0] = Int32(start)
            var head = 0
            var tail = 1
            while head < tail {
                let node = Int(queue[head])
                head += 1
                for entry in offsets[node]..<offsets[node + 1] {
                    let neighbor = Int(neighbors[entry])
                    if result[neighbor] < 0 && labels[neighbor] == labels[start] {
                        result[neighbor] = next
                        queue[tail] = Int32(neighbor)
                        tail += 1
                    }
                }
            }
            next += 1
        }
        return result
    }
}
