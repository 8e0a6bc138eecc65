/// An undirected graph over the nodes `0..<nodeCount`, in compressed sparse row form, as networkx's `Graph` sees it.
///
/// Built from an edge list:
/// - Parallel edges (the same unordered pair given more than once, in either orientation) collapse into ONE edge,
///   as `networkx.Graph.add_edges_from` does; when weights are given, the weight of the LAST occurrence wins.
/// - A self-loop `(u, u)` is kept as one edge: it appears once in `u`'s neighbour list and counts twice in
///   `degree(u)` (networkx's convention); shortest-path measures ignore it.
/// - Neighbours of each node are listed in ascending order.
public struct AnalysisGraph: Sendable, Equatable {
    /// The number of nodes; nodes are `0..<nodeCount`.
    public let nodeCount: Int
    /// Row offsets: the neighbours of `u` are `neighbors[offsets[u]..<offsets[u + 1]]` (`nodeCount + 1` entries).
    public let offsets: [Int]
    /// All neighbour lists, one after the other.
    public let neighbors: [Int32]
    /// The weight of each entry of `neighbors`, or nil for an unweighted graph (every weight is 1).
    public let weights: [Double]?
    /// The number of distinct undirected edges, self-loops included.
    public let edgeCount: Int
    /// For each node, whether it has a self-loop.
    public let hasSelfLoop: [Bool]

    /// Builds the graph from `edges`, with one weight per edge in `weights` if given.
    ///
    /// Throws `GraphError` when the node count is negative or too large, an endpoint is outside `0..<nodeCount`,
    /// the weights do not match the edges one for one, or a weight is not finite or negative.
    public init(nodeCount: Int, edges: [(Int32, Int32)], weights: [Double]? = nil) throws(GraphError) {
        guard nodeCount >= 0, nodeCount <= Int(Int32.max) else { throw .invalidNodeCount(nodeCount) }
        if let weights {
            guard weights.count == edges.count else {
                throw .weightCountMismatch(edges: edges.count, weights: weights.count)
            }
            for (index, weight) in weights.enumerated() where !weight.isFinite || weight < 0 {
                throw .invalidWeight(edge: index, weight: weight)
            }
        }
        for (index, (u, v)) in edges.enumerated() {
            for endpoint in [u, v] where endpoint < 0 || Int(endpoint) >= nodeCount {
                throw .endpointOutOfRange(edge: index, node: endpoint, nodeCount: nodeCount)
            }
        }
        let unique = Self.distinctEdges(edges)
        var rowLength = [Int](repeating: 0, count: nodeCount + 1)
        var selfLoops = [Bool](repeating: false, count: nodeCount)
        for index in unique {
            let (u, v) = edges[index]
            rowLength[Int(u)] += 1
            if u == v { selfLoops[Int(u)] = true } else { rowLength[Int(v)] += 1 }
        }
        var offsets = [Int](repeating: 0, count: nodeCount + 1)
        for node in 0..<nodeCount { offsets[node + 1] = offsets[node] + rowLength[node] }
        var next = Array(offsets.dropLast())
        var neighbors = [Int32](repeating: 0, count: offsets[nodeCount])
        var entryWeights = weights.map { _ in [Double](repeating: 1, count: offsets[nodeCount]) }
        // `unique` is ordered by (min, max) endpoint, so every row fills in ascending neighbour order.
        for index in unique {
            let (a, b) = edges[index]
            let (u, v) = (min(a, b), max(a, b))
            neighbors[next[Int(v)]] = u
            entryWeights?[next[Int(v)]] = weights?[index] ?? 1
            next[Int(v)] += 1
            if u != v {
                neighbors[next[Int(u)]] = v
                entryWeights?[next[Int(u)]] = weights?[index] ?? 1
                next[Int(u)] += 1
            }
        }
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = entryWeights
        self.edgeCount = unique.count
        self.hasSelfLoop = selfLoops
    }

    /// The indexes into `edges` of one edge per distinct unordered pair (its last occurrence), ordered by
    /// (smaller endpoint, larger endpoint).
    private static func distinctEdges(_ edges: [(Int32, Int32)]) -> [Int] {
        func key(_ index: Int) -> (Int32, Int32) {
            let (a, b) = edges[index]
            return (min(a, b), max(a, b))
        }
        let order = edges.indices.sorted { key($0) != key($1) ? key($0) < key($1) : $0 < $1 }
        var kept: [Int] = []
        kept.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            let isLast = position + 1 == order.count || key(order[position + 1]) != key(index)
            if isLast { kept.append(index) }
        }
        return kept
    }

    /// The number of edge ends at `node`: a self-loop counts twice, as in networkx's `G.degree`.
    public func degree(_ node: Int) -> Int {
        offsets[node + 1] - offsets[node] + (hasSelfLoop[node] ? 1 : 0)
    }

    /// Equality of the stored structure.
    public static func == (lhs: AnalysisGraph, rhs: AnalysisGraph) -> Bool {
        lhs.nodeCount == rhs.nodeCount && lhs.offsets == rhs.offsets && lhs.neighbors == rhs.neighbors
            && lhs.weights == rhs.weights && lhs.hasSelfLoop == rhs.hasSelfLoop
    }
}

/// Why an `AnalysisGraph` could not be built or an algorithm could not run.
public enum GraphError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidNodeCount(Int)
    case endpointOutOfRange(edge: Int, node: Int32, nodeCount: Int)
    case weightCountMismatch(edges: Int, weights: Int)
    case invalidWeight(edge: Int, weight: Double)
    case sourceOutOfRange(node: Int, nodeCount: Int)
    case noConvergence(algorithm: String, iterations: Int)
    case emptyGraph(algorithm: String)
    case partitionSizeMismatch(labels: Int, nodeCount: Int)
    case communityOutOfRange(node: Int, community: Int32, nodeCount: Int)
    case invalidResolution(Double)
    case targetOutOfRange(node: Int, nodeCount: Int)
    case maskSizeMismatch(mask: Int, nodeCount: Int)
    case invalidHopLimit(Int)
    case invalidPathCount(Int)
    case invalidSampleCount(samples: Int, nodeCount: Int)
    case invalidSetSize(size: Int, nodeCount: Int)
    case intervalOffGraph(u: Int32, v: Int32)
    case emptyInterval(u: Int32, v: Int32, from: Int32, to: Int32)
    case emptyWindow(from: Int32, to: Int32)
    case stopped(algorithm: String)

    /// What went wrong and how to fix it.
    public var description: String {
        switch self {
        case .invalidNodeCount(let count):
            return "invalid node count \(count): use 0 to \(Int32.max) nodes"
        case .endpointOutOfRange(let edge, let node, let nodeCount):
            return "edge \(edge) names node \(node), outside 0..<\(nodeCount): give endpoints that are graph nodes"
        case .weightCountMismatch(let edges, let weights):
            return "\(weights) weights for \(edges) edges: give exactly one weight per edge"
        case .invalidWeight(let edge, let weight):
            return "edge \(edge) has weight \(weight): weights must be finite and not negative"
        case .sourceOutOfRange(let node, let nodeCount):
            return "source node \(node) is outside 0..<\(nodeCount): start from a graph node"
        case .noConvergence(let algorithm, let iterations):
            return "\(algorithm) did not converge in \(iterations) iterations: raise the iteration limit or tolerance"
        case .emptyGraph(let algorithm):
            return "\(algorithm) is undefined on a graph without nodes: add nodes first"
        case .partitionSizeMismatch(let labels, let nodeCount):
            return "\(labels) community labels for \(nodeCount) nodes: give exactly one community per node"
        case .communityOutOfRange(let node, let community, let nodeCount):
            return "node \(node) is in community \(community), outside 0..<\(nodeCount): number communities from 0"
        case .invalidResolution(let resolution):
            return "resolution \(resolution) is not a finite positive number: use a resolution above 0, such as 1"
        case .targetOutOfRange(let node, let nodeCount):
            return "target node \(node) is outside 0..<\(nodeCount): end at a graph node"
        case .maskSizeMismatch(let mask, let nodeCount):
            return "node filter has \(mask) entries for \(nodeCount) nodes: give exactly one entry per node"
        case .invalidHopLimit(let hops):
            return "hop limit \(hops) is negative: use 0 or more hops, or no limit"
        case .invalidPathCount(let count):
            return "\(count) paths asked for: ask for at least 1 path"
        case .invalidSampleCount(let samples, let nodeCount):
            return "\(samples) samples for \(nodeCount) nodes: "
                + "sample between \(AnalysisGraph.minimumSamples(nodeCount: nodeCount)) and \(nodeCount) nodes"
        case .invalidSetSize(let size, let nodeCount):
            return "a set of \(size) nodes in a graph of \(nodeCount): choose between 1 and \(nodeCount) nodes"
        case .intervalOffGraph(let u, let v):
            return "a validity interval is given for \(u)–\(v), which is not an edge: date only edges of the graph"
        case .emptyInterval(let u, let v, let from, let to):
            return "edge \(u)–\(v) is valid from day \(from) to day \(to), which is empty: give from <= to"
        case .emptyWindow(let from, let to):
            return "the window from day \(from) to day \(to) is empty: give a window whose start is not after its end"
        case .stopped(let algorithm):
            return "\(algorithm) stopped on request before it finished"
        }
    }
}
