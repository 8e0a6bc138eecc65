/// Breadth-first measures: hop distances, components, degree, closeness and harmonic centrality.
/// Edge weights are ignored here, as networkx does by default (`distance=None`).
extension AnalysisGraph {
    /// Hop distances from `source`, -1 for nodes not reached; with `maxDepth`, nodes farther than it are not
    /// reached (networkx's `single_source_shortest_path_length(G, source, cutoff=maxDepth)`).
    public func distances(from source: Int, maxDepth: Int? = nil) throws(GraphError) -> [Int32] {
        guard source >= 0, source < nodeCount else { throw .sourceOutOfRange(node: source, nodeCount: nodeCount) }
        var distance = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        _ = breadthFirst(from: source, maxDepth: maxDepth, distance: &distance, queue: &queue)
        return distance
    }

    /// Runs a breadth-first search from `source` into caller-owned buffers (`distance` must be all -1 on entry) and
    /// returns how many nodes it reached; `queue[0..<count]` then holds them in visiting order.
    func breadthFirst(from source: Int, maxDepth: Int?, distance: inout [Int32], queue: inout [Int32]) -> Int {
        let limit = maxDepth.map { Int32(clamping: $0) } ?? Int32.max
        distance[source] = 0
        queue[0] = Int32(source)
        var head = 0
        var tail = 1
        while head < tail {
            let node = Int(queue[head])
            head += 1
            let next = distance[node] + 1
            if next > limit { continue }
            for entry in offsets[node]..<offsets[node + 1] {
                let neighbor = Int(neighbors[entry])
                if distance[neighbor] < 0 {
                    distance[neighbor] = next
                    queue[tail] = Int32(neighbor)
                    tail += 1
                }
            }
        }
        return tail
    }

    /// The connected components, each as its nodes in ascending order, ordered by their smallest node
    /// (the sets of networkx's `connected_components(G)`, in node order).
    public func connectedComponents() -> [[Int32]] {
        var distance = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        var components: [[Int32]] = []
        for node in 0..<nodeCount where distance[node] < 0 {
            let reached = breadthFirst(from: node, maxDepth: nil, distance: &distance, queue: &queue)
            components.append(queue[0..<reached].sorted())
        }
        return components
    }

    /// Degree centrality: `degree(u) / (n - 1)`, a self-loop counting twice; every node gets 1 when `n <= 1`
    /// (networkx's `degree_centrality(G)`).
    public func degreeCentrality() -> [Double] {
        if nodeCount <= 1 { return [Double](repeating: 1, count: nodeCount) }
        let scale = 1 / Double(nodeCount - 1)
        return (0..<nodeCount).map { Double(degree($0)) * scale }
    }

    /// Closeness centrality with Wasserman and Faust's correction for disconnected graphs (networkx's
    /// `closeness_centrality(G)`, `wf_improved=True`): for a node reaching `r - 1` other nodes at total distance
    /// `s`, `((r - 1) / s) * ((r - 1) / (n - 1))`; 0 when it reaches none.
    public func closenessCentrality() -> [Double] {
        closenessCentrality(of: (0..<Int32(nodeCount)).map { $0 }, shouldContinue: { _, _ in true })!
    }

    /// Closeness centrality of `nodes` only (one breadth-first search each), in their order: the values
    /// `closenessCentrality()` gives them. `shouldContinue(done, nodes.count)` is called once per node; the run
    /// stops, returning nil, as soon as it returns false.
    public func closenessCentrality(of nodes: [Int32], shouldContinue: (Int, Int) -> Bool) -> [Double]? {
        perSource(nodes, shouldContinue: shouldContinue) { reached, distance, queue in
            var total = 0
            for index in 0..<reached { total += Int(distance[Int(queue[index])]) }
            guard total > 0 && nodeCount > 1 else { return 0 }
            let others = Double(reached - 1)
            return (others / Double(total)) * (others / Double(nodeCount - 1))
        }
    }

    /// Harmonic centrality: the sum of `1 / d(u, v)` over the nodes `v != u` that `u` reaches, not normalised
    /// (networkx's `harmonic_centrality(G)`).
    public func harmonicCentrality() -> [Double] {
        harmonicCentrality(of: (0..<Int32(nodeCount)).map { $0 }, shouldContinue: { _, _ in true })!
    }

    /// Harmonic centrality of `nodes` only, in their order, with progress as
    /// ``closenessCentrality(of:shouldContinue:)``.
    public func harmonicCentrality(of nodes: [Int32], shouldContinue: (Int, Int) -> Bool) -> [Double]? {
        perSource(nodes, shouldContinue: shouldContinue) { reached, distance, queue in
            var sum = 0.0
            for index in 1..<max(reached, 1) { sum += 1 / Double(distance[Int(queue[index])]) }
            return sum
        }
    }

    /// One value per node of `nodes` from a breadth-first search out of it: `value(reached, distance, queue)`
    /// sees the search's buffers (see ``breadthFirst(from:maxDepth:distance:queue:)``), reset between nodes.
    private func perSource(
        _ nodes: [Int32], shouldContinue: (Int, Int) -> Bool,
        value: (Int, [Int32], [Int32]) -> Double
    ) -> [Double]? {
        var result = [Double](repeating: 0, count: nodes.count)
        var distance = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        for (position, source) in nodes.enumerated() {
            guard shouldContinue(position, nodes.count) else { return nil }
            let reached = breadthFirst(from: Int(source), maxDepth: nil, distance: &distance, queue: &queue)
            result[position] = value(reached, distance, queue)
            for index in 0..<reached { distance[Int(queue[index])] = -1 }
        }
        return result
    }
}
