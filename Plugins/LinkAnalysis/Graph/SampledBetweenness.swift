/// Betweenness with progress and cancellation, exact or estimated from sampled sources.
extension AnalysisGraph {
    /// Exact betweenness centrality, as `betweennessCentrality()`, reporting progress: `shouldContinue(done, total)`
    /// is called once per source node (`total` is `nodeCount`) and the run stops, returning nil, as soon as it
    /// returns false.
    public func betweennessCentrality(shouldContinue: (Int, Int) -> Bool) -> [Double]? {
        var centrality = [Double](repeating: 0, count: nodeCount)
        guard accumulateBetweenness(from: 0..<nodeCount, into: &centrality, shouldContinue: shouldContinue) else {
            return nil
        }
        normaliseExactBetweenness(&centrality)
        return centrality
    }

    /// Betweenness centrality estimated from `samples` source nodes (pivots) drawn without replacement, the
    /// estimator of networkx's `betweenness_centrality(G, k=samples, seed=…)` with `normalized=True,
    /// endpoints=False`: Brandes' dependencies are summed over the pivots only, then a pivot's sum is multiplied by
    /// `1 / ((k - 1)(n - 2))` and any other node's by `1 / (k (n - 2))` (a pivot gets no dependency from its own
    /// source, so it is averaged over the other `k - 1`); not rescaled when `n <= 2`. With `samples == nodeCount`
    /// this is exact betweenness. Unbiased: the mean over seeds tends to exact betweenness.
    ///
    /// Seeded: the same seed gives the same pivots and so the same values; the pivots come from this package's
    /// generator, so they are not networkx's for the same seed. `shouldContinue(done, samples)` is called once per
    /// pivot; the run stops, returning nil, as soon as it returns false.
    ///
    /// Throws `invalidSampleCount` unless `samples` is between 2 and `nodeCount` (1 and `nodeCount` when
    /// `nodeCount <= 2`): with one pivot the pivot itself would have no estimate.
    public func sampledBetweennessCentrality(
        samples: Int, seed: UInt64, shouldContinue: (Int, Int) -> Bool = { _, _ in true }
    ) throws(GraphError) -> [Double]? {
        let n = nodeCount
        guard samples >= Self.minimumSamples(nodeCount: n), samples <= n else {
            throw .invalidSampleCount(samples: samples, nodeCount: n)
        }
        let pivots = samplePivots(count: samples, seed: seed)
        var centrality = [Double](repeating: 0, count: n)
        guard
            accumulateBetweenness(from: pivots.lazy.map { Int($0) }, into: &centrality, shouldContinue: shouldContinue)
        else { return nil }
        if n > 2 {
            let pivotScale = 1 / (Double(samples - 1) * Double(n - 2))
            let otherScale = 1 / (Double(samples) * Double(n - 2))
            var isPivot = [Bool](repeating: false, count: n)
            for pivot in pivots { isPivot[Int(pivot)] = true }
            for node in 0..<n { centrality[node] *= isPivot[node] ? pivotScale : otherScale }
        }
        return centrality
    }

    /// The fewest pivots `sampledBetweennessCentrality` accepts on a graph of `nodeCount` nodes.
    static func minimumSamples(nodeCount: Int) -> Int { nodeCount <= 2 ? min(1, nodeCount) : 2 }

    /// `count` distinct nodes drawn uniformly without replacement (a partial Fisher–Yates shuffle), seeded.
    func samplePivots(count: Int, seed: UInt64) -> [Int32] {
        var random = SeededRandom(seed: seed)
        var nodes = (0..<Int32(nodeCount)).map { $0 }
        for position in 0..<count {
            nodes.swapAt(position, position + random.index(below: nodeCount - position))
        }
        return Array(nodes[0..<count])
    }
}
