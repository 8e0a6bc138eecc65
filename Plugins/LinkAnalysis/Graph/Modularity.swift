extension AnalysisGraph {
    /// The modularity of a partition, as networkx's `community.modularity(G, communities, resolution=γ)` with its
    /// default `weight="weight"`: `Q = Σ_c [ L_c / m − γ (D_c / 2m)² ]`, where `m` is the total edge weight (1 per
    /// edge when the graph is unweighted, a self-loop counted once), `L_c` the weight of the edges inside community `c`
    /// (a self-loop once) and `D_c` the sum of its nodes' weighted degrees (a self-loop twice).
    ///
    /// `partition[u]` is the community of node `u`, a number in `0..<nodeCount` (numbers need not be consecutive).
    /// A graph without edges has modularity 0 (networkx divides by zero there).
    /// Throws `GraphError` when the partition does not give one community in `0..<nodeCount` per node, or the
    /// resolution is not finite and above 0.
    public func modularity(of partition: [Int32], resolution: Double = 1) throws(GraphError) -> Double {
        guard partition.count == nodeCount else {
            throw .partitionSizeMismatch(labels: partition.count, nodeCount: nodeCount)
        }
        try Self.checkResolution(resolution)
        for (node, community) in partition.enumerated() where community < 0 || Int(community) >= nodeCount {
            throw .communityOutOfRange(node: node, community: community, nodeCount: nodeCount)
        }
        var inside = [Double](repeating: 0, count: nodeCount)
        var degreeSum = [Double](repeating: 0, count: nodeCount)
        var total = 0.0
        for node in 0..<nodeCount {
            let community = Int(partition[node])
            for entry in offsets[node]..<offsets[node + 1] {
                let neighbor = Int(neighbors[entry])
                let weight = weights?[entry] ?? 1
                // Each edge is listed from both ends, a self-loop once: halve the first, count the loop whole.
                let share = neighbor == node ? weight : weight / 2
                total += share
                degreeSum[community] += neighbor == node ? 2 * weight : weight
                if Int(partition[neighbor]) == community { inside[community] += share }
            }
        }
        if total == 0 { return 0 }
        var quality = 0.0
        for community in 0..<nodeCount where degreeSum[community] > 0 {
            let fraction = degreeSum[community] / (2 * total)
            quality += inside[community] / total - resolution * fraction * fraction
        }
        return quality
    }

    /// Throws `GraphError.invalidResolution` unless `resolution` is finite and above 0.
    static func checkResolution(_ resolution: Double) throws(GraphError) {
        guard resolution.isFinite, resolution > 0 else { throw .invalidResolution(resolution) }
    }
}
