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
    /// Hops to the target of each node the backward half of a bidirectional search reached (-1 elsewhere), and the
    /// next node on the way there.
    private var backCost: [Int32]
    private var backNext: [Int32]
    private var backTouched: [Int32] = []
    private var heap = NodeHeap()

    /// Per-node buffers at rest (nothing banned, reached or settled), given back by the last search for the next one
    /// on a graph of the same size: `link path` runs one search per command, and on a large graph allocating and
    /// faulting in five per-node arrays costs more than the search itself.
    private struct Buffers: Sendable {
        var banned: [Bool]
        var cost: [Double]
        var parent: [Int32]
        var settled: [Bool]
        var queue: [Int32]
        var backCost: [Int32]
        var backNext: [Int32]
    }

    private static let spare = SpareSlot<Buffers>()

    init(graph: AnalysisGraph, weighted: Bool, limits: PathLimits) {
        self.graph = graph
        // Without weights every hop costs 1, whatever the graph's weights are.
        self.weighted = weighted && graph.weights != nil
        self.allowed = limits.allowedNodes
        let n = graph.nodeCount
        let buffers =
            Self.spare.take().flatMap { $0.cost.count == n ? $0 : nil }
            ?? Buffers(
                banned: [Bool](repeating: false, count: n), cost: [Double](repeating: .infinity, count: n),
                parent: [Int32](repeating: -1, count: n), settled: [Bool](repeating: false, count: n),
                queue: [Int32](repeating: 0, count: n), backCost: [Int32](repeating: -1, count: n),
                backNext: [Int32](repeating: -1, count: n))
        banned = buffers.banned
        cost = buffers.cost
        parent = buffers.parent
        settled = buffers.settled
        queue = buffers.queue
        backCost = buffers.backCost
        backNext = buffers.backNext
    }

    /// Gives the buffers back for the next search when they are at rest (`shortest` and `allShortest` reset what
    /// they touched and ban nothing); buffers not at rest are dropped, never handed on.
    consuming func giveBack() {
        guard touched.isEmpty && backTouched.isEmpty && bannedFirstHops.isEmpty else { return }
        let buffers = Buffers(
            banned: banned, cost: cost, parent: parent, settled: settled, queue: queue, backCost: backCost,
            backNext: backNext)
        Self.spare.keep(buffers)
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

    /// One cheapest path from `source` to `target` of at most `maxHops` edges, or nil. With `bidirectional`, an
    /// unweighted search without a hop limit grows from both ends (it visits far fewer nodes on a large graph; among
    /// equally short paths it may return another one).
    mutating func shortest(from source: Int, to target: Int, maxHops: Int?, bidirectional: Bool = false) -> [Int32]? {
        if source == target { return [Int32(source)] }
        if bidirectional && !weighted && maxHops == nil && bannedFirstHops.isEmpty {
            defer { reset() }
            return breadthFirstFromBothEnds(from: source, to: target)
        }
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

    /// Level by level from both ends, always growing the smaller frontier, until a level joins them; the shortest
    /// of the joins found in that level (the first found among equals) is a shortest path.
    private mutating func breadthFirstFromBothEnds(from source: Int, to target: Int) -> [Int32]? {
        cost[source] = 0
        touched.append(Int32(source))
        backCost[target] = 0
        backTouched.append(Int32(target))
        var forward: [Int32] = [Int32(source)]
        var backward: [Int32] = [Int32(target)]
        var best: (near: Int32, far: Int32, length: Int)? = nil
        while !forward.isEmpty && !backward.isEmpty && best == nil {
            var next: [Int32] = []
            if forward.count <= backward.count {
                for node in forward {
                    let hops = Int(cost[Int(node)]) + 1
                    for entry in graph.offsets[Int(node)]..<graph.offsets[Int(node) + 1] {
                        let neighbor = Int(graph.neighbors[entry])
                        if backCost[neighbor] >= 0 {
                            let length = hops + Int(backCost[neighbor])
                            if best == nil || length < best!.length { best = (node, Int32(neighbor), length) }
                            continue
                        }
                        guard cost[neighbor] == .infinity, mayEnter(neighbor, target: target) else { continue }
                        cost[neighbor] = Double(hops)
                        parent[neighbor] = node
                        touched.append(Int32(neighbor))
                        next.append(Int32(neighbor))
                    }
                }
                forward = next
            } else {
                for node in backward {
                    let hops = backCost[Int(node)] + 1
                    for entry in graph.offsets[Int(node)]..<graph.offsets[Int(node) + 1] {
                        let neighbor = Int(graph.neighbors[entry])
                        if cost[neighbor] < .infinity {
                            let length = Int(cost[neighbor]) + Int(hops)
                            if best == nil || length < best!.length { best = (Int32(neighbor), node, length) }
                            continue
                        }
                        guard backCost[neighbor] < 0, mayEnter(neighbor, target: source) else { continue }
                        backCost[neighbor] = hops
                        backNext[neighbor] = node
                        backTouched.append(Int32(neighbor))
                        next.append(Int32(neighbor))
                    }
                }
                backward = next
            }
        }
        guard let best else { return nil }
        var path: [Int32] = []
        var node = Int(best.near)
        while node != source {
            path.append(Int32(node))
            node = Int(parent[node])
        }
        path.append(Int32(source))
        path.reverse()
        node = Int(best.far)
        while node != target {
            path.append(Int32(node))
            node = Int(backNext[node])
        }
        path.append(Int32(target))
        return path
    }

    private mutating func reset() {
        for node in touched {
            cost[Int(node)] = .infinity
            parent[Int(node)] = -1
            settled[Int(node)] = false
        }
        touched.removeAll(keepingCapacity: true)
        for node in backTouched {
            backCost[Int(node)] = -1
            backNext[Int(node)] = -1
        }
        backTouched.removeAll(keepingCapacity: true)
    }
}
