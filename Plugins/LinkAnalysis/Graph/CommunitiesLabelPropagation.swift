import CPrefetch

extension AnalysisGraph {
    /// The most rounds of label propagation (either kind): a round in which no node changes its label ends it sooner.
    static let labelPropagationRoundLimit = 1_000

    /// Communities by asynchronous label propagation (Raghavan, Albert and Kumara 2007), as networkx's
    /// `community.asyn_lpa_communities(G, seed=…)` with its default `weight=None` (edge weights ignored; networkx's
    /// semi-synchronous `label_propagation_communities` is `labelPropagationCommunities()`): every node starts with
    /// a label of its own; in each round the nodes are visited in a fresh random order, and a node whose label is not
    /// among the most frequent labels of its neighbours (a self-loop counting its own label once) takes one of those
    /// at random. Stops after a round that changes nothing (at most 1,000 rounds). The random order of a round is
    /// the nodes ordered by a key drawn for each from the seed, the round and the node (`SeededRandom.key`), so
    /// a late round, which visits few nodes, orders only those instead of shuffling every node.
    ///
    /// Seeded: the same seed gives the same communities; the random choices come from this package's generator, so
    /// they are not networkx's for the same seed. A community is the set of nodes that share a label, which can be
    /// disconnected. `modularity` is at resolution 1.
    public func asynchronousLabelPropagationCommunities(seed: UInt64 = 0) -> Communities {
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
/// frequent labels), so it is skipped: the same result, and the same random draws, for less work. A round puts
/// the nodes active at its start in key order (a radix sort of their places) and visits them in that order,
/// merged with a heap of the nodes activated during the round whose places come later (visiting every node in
/// key order would reach those in this round too); a node activated behind the current place waits for the next.
private struct LabelPropagation: ~Copyable {
    /// How many visits ahead a node's links are asked for (its offset twice as far, its neighbours' labels half).
    static let prefetchDistance = 8

    /// Bits of the key sorted per radix pass (three passes for a 32-bit key).
    static let radixBits = 11

    let offsets: UnsafeBufferPointer<Int>
    let neighbors: UnsafeBufferPointer<Int32>
    let seed: UInt64
    /// Draws among tied labels, in visiting order.
    var random: SeededRandom
    let label: UnsafeMutableBufferPointer<Int32>
    /// The places (`key << 32 | node`) of the nodes active at a round's start, in order; `sorting` is the radix
    /// sort's other buffer.
    let order: UnsafeMutableBufferPointer<UInt64>
    let sorting: UnsafeMutableBufferPointer<UInt64>
    /// The labels around the node being visited.
    let tally: NeighborLabelTally
    let isActive: UnsafeMutableBufferPointer<Bool>

    init(offsets: UnsafeBufferPointer<Int>, neighbors: UnsafeBufferPointer<Int32>, seed: UInt64) {
        let nodeCount = offsets.count - 1
        self.offsets = offsets
        self.neighbors = neighbors
        self.seed = seed
        random = SeededRandom(seed: seed)
        label = .allocate(capacity: nodeCount)
        for node in 0..<nodeCount { label[node] = Int32(node) }
        order = .allocate(capacity: nodeCount)
        sorting = .allocate(capacity: nodeCount)
        tally = NeighborLabelTally(labelCount: nodeCount)
        isActive = .allocate(capacity: nodeCount)
        isActive.initialize(repeating: true)
    }

    deinit {
        label.deallocate()
        order.deallocate()
        sorting.deallocate()
        isActive.deallocate()
    }

    /// The final label of each node.
    consuming func run() -> [Int32] {
        var activeCount = label.count
        var later = NodeHeap()
        for round in 0..<AnalysisGraph.labelPropagationRoundLimit {
            guard activeCount > 0 else { break }
            let count = putActiveInOrder(round: round)
            var changed = false
            var next = 0
            later.removeAll()
            while true {
                // The smaller place of the next listed node and the first of the heap.
                let place: UInt64
                if next < count && (later.isEmpty || order[next] < Self.place(later.first)) {
                    prefetch(after: next, of: count)
                    place = order[next]
                    next += 1
                } else if !later.isEmpty {
                    place = Self.place(later.pop())
                } else {
                    break
                }
                let node = Int(place & 0xFFFF_FFFF)
                activeCount -= 1
                guard visit(node) else { continue }
                changed = true
                for entry in offsets[node]..<offsets[node + 1] where !isActive[Int(neighbors[entry])] {
                    let other = Int(neighbors[entry])
                    isActive[other] = true
                    activeCount += 1
                    let otherKey = SeededRandom.key(seed: seed, round: round, item: other)
                    if UInt64(otherKey) << 32 | UInt64(other) > place {
                        later.push(Int32(other), cost: Double(otherKey))
                    }
                }
            }
            if !changed { break }
        }
        return Array(label)
    }

    /// A heap entry's place: keys are whole numbers below 2^32, exact as costs, and the heap breaks ties by the
    /// smaller node, as places do.
    private static func place(_ entry: (node: Int32, cost: Double)) -> UInt64 {
        UInt64(entry.cost) << 32 | UInt64(entry.node)
    }

    /// Visits active `node`: clears its mark and, unless its label is among its neighbours' most frequent, gives it
    /// one of those (drawn among ties). Returns whether the label changed.
    private mutating func visit(_ node: Int) -> Bool {
        isActive[node] = false
        let slots = offsets[node]..<offsets[node + 1]
        guard !slots.isEmpty,
            let tied = tally.mostFrequentLabels(
                unless: label[node], slots: slots, neighbors: neighbors, labels: label)
        else { return false }
        label[node] = tally[random.index(below: tied)]
        return true
    }

    /// Fills `order` with the places of the nodes active now, in ascending order, for round `round`; returns how
    /// many. A stable radix sort on the key bits, from the nodes in ascending order (ties by node).
    private func putActiveInOrder(round: Int) -> Int {
        var count = 0
        for node in 0..<label.count where isActive[node] {
            sorting[count] = UInt64(SeededRandom.key(seed: seed, round: round, item: node)) << 32 | UInt64(node)
            count += 1
        }
        let buckets = 1 << Self.radixBits
        withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets) { start in
            var from = sorting, into = order
            var shift = 32
            while shift < 64 {
                start.initialize(repeating: 0)
                for index in 0..<count { start[Int(from[index] >> UInt64(shift)) & (buckets - 1)] += 1 }
                var total = 0
                for digit in 0..<buckets {
                    let size = start[digit]
                    start[digit] = total
                    total += size
                }
                for index in 0..<count {
                    let digit = Int(from[index] >> UInt64(shift)) & (buckets - 1)
                    into[start[digit]] = from[index]
                    start[digit] += 1
                }
                swap(&from, &into)
                shift += Self.radixBits
            }
            // The last pass wrote `from` (after the swap); the order belongs in `order`.
            if from.baseAddress != order.baseAddress {
                _ = UnsafeMutableBufferPointer(rebasing: order[0..<count]).update(fromContentsOf: from[0..<count])
            }
        }
        return count
    }

    /// The visit order is random, so nothing is where the last node's data was: ask for the offset of a node a
    /// few visits ahead, its links when they are nearer, and its neighbours' labels when nearer still.
    private func prefetch(after position: Int, of count: Int) {
        let distance = Self.prefetchDistance
        if position + 2 * distance < count {
            nexo_prefetch(offsets.baseAddress! + Int(order[position + 2 * distance] & 0xFFFF_FFFF))
        }
        if position + distance < count {
            let ahead = Int(order[position + distance] & 0xFFFF_FFFF)
            if isActive[ahead] { nexo_prefetch(neighbors.baseAddress! + offsets[ahead]) }
        }
        if position + distance / 2 < count {
            let ahead = Int(order[position + distance / 2] & 0xFFFF_FFFF)
            if isActive[ahead] {
                let first = offsets[ahead]
                for entry in first..<min(offsets[ahead + 1], first + NeighborLabelTally.shortListDegree) {
                    nexo_prefetch(label.baseAddress! + Int(neighbors[entry]))
                }
            }
        }
    }
}
