extension AnalysisGraph {
    /// Exact betweenness centrality by Brandes' algorithm on hop distances (edge weights ignored), as networkx's
    /// `betweenness_centrality(G)` with `normalized=True, endpoints=False`: for each node `v`, the sum over
    /// unordered pairs `{s, t}` (neither being `v`) of the share of shortest `s`–`t` paths through `v`, times
    /// `2 / ((n - 1)(n - 2))`; not rescaled when `n <= 2`.
    public func betweennessCentrality() -> [Double] {
        var centrality = [Double](repeating: 0, count: nodeCount)
        _ = accumulateBetweenness(from: 0..<nodeCount, into: &centrality) { _, _ in true }
        normaliseExactBetweenness(&centrality)
        return centrality
    }

    /// Rescales dependencies summed from every source into networkx's normalised betweenness.
    func normaliseExactBetweenness(_ centrality: inout [Double]) {
        // Each unordered pair was counted from both ends: networkx's 1 / ((n - 1)(n - 2)) on this double count.
        let n = nodeCount
        if n > 2 {
            let scale = 1 / (Double(n - 1) * Double(n - 2))
            for node in 0..<n { centrality[node] *= scale }
        }
    }

    /// Adds to `centrality` each node's dependency (Brandes) on the shortest paths from every node of `sources`,
    /// not rescaled. Calls `shouldContinue(done, sources.count)` after each source and stops, returning false,
    /// as soon as it returns false; returns true when every source was done.
    func accumulateBetweenness(
        from sources: some Collection<Int>, into centrality: inout [Double],
        shouldContinue: (Int, Int) -> Bool
    ) -> Bool {
        let n = nodeCount
        // Buffers reused for every source: no allocation inside the loop.
        var distance = [Int32](repeating: -1, count: n)
        var order = [Int32](repeating: 0, count: n)
        var pathCount = [Double](repeating: 0, count: n)
        var dependency = [Double](repeating: 0, count: n)
        var done = 0
        for source in sources {
            pathCount[source] = 1
            distance[source] = 0
            order[0] = Int32(source)
            var head = 0
            var tail = 1
            while head < tail {
                let node = Int(order[head])
                head += 1
                let next = distance[node] + 1
                for entry in offsets[node]..<offsets[node + 1] {
                    let neighbor = Int(neighbors[entry])
                    if distance[neighbor] < 0 {
                        distance[neighbor] = next
                        order[tail] = Int32(neighbor)
                        tail += 1
                    }
                    if distance[neighbor] == next { pathCount[neighbor] += pathCount[node] }
                }
            }
            // Accumulate dependencies in reverse BFS order; predecessors are the neighbours one hop closer.
            var index = tail - 1
            while index > 0 {
                let node = Int(order[index])
                let share = (1 + dependency[node]) / pathCount[node]
                let closer = distance[node] - 1
                for entry in offsets[node]..<offsets[node + 1] {
                    let neighbor = Int(neighbors[entry])
                    if distance[neighbor] == closer { dependency[neighbor] += pathCount[neighbor] * share }
                }
                centrality[node] += dependency[node]
                index -= 1
            }
            for position in 0..<tail {
                let node = Int(order[position])
                distance[node] = -1
                pathCount[node] = 0
                dependency[node] = 0
            }
            done += 1
            if !shouldContinue(done, sources.count) { return false }
        }
        return true
    }
}
