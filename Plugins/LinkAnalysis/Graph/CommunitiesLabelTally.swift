/// The labels around one node at a time, for label propagation: which labels its neighbours hold most often, and
/// whether the node's own label is among them. Owns its buffers (freed with it); one tally serves every node of a
/// run, as the counts are cleared after each.
struct NeighborLabelTally: ~Copyable {
    /// Up to this degree a node's labels are counted in a short list instead of the per-label counts.
    static let shortListDegree = 16

    /// Per label: how often it was met among the current node's neighbours (zero between nodes).
    private let frequency: UnsafeMutableBufferPointer<Int32>
    /// The current node's distinct neighbour labels, in the order first met, then its most frequent ones.
    private let listed: UnsafeMutableBufferPointer<Int32>
    /// With the short list: the count of each label in `listed`.
    private let listedCount: UnsafeMutableBufferPointer<Int32>

    /// A tally for labels in `0..<labelCount` (at most that many distinct labels around a node).
    init(labelCount: Int) {
        frequency = .allocate(capacity: labelCount)
        frequency.initialize(repeating: 0)
        listed = .allocate(capacity: labelCount)
        listedCount = .allocate(capacity: Self.shortListDegree)
    }

    deinit {
        frequency.deallocate()
        listed.deallocate()
        listedCount.deallocate()
    }

    /// The `index`th of the most frequent labels found by the last `mostFrequentLabels(unless:…)`.
    subscript(index: Int) -> Int32 { listed[index] }

    /// When `own` is not among the most frequent of the labels (`labels`) of the neighbours `neighbors[slots]`,
    /// puts those labels first (read them with the subscript), in the order first met, and returns how many there
    /// are; `nil` when `own` is among them. A neighbour listed twice counts twice.
    func mostFrequentLabels(
        unless own: Int32, slots: Range<Int>, neighbors: UnsafeBufferPointer<Int32>,
        labels: UnsafeMutableBufferPointer<Int32>
    ) -> Int? {
        var distinct = 0
        var highest: Int32 = 0
        if slots.count <= Self.shortListDegree {
            // A short list: a linear search beats a random access into the per-label counts.
            var ownCount: Int32 = 0
            for entry in slots {
                let neighborLabel = labels[Int(neighbors[entry])]
                var index = 0
                while index < distinct && listed[index] != neighborLabel { index += 1 }
                if index == distinct {
                    listed[index] = neighborLabel
                    listedCount[index] = 0
                    distinct += 1
                }
                listedCount[index] += 1
                highest = max(highest, listedCount[index])
                if neighborLabel == own { ownCount += 1 }
            }
            if ownCount == highest { return nil }
            var tied = 0
            for index in 0..<distinct where listedCount[index] == highest {
                listed[tied] = listed[index]
                tied += 1
            }
            return tied
        }
        for entry in slots {
            let neighborLabel = Int(labels[Int(neighbors[entry])])
            if frequency[neighborLabel] == 0 {
                listed[distinct] = Int32(neighborLabel)
                distinct += 1
            }
            frequency[neighborLabel] += 1
            highest = max(highest, frequency[neighborLabel])
        }
        let ownCount = frequency[Int(own)]
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
        return ownCount == highest ? nil : tied
    }
}
