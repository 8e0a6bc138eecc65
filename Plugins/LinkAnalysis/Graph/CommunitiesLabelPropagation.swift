extension AnalysisGraph {
    /// The most rounds of asynchronous label propagation: a round in which no node changes its label ends it sooner.
    static let labelPropagationRoundLimit = 1_000

    /// Communities by asynchronous label propagation (Raghavan, Albert and Kumara 2007), as networkx's
    /// `community.asyn_lpa_communities(G, seed=…)` with its default `weight=None` (edge weights ignored; networkx's
    /// other function, the semi-synchronous `label_propagation_communities`, is not this one): every node starts with
    /// a label of its own; in each round the nodes are visited in a fresh random order, and a node whose label is not
    /// among the most frequent labels of its neighbours (a self-loop counting its own label once) takes one of those
    /// at random. Stops after a round that changes nothing (at most 1,000 rounds).
    ///
    /// Seeded: the same seed gives the same communities; the random choices come from this package's generator, so
    /// they are not networkx's for the same seed. A community is the set of nodes that share a label, which can be
    /// disconnected. `modularity` is at resolution 1.
    public func labelPropagationCommunities(seed: UInt64 = 0) -> Communities {
        var random = CommunityRandom(seed: seed)
        var label = (0..<nodeCount).map { Int32($0) }
        var order = label
        var frequency = NeighborWeights(capacity: nodeCount)
        var mostFrequent = [Int32](repeating: 0, count: nodeCount)
        for _ in 0..<Self.labelPropagationRoundLimit {
            random.shuffle(&order)
            var changed = false
            for node in order.lazy.map({ Int($0) }) where offsets[node] < offsets[node + 1] {
                for entry in offsets[node]..<offsets[node + 1] { frequency.add(1, to: label[Int(neighbors[entry])]) }
                var highest = 0.0
                for index in 0..<frequency.count {
                    highest = max(highest, frequency.weight[Int(frequency.listed[index])])
                }
                var tied = 0
                for index in 0..<frequency.count where frequency.weight[Int(frequency.listed[index])] == highest {
                    mostFrequent[tied] = frequency.listed[index]
                    tied += 1
                }
                if frequency.weight[Int(label[node])] != highest {
                    label[node] = mostFrequent[random.index(below: tied)]
                    changed = true
                }
                frequency.clear()
            }
            if !changed { break }
        }
        let (membership, count) = Self.renumberedBySmallestNode(label)
        // Labels are numbers in 0..<nodeCount, so the partition is always valid at resolution 1.
        let quality = (try? modularity(of: membership)) ?? 0
        return Communities(membership: membership, count: count, modularity: quality)
    }
}
