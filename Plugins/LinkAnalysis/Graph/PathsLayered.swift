/// The cheapest cost from a source to every node using at most `h` edges, for each `h` up to a hop limit: a
/// Bellman–Ford search by hop count, for weighted paths under a hop limit (Dijkstra alone cannot bound hops).
/// Only the improvements of each round are kept, one history per node, so memory grows with the improvements,
/// not with hops times nodes.
struct HopLayeredCosts {
    /// Node `v`'s history is `rounds[historyOffsets[v]..<historyOffsets[v + 1]]` (and the same range of `costs` and
    /// `parents`): each round in which its cost improved, in increasing rounds.
    private let historyOffsets: [Int]
    private let rounds: [Int32]
    private let costs: [Double]
    private let parents: [Int32]

    /// Runs the search from `source` (whose cost is `start`) for at most `maxHops` rounds. `mayStep(node, next)`
    /// says whether a path may go from `node` to `next`; `extend(entry, cost)` is the cost on arriving over the edge
    /// at `entry` of the neighbour lists from a node reached at `cost` (+infinity when that edge cannot be taken);
    /// it must not decrease with `cost`. Paths do not come back to the source nor go on from the target.
    init(
        graph: AnalysisGraph, source: Int, target: Int, maxHops: Int, start: Double = 0,
        mayStep: (Int, Int) -> Bool, extend: (Int, Double) -> Double
    ) {
        let n = graph.nodeCount
        var current = [Double](repeating: .infinity, count: n)
        current[source] = start
        var log: [(node: Int32, round: Int32, cost: Double, parent: Int32)] = [(Int32(source), 0, start, -1)]
        var frontier: [Int32] = [Int32(source)]
        var improved = [Double](repeating: .infinity, count: n)
        var improvedParent = [Int32](repeating: -1, count: n)
        var nextFrontier: [Int32] = []
        var round: Int32 = 1
        while round <= maxHops && !frontier.isEmpty {
            // Relax from the costs of the previous round only, so a round adds exactly one edge.
            for node32 in frontier {
                let node = Int(node32)
                if node == target { continue }
                for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                    let neighbor = Int(graph.neighbors[entry])
                    guard neighbor != source, mayStep(node, neighbor) else { continue }
                    let candidate = extend(entry, current[node])
                    if candidate < current[neighbor] && candidate < improved[neighbor] {
                        if improved[neighbor] == .infinity { nextFrontier.append(Int32(neighbor)) }
                        improved[neighbor] = candidate
                        improvedParent[neighbor] = node32
                    }
                }
            }
            for node32 in nextFrontier {
                let node = Int(node32)
                current[node] = improved[node]
                log.append((node32, round, improved[node], improvedParent[node]))
                improved[node] = .infinity
            }
            swap(&frontier, &nextFrontier)
            nextFrontier.removeAll(keepingCapacity: true)
            round += 1
        }
        log.sort { $0.node != $1.node ? $0.node < $1.node : $0.round < $1.round }
        var offsets = [Int](repeating: 0, count: n + 1)
        for entry in log { offsets[Int(entry.node) + 1] += 1 }
        for node in 0..<n { offsets[node + 1] += offsets[node] }
        historyOffsets = offsets
        rounds = log.map(\.round)
        costs = log.map(\.cost)
        parents = log.map(\.parent)
    }

    /// The round in which `node`'s cost last improved within `hops` rounds, with that cost; nil when not reached.
    func arrival(of node: Int, within hops: Int) -> (round: Int, cost: Double)? {
        latest(node, within: hops).map { (Int(rounds[$0]), costs[$0]) }
    }

    /// The position in the histories of `node`'s cheapest cost within `hops` edges, or nil when it is not reached.
    private func latest(_ node: Int, within hops: Int) -> Int? {
        var position = historyOffsets[node + 1] - 1
        while position >= historyOffsets[node] {
            if Int(rounds[position]) <= hops { return position }
            position -= 1
        }
        return nil
    }

    /// The cheapest cost from the source to `node` with at most `hops` edges; +infinity when there is none.
    func cost(of node: Int, within hops: Int) -> Double {
        latest(node, within: hops).map { costs[$0] } ?? .infinity
    }

    /// The cheapest path to `target` with at most `hops` edges, or nil: its nodes, and the cost on reaching each.
    func path(to target: Int, within hops: Int) -> (nodes: [Int32], costs: [Double])? {
        guard var position = latest(target, within: hops) else { return nil }
        var nodes: [Int32] = [Int32(target)]
        var reached: [Double] = [costs[position]]
        // Costs strictly improve along the recorded parents, so the walk back is a simple path.
        while parents[position] >= 0 {
            let previous = parents[position]
            guard let earlier = latest(Int(previous), within: Int(rounds[position]) - 1) else { return nil }
            position = earlier
            nodes.append(previous)
            reached.append(costs[position])
        }
        return (nodes.reversed(), reached.reversed())
    }
}
