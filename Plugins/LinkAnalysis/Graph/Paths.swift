import Glibc

/// What a path search may use: at most `maxHops` edges, and only the nodes `allowedNodes` marks true as
/// intermediate nodes (the two endpoints are always allowed; `--via kinds` becomes such a mask).
public struct PathLimits: Sendable, Equatable {
    /// The most edges a path may have; nil for no limit.
    public var maxHops: Int?
    /// One entry per node: whether a path may pass through it; nil allows every node.
    public var allowedNodes: [Bool]?

    /// Limits on hops and intermediate nodes; the default limits nothing.
    public init(maxHops: Int? = nil, allowedNodes: [Bool]? = nil) {
        self.maxHops = maxHops
        self.allowedNodes = allowedNodes
    }
}

/// Shortest paths between two nodes. A path is its nodes from the source to the target; its length is its number of
/// edges (hops) or, when `weighted`, the sum of its edges' weights read as costs (lengths, not strengths). To find
/// the most credible chain of links, give each link the cost `pathCost(confidence:)`, `-log(c)`: the cheapest path
/// is then the one whose confidences have the largest product.
extension AnalysisGraph {
    /// The cost of a link believed with confidence `c` in `(0, 1]`: `-log(c)`, so that adding costs along a path
    /// multiplies confidences (a certain link costs 0; a link at 0.5 costs about 0.693). A confidence of 0 (or
    /// less) has no finite cost: leave such links out of the graph.
    public static func pathCost(confidence: Double) -> Double { -log(confidence) }

    /// One shortest path from `source` to `target` within `limits`, or nil when there is none; `[source]` when they
    /// are the same node. Unweighted (`weighted == false`, weights ignored): breadth-first search, the fewest hops
    /// (networkx's `shortest_path(G, s, t)` length). Weighted: Dijkstra on the edge weights (networkx's
    /// `shortest_path(G, s, t, weight="weight")` length); with a hop limit, the cheapest path of at most `maxHops`
    /// edges (a Bellman–Ford search by hop count), which can be dearer than the unlimited cheapest one. Among
    /// equally short paths the one returned is deterministic but not necessarily networkx's.
    public func shortestPath(from source: Int, to target: Int, weighted: Bool = false, limits: PathLimits = .init())
        throws(GraphError) -> [Int32]?
    {
        try validatePathQuery(source: source, target: target, limits: limits)
        var search = PathSearch(graph: self, weighted: weighted, limits: limits)
        let path = search.shortest(from: source, to: target, maxHops: limits.maxHops, bidirectional: true)
        search.giveBack()
        return path
    }

    /// Every shortest path from `source` to `target` within `limits` (the set networkx's
    /// `all_shortest_paths(G, s, t)` yields, or with `weighted` `all_shortest_paths(G, s, t, weight="weight")`, where
    /// costs tie only when exactly equal), sorted lexicographically; at most `limit` of them, as their number can
    /// grow exponentially (which ones are kept past the limit is deterministic). Empty when the target cannot be
    /// reached.
    public func allShortestPaths(
        from source: Int, to target: Int, weighted: Bool = false, limits: PathLimits = .init(), limit: Int = .max
    ) throws(GraphError) -> [[Int32]] {
        try validatePathQuery(source: source, target: target, limits: limits)
        guard limit >= 1 else { throw .invalidPathCount(limit) }
        var search = PathSearch(graph: self, weighted: weighted, limits: limits)
        let paths = search.allShortest(from: source, to: target, maxHops: limits.maxHops, limit: limit)
        search.giveBack()
        return paths
    }

    /// The length of `path`: its number of edges, or when `weighted` the sum of its edge weights, added from the
    /// source on. Nil when two consecutive nodes are not linked.
    public func pathLength(_ path: [Int32], weighted: Bool = false) -> Double? {
        var total = 0.0
        for index in path.indices.dropFirst() {
            guard let entry = entry(from: Int(path[index - 1]), to: Int(path[index])) else { return nil }
            total += weighted ? (weights?[entry] ?? 1) : 1
        }
        return total
    }

    /// The index into `neighbors` of the edge from `node` to `neighbor`, found by binary search in the sorted row.
    func entry(from node: Int, to neighbor: Int) -> Int? {
        var low = offsets[node]
        var high = offsets[node + 1]
        let wanted = Int32(neighbor)
        while low < high {
            let middle = (low + high) / 2
            if neighbors[middle] < wanted { low = middle + 1 } else { high = middle }
        }
        return low < offsets[node + 1] && neighbors[low] == wanted ? low : nil
    }

    /// Throws unless both endpoints are nodes, the hop limit is not negative and the node mask has one entry per node.
    func validatePathQuery(source: Int, target: Int, limits: PathLimits) throws(GraphError) {
        guard source >= 0, source < nodeCount else { throw .sourceOutOfRange(node: source, nodeCount: nodeCount) }
        guard target >= 0, target < nodeCount else { throw .targetOutOfRange(node: target, nodeCount: nodeCount) }
        if let hops = limits.maxHops, hops < 0 { throw .invalidHopLimit(hops) }
        if let mask = limits.allowedNodes, mask.count != nodeCount {
            throw .maskSizeMismatch(mask: mask.count, nodeCount: nodeCount)
        }
    }
}
