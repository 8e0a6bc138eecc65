extension AnalysisGraph {
    /// The most passes over the nodes in one Louvain level: a level normally settles in a handful.
    static let louvainPassLimit = 1_000

    /// Louvain communities (Blondel, Guillaume, Lambiotte and Lefebvre 2008), as networkx's
    /// `community.louvain_communities(G, resolution=γ, threshold=1e-7, seed=…)` runs it: in each level, the nodes are
    /// visited in one random order, pass after pass, each moved to the neighbouring community that raises modularity
    /// most, until a pass moves none; then each community becomes one node of the next level's graph. Stops when a
    /// level raises modularity by `threshold` or less (its partition is kept) or moves nothing.
    ///
    /// Edge weights count (1 per edge when unweighted). Seeded: the same seed gives the same communities. The random
    /// order comes from this package's generator, so the communities are as good as networkx's but not the same for
    /// the same seed. A Louvain community can be disconnected; Leiden's cannot.
    /// Throws `GraphError.invalidResolution` unless `resolution` is finite and above 0. `shouldContinue(levels)` is
    /// called before each level with the number done; when it returns false the search throws `GraphError.stopped`.
    public func louvainCommunities(
        seed: UInt64 = 0, resolution: Double = 1, threshold: Double = 1e-7,
        shouldContinue: (Int) -> Bool = { _ in true }
    ) throws(GraphError) -> Communities {
        try Self.checkResolution(resolution)
        var random = SeededRandom(seed: seed)
        var graph = CommunityGraph(self)
        var membership = (0..<nodeCount).map { Int32($0) }
        var quality = graph.modularity(of: membership, count: nodeCount, resolution: resolution)
        var levels = 0
        while graph.totalWeight > 0 {
            guard shouldContinue(levels) else { throw .stopped(algorithm: "Louvain") }
            levels += 1
            var moving = LocalMoving(
                graph: graph, labels: (0..<graph.nodeCount).map { Int32($0) }, resolution: resolution)
            var order = (0..<graph.nodeCount).map { Int32($0) }
            random.shuffle(&order)
            var movedAny = false
            for _ in 0..<Self.louvainPassLimit {
                var gained = 0.0
                for node in order { gained += moving.moveToBest(Int(node), in: graph, allowEmpty: false) }
                if gained == 0 { break }
                movedAny = true
                if gained / graph.totalWeight <= threshold { break }
            }
            if !movedAny { break }
            let (labels, count) = Self.renumberedBySmallestNode(moving.community)
            for node in 0..<nodeCount { membership[node] = labels[Int(membership[node])] }
            let levelQuality = graph.modularity(of: labels, count: count, resolution: resolution)
            if levelQuality - quality <= threshold { break }
            quality = levelQuality
            graph = graph.aggregated(by: labels, count: count)
        }
        return try communities(from: membership, resolution: resolution)
    }
}
