extension AnalysisGraph {
    /// Communities by semi-synchronous label propagation (Cordasco and Gargano 2010), exactly as networkx's
    /// `community.label_propagation_communities(G)`: the nodes are coloured so that no two neighbours share a colour
    /// (`greedyColoring()`), every node starts with its own number as its label, and in each round the colour
    /// classes are updated one after the other: a node whose label is not among the most frequent labels of its
    /// neighbours (a self-loop counting its own label once) takes the largest of those ("Prec-Max"). Stops when
    /// every node holds one of its neighbours' most frequent labels, which Cordasco and Gargano prove happens; at
    /// most 1,000 rounds.
    ///
    /// No random choices: the same graph always gives the same communities, those networkx gives. Neighbours never
    /// share a colour, so a class's updates do not depend on one another. A node is looked at again only when a
    /// neighbour's label changed since its last update (the same result: its update would change nothing). A
    /// community is the set of nodes that share a label, which can be disconnected. `modularity` is at resolution 1.
    public func labelPropagationCommunities() -> Communities {
        let (color, colorCount) = greedyColoring()
        let label = offsets.withUnsafeBufferPointer { offsets in
            neighbors.withUnsafeBufferPointer { neighbors in
                let propagation = SemiSynchronousPropagation(
                    offsets: offsets, neighbors: neighbors, color: color, colorCount: colorCount)
                return propagation.run()
            }
        }
        let (membership, count) = Self.renumberedBySmallestNode(label)
        // Labels are numbers in 0..<nodeCount, so the partition is always valid at resolution 1.
        let quality = (try? modularity(of: membership)) ?? 0
        return Communities(membership: membership, count: count, modularity: quality)
    }

    /// A colouring in which no two neighbours share a colour, with the number of colours: networkx's
    /// `coloring.greedy_color(G, strategy="largest_first")` — the nodes by degree, largest first (equal degrees in
    /// node order; a self-loop counts twice), each given the smallest colour none of its coloured neighbours has.
    public func greedyColoring() -> (color: [Int32], count: Int) {
        var color = [Int32](repeating: -1, count: nodeCount)
        guard nodeCount > 0 else { return (color, 0) }
        // Largest degree first, by a counting sort (stable: equal degrees keep node order).
        let maxDegree = (0..<nodeCount).reduce(0) { max($0, degree($1)) }
        var start = [Int](repeating: 0, count: maxDegree + 2)
        for node in 0..<nodeCount { start[maxDegree - degree(node) + 1] += 1 }
        for slot in 1..<start.count { start[slot] += start[slot - 1] }
        var order = [Int32](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            let slot = maxDegree - degree(node)
            order[start[slot]] = Int32(node)
            start[slot] += 1
        }
        // `takenBy[c] == u`: a neighbour of u has colour c. A node has at most maxDegree coloured neighbours.
        var takenBy = [Int32](repeating: -1, count: maxDegree + 1)
        var count = 0
        for node in order {
            let current = Int(node)
            for entry in offsets[current]..<offsets[current + 1] {
                let neighborColor = color[Int(neighbors[entry])]
                if neighborColor >= 0 { takenBy[Int(neighborColor)] = node }
            }
            var chosen = 0
            while takenBy[chosen] == node { chosen += 1 }
            color[current] = Int32(chosen)
            count = max(count, chosen + 1)
        }
        return (color, count)
    }
}

/// One run of semi-synchronous label propagation, with its buffers (freed when the run ends).
private struct SemiSynchronousPropagation: ~Copyable {
    let offsets: UnsafeBufferPointer<Int>
    let neighbors: UnsafeBufferPointer<Int32>
    /// The nodes class by class, each class in ascending node order (so a round reads the links front to back).
    let order: UnsafeMutableBufferPointer<Int32>
    let label: UnsafeMutableBufferPointer<Int32>
    /// Whether a neighbour's label changed since the node's last update.
    let isActive: UnsafeMutableBufferPointer<Bool>
    let tally: NeighborLabelTally

    init(offsets: UnsafeBufferPointer<Int>, neighbors: UnsafeBufferPointer<Int32>, color: [Int32], colorCount: Int) {
        let nodeCount = offsets.count - 1
        self.offsets = offsets
        self.neighbors = neighbors
        order = .allocate(capacity: nodeCount)
        var start = [Int](repeating: 0, count: colorCount + 1)
        for node in 0..<nodeCount { start[Int(color[node]) + 1] += 1 }
        for slot in 1..<start.count { start[slot] += start[slot - 1] }
        for node in 0..<nodeCount {
            let slot = Int(color[node])
            order[start[slot]] = Int32(node)
            start[slot] += 1
        }
        label = .allocate(capacity: nodeCount)
        for node in 0..<nodeCount { label[node] = Int32(node) }
        isActive = .allocate(capacity: nodeCount)
        isActive.initialize(repeating: true)
        tally = NeighborLabelTally(labelCount: nodeCount)
    }

    deinit {
        order.deallocate()
        label.deallocate()
        isActive.deallocate()
    }

    /// The final label of each node.
    consuming func run() -> [Int32] {
        for _ in 0..<AnalysisGraph.labelPropagationRoundLimit {
            var changed = false
            for place in 0..<order.count {
                let node = Int(order[place])
                guard isActive[node] else { continue }
                isActive[node] = false
                let slots = offsets[node]..<offsets[node + 1]
                guard !slots.isEmpty,
                    let tied = tally.mostFrequentLabels(
                        unless: label[node], slots: slots, neighbors: neighbors, labels: label)
                else { continue }
                var largest = tally[0]
                for index in 1..<tied { largest = max(largest, tally[index]) }
                label[node] = largest
                changed = true
                for entry in slots { isActive[Int(neighbors[entry])] = true }
            }
            if !changed { break }
        }
        return Array(label)
    }
}
