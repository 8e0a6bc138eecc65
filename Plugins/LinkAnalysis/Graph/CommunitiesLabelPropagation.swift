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
        var random = SeededRandom(seed: seed)
        var label = (0..<nodeCount).map { Int32($0) }
        var order = label
        var frequency = [Int32](repeating: 0, count: nodeCount)
        var listed = [Int32](repeating: 0, count: nodeCount)
        // A node whose neighbours kept their labels since it was last visited keeps its own (it holds one of
        // their most frequent labels), so it is skipped: the same result, and the same random draws, for less work.
        var isActive = [Bool](repeating: true, count: nodeCount)
        var activeCount = nodeCount
        // Buffer pointers: the loop reads a label per link per round; every index is a node number < nodeCount.
        offsets.withUnsafeBufferPointer { offsets in
            neighbors.withUnsafeBufferPointer { neighbors in
                label.withUnsafeMutableBufferPointer { label in
                    frequency.withUnsafeMutableBufferPointer { frequency in
                        listed.withUnsafeMutableBufferPointer { listed in
                            isActive.withUnsafeMutableBufferPointer { isActive in
                                for _ in 0..<Self.labelPropagationRoundLimit {
                                    guard activeCount > 0 else { break }
                                    random.shuffle(&order)
                                    var changed = false
                                    for node in order.lazy.map({ Int($0) }) where isActive[node] {
                                        isActive[node] = false
                                        activeCount -= 1
                                        let slots = offsets[node]..<offsets[node + 1]
                                        if slots.isEmpty { continue }
                                        var distinct = 0
                                        var highest: Int32 = 0
                                        for entry in slots {
                                            let neighborLabel = Int(label[Int(neighbors[entry])])
                                            if frequency[neighborLabel] == 0 {
                                                listed[distinct] = Int32(neighborLabel)
                                                distinct += 1
                                            }
                                            frequency[neighborLabel] += 1
                                            highest = max(highest, frequency[neighborLabel])
                                        }
                                        if frequency[Int(label[node])] != highest {
                                            // The most frequent labels, in the order first met, moved to the front.
                                            // (each entry is read before the ones at or below it are written),
                                            // and every count cleared on the way.
                                            var tied = 0
                                            for index in 0..<distinct {
                                                let candidate = listed[index]
                                                if frequency[Int(candidate)] == highest {
                                                    listed[tied] = candidate
                                                    tied += 1
                                                }
                                                frequency[Int(candidate)] = 0
                                            }
                                            label[node] = listed[random.index(below: tied)]
                                            changed = true
                                            for entry in slots where !isActive[Int(neighbors[entry])] {
                                                isActive[Int(neighbors[entry])] = true
                                                activeCount += 1
                                            }
                                        } else {
                                            for index in 0..<distinct { frequency[Int(listed[index])] = 0 }
                                        }
                                    }
                                    if !changed { break }
                                }
                            }
                        }
                    }
                }
            }
        }
        let (membership, count) = Self.renumberedBySmallestNode(label)
        // Labels are numbers in 0..<nodeCount, so the partition is always valid at resolution 1.
        let quality = (try? modularity(of: membership)) ?? 0
        return Communities(membership: membership, count: count, modularity: quality)
    }
}
