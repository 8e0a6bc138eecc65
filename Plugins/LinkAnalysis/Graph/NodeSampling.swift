extension AnalysisGraph {
    /// `count` distinct nodes drawn uniformly without replacement, seeded (the same draw as the pivots of
    /// ``sampledBetweennessCentrality(samples:seed:shouldContinue:)``), in the order drawn.
    /// Throws `invalidSampleCount` unless `count` is between 1 and `nodeCount`.
    public func sampleNodes(count: Int, seed: UInt64) throws(GraphError) -> [Int32] {
        guard count >= 1, count <= nodeCount else { throw .invalidSampleCount(samples: count, nodeCount: nodeCount) }
        return samplePivots(count: count, seed: seed)
    }
}
