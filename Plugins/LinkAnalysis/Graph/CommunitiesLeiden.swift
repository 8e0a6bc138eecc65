extension AnalysisGraph {
    /// Leiden communities (Traag, Waltman and van Eck 2019, "From Louvain to Leiden: guaranteeing well-connected
    /// communities"), optimising modularity at resolution `γ`. One pass: fast local moving (nodes taken from a queue
    /// in random order, each moved to the best neighbouring community or a new one of its own, its neighbours outside
    /// the new community queued again); refinement of each community into well-connected parts, a node joining a part
    /// with probability ∝ `exp(gain / randomness)` among the parts it does not make worse (θ = 0.01, as in the paper);
    /// aggregation of the refined parts, each starting in its community, until local moving leaves every node alone.
    /// Passes repeat, each starting from the last partition, until one changes nothing, lowers modularity (its result
    /// is dropped) or raises it by `threshold` or less (kept), and at most
    /// `maxPasses` times (one pass is the paper's algorithm; igraph runs 2 by default).
    ///
    /// Every community is connected: refinement grows each part along edges, and a community left in several
    /// pieces by local moving is split into them (splitting a community whose parts share no edge never lowers
    /// modularity). Edge weights count (1 per edge when unweighted). Seeded: the same seed gives the same
    /// communities. Throws `GraphError.invalidResolution` unless `resolution` is finite and above 0.
    ///
    /// `shouldContinue(levels)` is called before each level of each pass with the number of levels done so far (a
    /// level is one round of local moving, refinement and aggregation); when it returns false the search stops and
    /// throws `GraphError.stopped`.
    public func leidenCommunities(
        seed: UInt64 = 0, resolution: Double = 1, randomness: Double = 0.01, threshold: Double = 1e-7,
        maxPasses: Int = 50, shouldContinue: (Int) -> Bool = { _ in true }
    )
        throws(GraphError) -> Communities
    {
        try Self.checkResolution(resolution)
        var random = SeededRandom(seed: seed)
        let graph = CommunityGraph(self)
        var labels = (0..<nodeCount).map { Int32($0) }
        var quality = graph.modularity(of: labels, count: nodeCount, resolution: resolution)
        var levels = 0
        if graph.totalWeight > 0 {
            for _ in 0..<max(maxPasses, 1) {
                guard
                    let found = graph.leidenPass(
                        from: labels, resolution: resolution, randomness: randomness, &random,
                        shouldContinue: {
                            levels += 1
                            return shouldContinue(levels - 1)
                        })
                else { throw .stopped(algorithm: "Leiden") }
                let (next, count) = Self.renumberedBySmallestNode(splittingDisconnected(found))
                let nextQuality = graph.modularity(of: next, count: count, resolution: resolution)
                if next == labels || nextQuality < quality { break }
                labels = next
                if nextQuality - quality <= threshold { break }
                quality = nextQuality
            }
        }
        return try communities(from: labels, resolution: resolution)
    }
}

extension CommunityGraph {
    /// One Leiden pass from `labels` (numbers in `0..<nodeCount`): returns the community of each node, or nil when
    /// `shouldContinue`, asked before each level, returns false.
    func leidenPass(
        from labels: [Int32], resolution: Double, randomness: Double, _ random: inout SeededRandom,
        shouldContinue: () -> Bool = { true }
    ) -> [Int32]? {
        var graph = self
        var initial = labels
        // The node of the current (aggregated) graph that holds each node of this one.
        var membership = (0..<nodeCount).map { Int32($0) }
        while true {
            guard shouldContinue() else { return nil }
            var moving = LocalMoving(graph: graph, labels: initial, resolution: resolution)
            graph.moveNodesFast(&moving, &random)
            let (partition, partitionCount) = AnalysisGraph.renumberedBySmallestNode(moving.community)
            if partitionCount == graph.nodeCount {
                return membership.map { partition[Int($0)] }
            }
            let refined = graph.refine(
                partition, count: partitionCount, resolution: resolution, randomness: randomness, &random)
            let (parts, partCount) = AnalysisGraph.renumberedBySmallestNode(refined)
            if partCount == graph.nodeCount {
                return membership.map { partition[Int($0)] }
            }
            // Each refined part becomes a node, starting in the community that holds it.
            var next = [Int32](repeating: 0, count: partCount)
            for node in 0..<graph.nodeCount { next[Int(parts[node])] = partition[node] }
            for node in 0..<nodeCount { membership[node] = parts[Int(membership[node])] }
            graph = graph.aggregated(by: parts, count: partCount)
            initial = next
        }
    }

    /// Fast local moving: every node queued once in random order; a node that moves queues its neighbours that
    /// are outside its new community and not queued already. Stops when the queue empties (or after a bounded
    /// number of visits, a guard against rounding making moves cycle).
    func moveNodesFast(_ moving: inout LocalMoving, _ random: inout SeededRandom) {
        let n = nodeCount
        var queue = (0..<n).map { Int32($0) }
        random.shuffle(&queue)
        var isQueued = [Bool](repeating: true, count: n)
        var head = 0
        var queued = n
        var visitsLeft = 1_000 * n
        while queued > 0 && visitsLeft > 0 {
            let node = Int(queue[head])
            head = head + 1 == n ? 0 : head + 1
            queued -= 1
            visitsLeft -= 1
            isQueued[node] = false
            guard moving.moveToBest(node, in: self, allowEmpty: true) > 0 else { continue }
            let community = moving.community[node]
            for entry in offsets[node]..<offsets[node + 1] {
                let neighbor = Int(targets[entry])
                if !isQueued[neighbor] && moving.community[neighbor] != community {
                    isQueued[neighbor] = true
                    queue[(head + queued) % n] = Int32(neighbor)
                    queued += 1
                }
            }
        }
    }
}
