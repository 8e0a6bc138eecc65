import CPrefetch

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
        let label = offsets.withUnsafeBufferPointer { offsets in
            neighbors.withUnsafeBufferPointer { neighbors in
                let propagation = LabelPropagation(offsets: offsets, neighbors: neighbors, seed: seed)
                return propagation.run()
            }
        }
        let (membership, count) = Self.renumberedBySmallestNode(label)
        // Labels are numbers in 0..<nodeCount, so the partition is always valid at resolution 1.
        let quality = (try? modularity(of: membership)) ?? 0
        return Communities(membership: membership, count: count, modularity: quality)
    }
}

/// One run of label propagation over a graph's adjacency, with its buffers (freed when the run ends).
///
/// A node whose neighbours kept their labels since it was last visited keeps its own (it holds one of their most
/// frequent labels), so it is skipped: the same result, and the same random draws, for less work.
private struct LabelPropagation: ~Copyable {
    /// How many visits ahead a node's links are asked for (its offset twice as far, its neighbours' labels half).
    static let prefetchDistance = 8
    /// Up to this degree a node's labels are counted in a short list instead of the per-label counts.
    static let shortListDegree = 16

    let offsets: UnsafeBufferPointer<Int>
    let neighbors: UnsafeBufferPointer<Int32>
    var random: SeededRandom
    let label: UnsafeMutableBufferPointer<Int32>
    let order: UnsafeMutableBufferPointer<Int32>
    /// Per label: how often it was met among the current node's neighbours (zero between nodes).
    let frequency: UnsafeMutableBufferPointer<Int32>
    /// The current node's distinct neighbour labels, in the order first met, then its most frequent ones.
    let listed: UnsafeMutableBufferPointer<Int32>
    /// With the short list: the count of each label in `listed`.
    let listedCount: UnsafeMutableBufferPointer<Int32>
    let isActive: UnsafeMutableBufferPointer<Bool>

    init(offsets: UnsafeBufferPointer<Int>, neighbors: UnsafeBufferPointer<Int32>, seed: UInt64) {
        let nodeCount = offsets.count - 1
        self.offsets = offsets
        self.neighbors = neighbors
        random = SeededRandom(seed: seed)
        label = .allocate(capacity: nodeCount)
        order = .allocate(capacity: nodeCount)
        for node in 0..<nodeCount {
            label[node] = Int32(node)
            order[node] = Int32(node)
        }
        frequency = .allocate(capacity: nodeCount)
        frequency.initialize(repeating: 0)
        listed = .allocate(capacity: nodeCount)
        listedCount = .allocate(capacity: Self.shortListDegree)
        isActive = .allocate(capacity: nodeCount)
        isActive.initialize(repeating: true)
    }

    deinit {
        label.deallocate()
        order.deallocate()
        frequency.deallocate()
        listed.deallocate()
        listedCount.deallocate()
        isActive.deallocate()
    }

    /// The final label of each node.
    consuming func run() -> [Int32] {
        var activeCount = order.count
        for _ in 0..<AnalysisGraph.labelPropagationRoundLimit {
            guard activeCount > 0 else { break }
            random.shuffle(order)
            var changed = false
            // Asking ahead pays while many nodes are visited; late rounds visit a few and skip the rest.
            let asksAhead = activeCount >= order.count / 16
            for position in 0..<order.count {
                if asksAhead { prefetch(after: position) }
                let node = Int(order[position])
                guard isActive[node] else { continue }
                isActive[node] = false
                activeCount -= 1
                let slots = offsets[node]..<offsets[node + 1]
                if slots.isEmpty { continue }
                guard let tied = mostFrequentLabelsUnlessOwn(node, slots) else { continue }
                label[node] = listed[random.index(below: tied)]
                changed = true
                for entry in slots where !isActive[Int(neighbors[entry])] {
                    isActive[Int(neighbors[entry])] = true
                    activeCount += 1
                }
            }
            if !changed { break }
        }
        return Array(label)
    }

    /// The visit order is random, so nothing is where the last node's data was: ask for the offset of a node a
    /// few visits ahead, its links when they are nearer, and its neighbours' labels when nearer still.
    private func prefetch(after position: Int) {
        let distance = Self.prefetchDistance
        if position + 2 * distance < order.count {
            nexo_prefetch(offsets.baseAddress! + Int(order[position + 2 * distance]))
        }
        if position + distance < order.count {
            let ahead = Int(order[position + distance])
            if isActive[ahead] { nexo_prefetch(neighbors.baseAddress! + offsets[ahead]) }
        }
        if position + distance / 2 < order.count {
            let ahead = Int(order[position + distance / 2])
            if isActive[ahead] {
                let first = offsets[ahead]
                for entry in first..<min(offsets[ahead + 1], first + Self.shortListDegree) {
                    nexo_prefetch(label.baseAddress! + Int(neighbors[entry]))
                }
            }
        }
    }

    /// When the label of `node` is not among the most frequent labels of its neighbours (`slots`), puts those
    /// labels at the front of `listed` in the order first met and returns how many there are; `nil` when the node
    /// keeps its label.
    private func mostFrequentLabelsUnlessOwn(_ node: Int, _ slots: Range<Int>) -> Int? {
        var distinct = 0
        var highest: Int32 = 0
        var own: Int32 = 0
        let current = label[node]
        if slots.count <= Self.shortListDegree {
            // A short list: a linear search beats a random access into the per-label counts.
            for entry in slots {
                let neighborLabel = label[Int(neighbors[entry])]
                var index = 0
                while index < distinct && listed[index] != neighborLabel { index += 1 }
                if index == distinct {
                    listed[index] = neighborLabel
                    listedCount[index] = 0
                    distinct += 1
                }
                listedCount[index] += 1
                highest = max(highest, listedCount[index])
                if neighborLabel == current { own += 1 }
            }
            if own == highest { return nil }
            var tied = 0
            for index in 0..<distinct where listedCount[index] == highest {
                listed[tied] = listed[index]
                tied += 1
            }
            return tied
        }
        for entry in slots {
            let neighborLabel = Int(label[Int(neighbors[entry])])
            if frequency[neighborLabel] == 0 {
                listed[distinct] = Int32(neighborLabel)
                distinct += 1
            }
            frequency[neighborLabel] += 1
            highest = max(highest, frequency[neighborLabel])
        }
        own = frequency[Int(current)]
        // The most frequent labels move to the front (each entry is read before the ones at or below it are
        // written), and every count is cleared on the way.
        var tied = 0
        for index in 0..<distinct {
            let candidate = listed[index]
            if frequency[Int(candidate)] == highest {
                listed[tied] = candidate
                tied += 1
            }
            frequency[Int(candidate)] = 0
        }
        return own == highest ? nil : tied
    }
}
