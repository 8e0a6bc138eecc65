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
        precondition(distance.count == nodeCount && queue.count == nodeCount, "buffers of nodeCount entries")
        // Buffer pointers: this loop runs once per link per source (closeness, harmonic, components, k-hop), and
        // checked subscripts cost it a third of its time. Every index read below is a node number < nodeCount.
        return offsets.withUnsafeBufferPointer { offsets in
            neighbors.withUnsafeBufferPointer { neighbors in
                distance.withUnsafeMutableBufferPointer { distance in
                    queue.withUnsafeMutableBufferPointer { queue in
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
                }
            }
        }
    }

    /// The connected components, each as its nodes in ascending order, ordered by their smallest node
    /// (the sets of networkx's `connected_components(G)`, in node order).
    public func connectedComponents() -> [[Int32]] {
        let (membership, count) = componentMembership()
        var components = [[Int32]](repeating: [], count: count)
        for (node, component) in membership.enumerated() { components[Int(component)].append(Int32(node)) }
        return components
    }

    /// The component of each node, the components numbered from 0 in the order of their smallest node (the order
    /// of ``connectedComponents()``), with the number of components.
    public func componentMembership() -> (membership: [Int32], count: Int) {
        // Union–find over each link once (the smaller root wins, so a root is its set's smallest node), then one
        // pass in node order numbers the roots: half the scattered reads of a breadth-first search.
        var root = (0..<Int32(nodeCount)).map { $0 }
        var membership = [Int32](repeating: -1, count: nodeCount)
        var count: Int32 = 0
        offsets.withUnsafeBufferPointer { offsets in
            neighbors.withUnsafeBufferPointer { neighbors in
                root.withUnsafeMutableBufferPointer { root in
                    func find(_ start: Int32) -> Int32 {
                        var node = start
                        while root[Int(node)] != node {
                            root[Int(node)] = root[Int(root[Int(node)])]
                            node = root[Int(node)]
                        }
                        return node
                    }
                    for node in 0..<nodeCount {
                        for entry in offsets[node]..<offsets[node + 1] where Int(neighbors[entry]) > node {
                            let a = find(Int32(node))
                            let b = find(neighbors[entry])
                            if a != b { root[Int(max(a, b))] = min(a, b) }
                        }
                    }
                    for node in 0..<nodeCount {
                        let top = Int(find(Int32(node)))
                        if membership[top] < 0 {
                            membership[top] = count
                            count += 1
                        }
                        membership[node] = membership[top]
                    }
                }
            }
        }
        return (membership, Int(count))
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
