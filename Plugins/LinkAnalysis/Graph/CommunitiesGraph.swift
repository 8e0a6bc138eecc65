/// The weighted graph Louvain and Leiden move nodes on: compressed sparse rows without self-loops, each node's
/// self-loop weight kept apart, so that a community collapsed into one node keeps its inside weight as a self-loop.
struct CommunityGraph {
    let nodeCount: Int
    let offsets: [Int]
    let targets: [Int32]
    let weights: [Double]
    /// The weight of each node's self-loop, counted once (0 when it has none).
    let selfLoop: [Double]
    /// Each node's weighted degree: its edge weights, its self-loop twice.
    let strength: [Double]
    /// `m`: the total edge weight, each self-loop once.
    let totalWeight: Double

    /// The graph itself: weight 1 per edge when unweighted.
    init(_ graph: AnalysisGraph) {
        var offsets = [Int](repeating: 0, count: graph.nodeCount + 1)
        var targets: [Int32] = []
        var weights: [Double] = []
        targets.reserveCapacity(graph.neighbors.count)
        weights.reserveCapacity(graph.neighbors.count)
        var selfLoop = [Double](repeating: 0, count: graph.nodeCount)
        for node in 0..<graph.nodeCount {
            for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                let weight = graph.weights?[entry] ?? 1
                if Int(graph.neighbors[entry]) == node {
                    selfLoop[node] = weight
                } else {
                    targets.append(graph.neighbors[entry])
                    weights.append(weight)
                }
            }
            offsets[node + 1] = targets.count
        }
        self.init(offsets: offsets, targets: targets, weights: weights, selfLoop: selfLoop)
    }

    private init(offsets: [Int], targets: [Int32], weights: [Double], selfLoop: [Double]) {
        let nodeCount = offsets.count - 1
        var strength = [Double](repeating: 0, count: nodeCount)
        var total = 0.0
        for node in 0..<nodeCount {
            var sum = 2 * selfLoop[node]
            for entry in offsets[node]..<offsets[node + 1] { sum += weights[entry] }
            strength[node] = sum
            total += sum
        }
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.selfLoop = selfLoop
        self.strength = strength
        self.totalWeight = total / 2
    }

    /// The graph with each community of `labels` (numbers `0..<count`, every one used) collapsed into one node:
    /// edges between two communities add up, edges inside one become its self-loop.
    func aggregated(by labels: [Int32], count: Int) -> CommunityGraph {
        // Nodes ordered by community (counting sort), so each community's row is built in one go.
        var start = [Int](repeating: 0, count: count + 1)
        for label in labels { start[Int(label) + 1] += 1 }
        for community in 0..<count { start[community + 1] += start[community] }
        var fill = Array(start.dropLast())
        var byCommunity = [Int32](repeating: 0, count: nodeCount)
        for node in 0..<nodeCount {
            byCommunity[fill[Int(labels[node])]] = Int32(node)
            fill[Int(labels[node])] += 1
        }
        var offsets = [Int](repeating: 0, count: count + 1)
        var targets: [Int32] = []
        var weights: [Double] = []
        var selfLoop = [Double](repeating: 0, count: count)
        var collected = NeighborWeights(capacity: count)
        for community in 0..<count {
            var inside = 0.0
            for position in start[community]..<start[community + 1] {
                let node = Int(byCommunity[position])
                inside += self.selfLoop[node]
                for entry in self.offsets[node]..<self.offsets[node + 1] {
                    let other = labels[Int(self.targets[entry])]
                    // An edge inside the community is met from both of its ends: half each time.
                    if Int(other) == community {
                        inside += self.weights[entry] / 2
                    } else {
                        collected.add(self.weights[entry], to: other)
                    }
                }
            }
            for index in 0..<collected.count {
                let other = collected.listed[index]
                targets.append(other)
                weights.append(collected.weight[Int(other)])
            }
            collected.clear()
            selfLoop[community] = inside
            offsets[community + 1] = targets.count
        }
        return CommunityGraph(offsets: offsets, targets: targets, weights: weights, selfLoop: selfLoop)
    }

    /// The modularity of `labels` (numbers `0..<count`) on this graph, at `resolution`; 0 without edges.
    func modularity(of labels: [Int32], count: Int, resolution: Double) -> Double {
        if totalWeight == 0 { return 0 }
        var inside = [Double](repeating: 0, count: count)
        var degreeSum = [Double](repeating: 0, count: count)
        for node in 0..<nodeCount {
            let community = Int(labels[node])
            degreeSum[community] += strength[node]
            inside[community] += selfLoop[node]
            for entry in offsets[node]..<offsets[node + 1] where Int(labels[Int(targets[entry])]) == community {
                inside[community] += weights[entry] / 2
            }
        }
        var quality = 0.0
        for community in 0..<count {
            let fraction = degreeSum[community] / (2 * totalWeight)
            quality += inside[community] / totalWeight - resolution * fraction * fraction
        }
        return quality
    }
}

/// Scratch space for the weight from one node to each community around it: flat, reused, cleared in time
/// proportional to what was added.
struct NeighborWeights {
    /// The weight gathered for each community (0 for those not listed).
    var weight: [Double]
    /// The communities gathered, `listed[0..<count]`, in the order first met.
    var listed: [Int32]
    var count = 0
    private var isListed: [Bool]

    init(capacity: Int) {
        weight = [Double](repeating: 0, count: capacity)
        listed = [Int32](repeating: 0, count: capacity)
        isListed = [Bool](repeating: false, count: capacity)
    }

    /// Adds `amount` to `community`, listing it the first time.
    mutating func add(_ amount: Double, to community: Int32) {
        let index = Int(community)
        if !isListed[index] {
            isListed[index] = true
            listed[count] = community
            count += 1
        }
        weight[index] += amount
    }

    /// Forgets every community gathered.
    mutating func clear() {
        for index in 0..<count {
            let community = Int(listed[index])
            weight[community] = 0
            isListed[community] = false
        }
        count = 0
    }
}
