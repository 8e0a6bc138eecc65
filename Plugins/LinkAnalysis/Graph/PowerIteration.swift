extension AnalysisGraph {
    /// PageRank by power iteration, as networkx's `pagerank(G)` with its defaults: damping `alpha` (0.85), uniform
    /// start and personalization `1 / n`, the edge weights (1 when unweighted) split over each node's weighted
    /// degree (a self-loop counted once), the rank of nodes without edges spread uniformly over all nodes.
    /// Stops when the sum of absolute changes is below `n * tolerance` (1e-6); the ranks sum to 1.
    /// Throws `GraphError.noConvergence` after `maxIterations` (100) iterations without converging.
    public func pageRank(alpha: Double = 0.85, tolerance: Double = 1e-6, maxIterations: Int = 100) throws(GraphError)
        -> [Double]
    {
        let n = nodeCount
        if n == 0 { return [] }
        var outWeight = [Double](repeating: 0, count: n)
        for node in 0..<n {
            for entry in offsets[node]..<offsets[node + 1] { outWeight[node] += weights?[entry] ?? 1 }
        }
        let uniform = 1 / Double(n)
        var rank = [Double](repeating: uniform, count: n)
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<maxIterations {
            var danglingRank = 0.0
            for node in 0..<n where outWeight[node] == 0 { danglingRank += rank[node] }
            for node in 0..<n { next[node] = 0 }
            for node in 0..<n where outWeight[node] != 0 {
                let share = rank[node] / outWeight[node]
                for entry in offsets[node]..<offsets[node + 1] {
                    next[Int(neighbors[entry])] += share * (weights?[entry] ?? 1)
                }
            }
            var change = 0.0
            for node in 0..<n {
                next[node] = alpha * (next[node] + danglingRank * uniform) + (1 - alpha) * uniform
                change += abs(next[node] - rank[node])
            }
            swap(&rank, &next)
            if change < Double(n) * tolerance { return rank }
        }
        throw .noConvergence(algorithm: "PageRank", iterations: maxIterations)
    }

    /// Eigenvector centrality by power iteration on `A + I`, as networkx's `eigenvector_centrality(G)` with its
    /// defaults (edge weights ignored, a self-loop adding its node once): starting from `1 / n` everywhere, each step
    /// is `x <- (A + I) x` scaled to Euclidean norm 1, until the sum of absolute changes is below `n * tolerance`
    /// (1e-6). The result has Euclidean norm 1. Throws `GraphError.emptyGraph` without nodes and
    /// `GraphError.noConvergence` after `maxIterations` (100) iterations without converging.
    public func eigenvectorCentrality(tolerance: Double = 1e-6, maxIterations: Int = 100) throws(GraphError)
        -> [Double]
    {
        let n = nodeCount
        if n == 0 { throw .emptyGraph(algorithm: "eigenvector centrality") }
        var vector = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<maxIterations {
            for node in 0..<n { next[node] = vector[node] }
            for node in 0..<n {
                for entry in offsets[node]..<offsets[node + 1] { next[Int(neighbors[entry])] += vector[node] }
            }
            var squares = 0.0
            for node in 0..<n { squares += next[node] * next[node] }
            let norm = squares > 0 ? squares.squareRoot() : 1
            var change = 0.0
            for node in 0..<n {
                next[node] /= norm
                change += abs(next[node] - vector[node])
            }
            swap(&vector, &next)
            if change < Double(n) * tolerance { return vector }
        }
        throw .noConvergence(algorithm: "eigenvector centrality", iterations: maxIterations)
    }
}
