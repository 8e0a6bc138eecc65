/// A key-player set and its score.
public struct KeyPlayerSet: Sendable, Equatable {
    /// The nodes of the set, in ascending order.
    public let nodes: [Int32]
    /// The set's score: distance-weighted fragmentation or reach, in `[0, 1]`.
    public let score: Double
}

/// Borgatti's key-player problems (Borgatti 2006, "Identifying sets of key players in a social network"). Hop
/// distances, edge weights ignored. Each search starts from a greedy set (adding, one at a time, the node that
/// raises the score most) and improves it by Borgatti's swaps: replace a member by a non-member while that raises
/// the score, taking the best swap of each round, for at most `maxRounds` rounds. The seed orders the candidates,
/// which breaks ties between equally good nodes. Every score evaluates the whole graph (breadth-first searches), so
/// a round costs about `k (n - k)` evaluations: meant for graphs of a few thousand nodes.
extension AnalysisGraph {
    /// The `k` nodes whose removal fragments the graph most: maximises distance-weighted fragmentation `F_D`
    /// (`fragmentation(removing:)`). Throws `invalidSetSize` unless `1 <= k <= nodeCount`.
    public func keyPlayersFragment(k: Int, seed: UInt64 = 0, maxRounds: Int = 100) throws(GraphError)
        -> KeyPlayerSet
    {
        guard k >= 1, k <= nodeCount else { throw .invalidSetSize(size: k, nodeCount: nodeCount) }
        var scorer = KeyPlayerScorer(graph: self)
        return optimiseKeyPlayers(k: k, seed: seed, maxRounds: maxRounds) { scorer.fragmentation(removing: $0) }
    }

    /// The `k` nodes that reach the rest of the graph most closely: maximises distance-weighted reach `D_R`
    /// (`reach(from:)`). Throws `invalidSetSize` unless `1 <= k <= nodeCount`.
    public func keyPlayersReach(k: Int, seed: UInt64 = 0, maxRounds: Int = 100) throws(GraphError) -> KeyPlayerSet {
        guard k >= 1, k <= nodeCount else { throw .invalidSetSize(size: k, nodeCount: nodeCount) }
        var scorer = KeyPlayerScorer(graph: self)
        return optimiseKeyPlayers(k: k, seed: seed, maxRounds: maxRounds) { scorer.reach(from: $0) }
    }

    /// Distance-weighted fragmentation after removing `nodes` (Borgatti's `F_D`): `1 - Σ 1/d(i, j) / (m (m - 1))`
    /// over ordered pairs of distinct remaining nodes, `m` of them, `1/d = 0` between nodes no longer connected.
    /// 0 for a complete graph, 1 when no remaining pair is connected (or fewer than 2 nodes remain).
    func fragmentation(removing nodes: [Int32]) -> Double {
        var scorer = KeyPlayerScorer(graph: self)
        return scorer.fragmentation(removing: nodes.map { Int($0) })
    }

    /// Distance-weighted reach of `nodes` (Borgatti's `D_R`, over the nodes outside the set): the mean over the
    /// `n - k` other nodes of `1 / d(set, j)`, the distance to the nearest member, `0` for a node not reached.
    /// 1 when every other node is adjacent to the set (and when there are no other nodes). Borgatti's own
    /// normalisation, counting each member as reached at distance 1 over all `n` nodes, is `(k + (n - k) D_R) / n`:
    /// it ranks sets of one size the same way.
    func reach(from nodes: [Int32]) -> Double {
        var scorer = KeyPlayerScorer(graph: self)
        return scorer.reach(from: nodes.map { Int($0) })
    }

    private func optimiseKeyPlayers(k: Int, seed: UInt64, maxRounds: Int, score: ([Int]) -> Double)
        -> KeyPlayerSet
    {
        var random = SeededRandom(seed: seed)
        var candidates = (0..<Int32(nodeCount)).map { $0 }
        random.shuffle(&candidates)
        var chosen: [Int] = []
        var isChosen = [Bool](repeating: false, count: nodeCount)
        var best = 0.0
        // Greedy start: add the node that raises the score most; ties keep the earlier candidate.
        while chosen.count < k {
            var bestNode = -1
            for candidate in candidates where !isChosen[Int(candidate)] {
                let value = score(chosen + [Int(candidate)])
                if bestNode < 0 || value > best {
                    best = value
                    bestNode = Int(candidate)
                }
            }
            chosen.append(bestNode)
            isChosen[bestNode] = true
        }
        // Borgatti's swaps: the best single exchange of a member for a non-member, while it raises the score.
        var rounds = 0
        while rounds < maxRounds {
            rounds += 1
            var bestSwap: (position: Int, node: Int)?
            var bestValue = best
            for position in chosen.indices {
                for candidate in candidates where !isChosen[Int(candidate)] {
                    var trial = chosen
                    trial[position] = Int(candidate)
                    let value = score(trial)
                    if value > bestValue {
                        bestValue = value
                        bestSwap = (position, Int(candidate))
                    }
                }
            }
            guard let swap = bestSwap else { break }
            isChosen[chosen[swap.position]] = false
            chosen[swap.position] = swap.node
            isChosen[swap.node] = true
            best = bestValue
        }
        return KeyPlayerSet(nodes: chosen.map { Int32($0) }.sorted(), score: best)
    }
}

/// The breadth-first evaluations of key-player scores, on buffers reused from one evaluation to the next.
private struct KeyPlayerScorer {
    let graph: AnalysisGraph
    private var distance: [Int32]
    private var queue: [Int32]
    private var removed: [Bool]

    init(graph: AnalysisGraph) {
        self.graph = graph
        distance = [Int32](repeating: -1, count: graph.nodeCount)
        queue = [Int32](repeating: 0, count: graph.nodeCount)
        removed = [Bool](repeating: false, count: graph.nodeCount)
    }

    mutating func fragmentation(removing nodes: [Int]) -> Double {
        for node in nodes { removed[node] = true }
        defer { for node in nodes { removed[node] = false } }
        let remaining = graph.nodeCount - nodes.count
        guard remaining >= 2 else { return 1 }
        var sum = 0.0
        for source in 0..<graph.nodeCount where !removed[source] {
            distance[source] = 0
            queue[0] = Int32(source)
            let reached = spread(head: 0, tail: 1)
            for index in 1..<max(reached, 1) { sum += 1 / Double(distance[Int(queue[index])]) }
            for index in 0..<reached { distance[Int(queue[index])] = -1 }
        }
        return 1 - sum / (Double(remaining) * Double(remaining - 1))
    }

    mutating func reach(from nodes: [Int]) -> Double {
        var tail = 0
        for node in nodes where distance[node] < 0 {
            distance[node] = 0
            queue[tail] = Int32(node)
            tail += 1
        }
        let members = tail
        let reached = spread(head: 0, tail: tail)
        var sum = 0.0
        for index in members..<reached { sum += 1 / Double(distance[Int(queue[index])]) }
        for index in 0..<reached { distance[Int(queue[index])] = -1 }
        let others = graph.nodeCount - members
        return others == 0 ? 1 : sum / Double(others)
    }

    /// Continues a breadth-first search over nodes not removed from `queue[head..<tail]`; returns the new tail.
    private mutating func spread(head start: Int, tail end: Int) -> Int {
        var head = start
        var tail = end
        while head < tail {
            let node = Int(queue[head])
            head += 1
            let next = distance[node] + 1
            for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                let neighbor = Int(graph.neighbors[entry])
                if distance[neighbor] < 0 && !removed[neighbor] {
                    distance[neighbor] = next
                    queue[tail] = Int32(neighbor)
                    tail += 1
                }
            }
        }
        return tail
    }
}
