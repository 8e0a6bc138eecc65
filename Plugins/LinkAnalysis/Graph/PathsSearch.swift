/// The search behind the path queries: breadth-first (hops), Dijkstra (weights) or, with weights and a hop limit,
/// a Bellman–Ford search by hop count; buffers reused from one search to the next (Yen's algorithm runs many).
/// Intermediate nodes must be allowed by the mask and not banned; edges from the source to `bannedFirstHops`
/// are not taken (Yen's removed edges all leave the spur node).
struct PathSearch {
    let graph: AnalysisGraph
    let weighted: Bool
    let allowed: [Bool]?
    /// Nodes a path may not pass through (Yen's root path).
    var banned: [Bool]
    /// Neighbours the source may not step to first.
    var bannedFirstHops: [Int32] = []
    /// The cost from the source of each reached node (+infinity when not reached): hops, or summed weights.
    private var cost: [Double]
    private var parent: [Int32]
    private var settled: [Bool]
    private var touched: [Int32] = []
    private var queue: [Int32]
    private var heap = NodeHeap()

    init(graph: AnalysisGraph, weighted: Bool, limits: PathLimits) {
        self.graph = graph
        // Without weights every hop costs 1, whatever the graph's weights are.
        self.weighted = weighted && graph.weights != nil
        self.allowed = limits.allowedNodes
        let n = graph.nodeCount
        banned = [Bool](repeating: false, count: n)
        cost = [Double](repeating: .infinity, count: n)
        parent = [Int32](repeating: -1, count: n)
        settled = [Bool](repeating: false, count: n)
        queue = [Int32](repeating: 0, count: n)
    }

    /// The cost of the edge at `entry` of the neighbour lists.
    func edgeCost(_ entry: Int) -> Double { weighted ? graph.weights![entry] : 1 }

    /// Whether a path to `target` may enter `node`.
    func mayEnter(_ node: Int, target: Int) -> Bool {
        node == target || (!banned[node] && (allowed?[node] ?? true))
    }

    /// The cheapest costs by hop count from `source`, for weighted paths under a hop limit.
    private func layeredCosts(from source: Int, to target: Int, maxHops: Int) -> HopLayeredCosts {
        let weights = graph.weights!
        return HopLayeredCosts(
            graph: graph, source: source, target: target, maxHops: maxHops,
            mayStep: { node, next in
                mayEnter(next, target: target) && !(node == source && bannedFirstHops.contains(Int32(next)))
            },
            extend: { entry, cost in cost + weights[entry] })
    }

    /// One cheapest path from `source` to `target` of at most `maxHops` edges, or nil.
    mutating func shortest(from source: Int, to target: Int, maxHops: Int?) -> [Int32]? {
        if source == target { return [Int32(source)] }
        if let maxHops, weighted, maxHops < graph.nodeCount - 1 {
            return layeredCosts(from: source, to: target, maxHops: maxHops).path(to: target, within: maxHops)?.nodes
        }
        explore(from: source, to: target, maxHops: maxHops, settleTies: false)
        defer { reset() }
        guard cost[target] < .infinity else { return nil }
        var path: [Int32] = [Int32(target)]
        var node = target
        while node != source {
            node = Int(parent[node])
            path.append(Int32(node))
        }
        return path.reversed()
    }

    /// Every cheapest path from `source` to `target` of at most `maxHops` edges, at most `limit` of them, sorted.
    mutating func allShortest(from source: Int, to target: Int, maxHops: Int?, limit: Int) -> [[Int32]] {
        if source == target { return [[Int32(source)]] }
        let costTo: (Int, Int) -> Double
        if let maxHops, weighted, maxHops < graph.nodeCount - 1 {
            let costs = layeredCosts(from: source, to: target, maxHops: maxHops)
            costTo = { node, budget in costs.cost(of: node, within: budget) }
        } else {
            explore(from: source, to: target, maxHops: maxHops, settleTies: true)
            let reached = cost
            reset()
            costTo = { node, _ in reached[node] }
        }
        let budget = maxHops ?? graph.nodeCount
        guard costTo(target, budget) < .infinity else { return [] }
        var paths: [[Int32]] = []
        var onPath = [Bool](repeating: false, count: graph.nodeCount)
        var reversed: [Int32] = [Int32(target)]
        onPath[target] = true
        collectPredecessors(
            of: target, budget: budget, source: source, target: target, costTo: costTo, limit: limit,
            onPath: &onPath, reversed: &reversed, paths: &paths)
        return paths.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Walks back from `node` over the neighbours whose cost plus the edge's equals `node`'s, collecting each simple
    /// path that reaches `source`.
    private func collectPredecessors(
        of node: Int, budget: Int, source: Int, target: Int, costTo: (Int, Int) -> Double, limit: Int,
        onPath: inout [Bool], reversed: inout [Int32], paths: inout [[Int32]]
    ) {
        if node == source {
            paths.append(reversed.reversed())
            return
        }
        guard budget > 0 else { return }
        let here = costTo(node, budget)
        for entry in graph.offsets[node]..<graph.offsets[node + 1] where paths.count < limit {
            let previous = Int(graph.neighbors[entry])
            guard !onPath[previous], previous == source || mayEnter(previous, target: target) else { continue }
            if previous == source && bannedFirstHops.contains(Int32(node)) { continue }
            guard costTo(previous, budget - 1) + edgeCost(entry) == here else { continue }
            onPath[previous] = true
            reversed.append(Int32(previous))
            collectPredecessors(
                of: previous, budget: budget - 1, source: source, target: target, costTo: costTo, limit: limit,
                onPath: &onPath, reversed: &reversed, paths: &paths)
            reversed.removeLast()
            onPath[previous] = false
        }
    }

    /// Breadth-first search (hops) or Dijkstra (weights) from `source`, stopping once `target` is settled, or with
    /// `settleTies` once every node as cheap as `target` is.
    private mutating func explore(from source: Int, to target: Int, maxHops: Int?, settleTies: Bool) {
        cost[source] = 0
        touched.append(Int32(source))
        if !weighted {
            breadthFirst(from: source, to: target, maxHops: maxHops)
            return
        }
        heap.removeAll()
        heap.push(Int32(source), cost: 0)
        while !heap.isEmpty {
            let (node32, nodeCost) = heap.pop()
            let node = Int(node32)
            if settled[node] || nodeCost > cost[node] { continue }
            if nodeCost > cost[target] || (!settleTies && node == target) { break }
            settled[node] = true
            for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                let neighbor = Int(graph.neighbors[entry])
                guard !settled[neighbor], mayEnter(neighbor, target: target) else { continue }
                if node == source && bannedFirstHops.contains(Int32(neighbor)) { continue }
                let candidate = nodeCost + graph.weights![entry]
                if candidate < cost[neighbor] {
                    if cost[neighbor] == .infinity { touched.append(Int32(neighbor)) }
                    cost[neighbor] = candidate
                    parent[neighbor] = Int32(node)
                    heap.push(Int32(neighbor), cost: candidate)
                }
            }
        }
    }

    private mutating func breadthFirst(from source: Int, to target: Int, maxHops: Int?) {
        let limit = Double(maxHops ?? Int(Int32.max))
        queue[0] = Int32(source)
        var head = 0
        var tail = 1
        while head < tail {
            let node = Int(queue[head])
            head += 1
            let next = cost[node] + 1
            if next > limit { break }
            for entry in graph.offsets[node]..<graph.offsets[node + 1] {
                let neighbor = Int(graph.neighbors[entry])
                guard cost[neighbor] == .infinity, mayEnter(neighbor, target: target) else { continue }
                if node == source && bannedFirstHops.contains(Int32(neighbor)) { continue }
                cost[neighbor] = next
                parent[neighbor] = Int32(node)
                touched.append(Int32(neighbor))
                if neighbor == target { return }
                queue[tail] = Int32(neighbor)
                tail += 1
            }
        }
    }

    private mutating func reset() {
        for node in touched {
            cost[Int(node)] = .infinity
            parent[Int(node)] = -1
            settled[Int(node)] = false
        }
        touched.removeAll(keepingCapacity: true)
    }
}
