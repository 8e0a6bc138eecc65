import Glibc

extension CommunityGraph {
    /// Leiden's refinement of `partition` (numbers `0..<count`): every node starts as a part of its own; in random
    /// order, each node still alone whose community is well connected to it (`E(v, C − v) ≥ γ k_v (D_C − k_v) / 2m`)
    /// may join a part of its community that it touches and that is well connected to the rest of the community
    /// (`E(T, C − T) ≥ γ D_T (D_C − D_T) / 2m`), or stay alone: among the choices whose modularity gain is not
    /// negative, one is drawn with probability ∝ `exp(gain / randomness)`. Parts grow along edges, so each is
    /// connected. Returns each node's part, a number in `0..<nodeCount`.
    func refine(
        _ partition: [Int32], count: Int, resolution: Double, randomness: Double, _ random: inout SeededRandom
    ) -> [Int32] {
        let n = nodeCount
        let scale = resolution / (2 * totalWeight)
        var communityStrength = [Double](repeating: 0, count: count)
        for node in 0..<n { communityStrength[Int(partition[node])] += strength[node] }
        // The weight from each node to the rest of its community; then, per part, to the rest of its community.
        var toCommunity = [Double](repeating: 0, count: n)
        for node in 0..<n {
            for entry in offsets[node]..<offsets[node + 1] where partition[Int(targets[entry])] == partition[node] {
                toCommunity[node] += weights[entry]
            }
        }
        var part = (0..<n).map { Int32($0) }
        var partStrength = strength
        var partSize = [Int32](repeating: 1, count: n)
        var partToCommunity = toCommunity
        var around = NeighborWeights(capacity: n)
        var gains = [Double](repeating: 0, count: n)
        var order = (0..<n).map { Int32($0) }
        random.shuffle(&order)
        for node in order.lazy.map({ Int($0) }) where partSize[Int(part[node])] == 1 {
            let own = part[node]
            let nodeStrength = strength[node]
            let total = communityStrength[Int(partition[node])]
            guard toCommunity[node] >= nodeStrength * (total - nodeStrength) * scale else { continue }
            for entry in offsets[node]..<offsets[node + 1] where partition[Int(targets[entry])] == partition[node] {
                around.add(weights[entry], to: part[Int(targets[entry])])
            }
            var bestGain = 0.0
            for index in 0..<around.count {
                let candidate = Int(around.listed[index])
                let candidateStrength = partStrength[candidate]
                let wellConnected =
                    partToCommunity[candidate] >= candidateStrength * (total - candidateStrength) * scale
                gains[index] =
                    wellConnected ? around.weight[candidate] - nodeStrength * candidateStrength * scale : -1
                if gains[index] > bestGain { bestGain = gains[index] }
            }
            // Staying alone gains 0; weights are taken relative to the best gain so that none overflows.
            let stayWeight = exp(-bestGain / randomness)
            var sum = stayWeight
            for index in 0..<around.count where gains[index] >= 0 { sum += exp((gains[index] - bestGain) / randomness) }
            var draw = random.unit() * sum - stayWeight
            var chosen = own
            if draw >= 0 {
                for index in 0..<around.count where gains[index] >= 0 {
                    chosen = around.listed[index]
                    draw -= exp((gains[index] - bestGain) / randomness)
                    if draw < 0 { break }
                }
            }
            if chosen != own {
                let target = Int(chosen)
                partSize[Int(own)] = 0
                partStrength[Int(own)] = 0
                partSize[target] += 1
                partStrength[target] += nodeStrength
                partToCommunity[target] += toCommunity[node] - 2 * around.weight[target]
                part[node] = chosen
            }
            around.clear()
        }
        return part
    }
}
