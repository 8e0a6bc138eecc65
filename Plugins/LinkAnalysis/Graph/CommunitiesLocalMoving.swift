/// The local moving step shared by Louvain and Leiden: a partition of a `CommunityGraph` with each community's
/// weighted degree, and the move of one node to the community that raises modularity most.
struct LocalMoving {
    /// The community of each node, a number in `0..<nodeCount`.
    private(set) var community: [Int32]
    /// The weighted degree of each community (`D_c`).
    private(set) var communityStrength: [Double]
    private var communitySize: [Int32]
    private var emptyCommunities: [Int32]
    private var around: NeighborWeights
    /// `γ / 2m`: the gain of moving node `v` into `c` is `k_v,c − k_v · D_c · scale` (in edge-weight units).
    private let scale: Double

    /// Starts from `labels` (numbers in `0..<graph.nodeCount`).
    init(graph: CommunityGraph, labels: [Int32], resolution: Double) {
        let n = graph.nodeCount
        community = labels
        var strengths = [Double](repeating: 0, count: n)
        var sizes = [Int32](repeating: 0, count: n)
        for node in 0..<n {
            strengths[Int(labels[node])] += graph.strength[node]
            sizes[Int(labels[node])] += 1
        }
        communityStrength = strengths
        communitySize = sizes
        emptyCommunities = (0..<n).reversed().filter { sizes[$0] == 0 }.map { Int32($0) }
        around = NeighborWeights(capacity: n)
        scale = graph.totalWeight > 0 ? resolution / (2 * graph.totalWeight) : 0
    }

    /// Moves `node` to the neighbouring community with the largest modularity gain, staying where it is unless a
    /// move gains strictly more; with `allowEmpty`, a community of its own counts as a choice (Leiden).
    /// Returns what the move gained over staying, in edge-weight units (`m` times the modularity gained): above 0
    /// when the node moved, 0 when it stayed.
    mutating func moveToBest(_ node: Int, in graph: CommunityGraph, allowEmpty: Bool) -> Double {
        let current = community[node]
        for entry in graph.offsets[node]..<graph.offsets[node + 1] {
            around.add(graph.weights[entry], to: community[Int(graph.targets[entry])])
        }
        let strength = graph.strength[node]
        communityStrength[Int(current)] -= strength
        communitySize[Int(current)] -= 1
        var best = current
        let stayGain = around.weight[Int(current)] - strength * communityStrength[Int(current)] * scale
        var bestGain = stayGain
        for index in 0..<around.count {
            let candidate = around.listed[index]
            let gain = around.weight[Int(candidate)] - strength * communityStrength[Int(candidate)] * scale
            if gain > bestGain {
                best = candidate
                bestGain = gain
            }
        }
        around.clear()
        if allowEmpty && bestGain < 0 && communitySize[Int(current)] > 0, let empty = emptyCommunities.popLast() {
            best = empty
            bestGain = 0
        }
        communityStrength[Int(best)] += strength
        communitySize[Int(best)] += 1
        community[node] = best
        if communitySize[Int(current)] == 0 && best != current { emptyCommunities.append(current) }
        return best != current ? bestGain - stayGain : 0
    }
}
