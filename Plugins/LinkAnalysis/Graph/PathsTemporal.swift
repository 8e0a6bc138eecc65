/// A span of days, both ends included (days counted as Int32, e.g. since 1970-01-01); a nil end is open.
public struct DayInterval: Sendable, Hashable {
    /// The first day, or nil for no start.
    public var from: Int32?
    /// The last day, or nil for no end.
    public var to: Int32?

    /// The days `from...to`; nil ends are open. The default is every day.
    public init(from: Int32? = nil, to: Int32? = nil) {
        self.from = from
        self.to = to
    }
}

/// An edge of the graph and a span of days during which it can be taken.
public struct DatedEdge: Sendable, Hashable {
    /// One end of the edge.
    public var u: Int32
    /// The other end.
    public var v: Int32
    /// When the edge is valid.
    public var validity: DayInterval

    /// The edge `u`–`v`, valid during `validity`.
    public init(_ u: Int32, _ v: Int32, validity: DayInterval) {
        self.u = u
        self.v = v
        self.validity = validity
    }
}

/// A time-respecting path: its nodes, and the day each of its edges is taken.
public struct TimedPath: Sendable, Equatable {
    /// The nodes from the source to the target.
    public let nodes: [Int32]
    /// For each edge (`nodes[i]`–`nodes[i + 1]`), the earliest day it can be taken on this path; nil when it is
    /// not bounded below (every interval before it, and the window, open at the start).
    public let days: [Int32?]
}

extension AnalysisGraph {
    /// A time-respecting path from `source` to `target` that arrives as early as possible, or nil when none exists.
    ///
    /// Each edge is taken on one day `t` within one of its validity intervals and within `window`, and no earlier
    /// than the day the previous edge was taken (waiting at a node is allowed; several edges may be taken the same
    /// day). `edgeIntervals` lists when edges are valid: an edge listed several times is valid during any of its
    /// intervals; an edge of the graph not listed at all is valid every day (an undated link). The search is an
    /// earliest-arrival search by hop count: round `h` knows the earliest day each node can be reached with at
    /// most `h` edges, taking each edge as early as it allows. The path returned arrives on the earliest possible
    /// day, and has the fewest edges among those that do; `days` gives the earliest day each edge can be taken on
    /// it. `limits` bounds hops and intermediate nodes as for `shortestPath`.
    ///
    /// Throws when an endpoint is not a node, an interval names a pair that is not an edge of the graph, or an
    /// interval (or the window) ends before it starts.
    public func earliestArrivalPath(
        from source: Int, to target: Int, edgeIntervals: [DatedEdge], window: DayInterval = .init(),
        limits: PathLimits = .init()
    ) throws(GraphError) -> TimedPath? {
        try validatePathQuery(source: source, target: target, limits: limits)
        if let from = window.from, let to = window.to, from > to {
            throw .emptyWindow(from: from, to: to)
        }
        let intervals = try EntryIntervals(graph: self, edges: edgeIntervals)
        let windowStart = window.from.map(Double.init) ?? -.infinity
        let windowEnd = window.to.map(Double.init) ?? .infinity
        if source == target { return TimedPath(nodes: [Int32(source)], days: []) }
        let allowed = limits.allowedNodes
        let arrivals = HopLayeredCosts(
            graph: self, source: source, target: target, maxHops: limits.maxHops ?? nodeCount - 1,
            start: windowStart,
            mayStep: { _, next in next == target || (allowed?[next] ?? true) },
            extend: { entry, day in intervals.earliestDay(entry, notBefore: day, windowEnd: windowEnd) })
        guard let found = arrivals.path(to: target, within: limits.maxHops ?? nodeCount - 1) else { return nil }
        let days = found.costs.dropFirst().map { $0.isFinite ? Int32($0) : nil }
        return TimedPath(nodes: found.nodes, days: days)
    }
}

/// The validity intervals of each entry of an `AnalysisGraph`'s neighbour lists, as days in `Double`
/// (open ends are infinite).
private struct EntryIntervals {
    /// Entry `e`'s intervals are `starts[offsets[e]..<offsets[e + 1]]` and the same range of `ends`; none means
    /// valid every day.
    let offsets: [Int]
    let starts: [Double]
    let ends: [Double]

    init(graph: AnalysisGraph, edges: [DatedEdge]) throws(GraphError) {
        var listed: [(entry: Int, start: Double, end: Double)] = []
        listed.reserveCapacity(edges.count * 2)
        for edge in edges {
            let (u, v) = (Int(edge.u), Int(edge.v))
            if let from = edge.validity.from, let to = edge.validity.to, from > to {
                throw .emptyInterval(u: edge.u, v: edge.v, from: from, to: to)
            }
            guard u >= 0, u < graph.nodeCount, v >= 0, v < graph.nodeCount,
                let forward = graph.entry(from: u, to: v), let backward = graph.entry(from: v, to: u)
            else { throw .intervalOffGraph(u: edge.u, v: edge.v) }
            let start = edge.validity.from.map(Double.init) ?? -.infinity
            let end = edge.validity.to.map(Double.init) ?? .infinity
            listed.append((forward, start, end))
            if backward != forward { listed.append((backward, start, end)) }
        }
        listed.sort { $0.entry < $1.entry }
        var offsets = [Int](repeating: 0, count: graph.neighbors.count + 1)
        for interval in listed { offsets[interval.entry + 1] += 1 }
        for entry in 0..<graph.neighbors.count { offsets[entry + 1] += offsets[entry] }
        self.offsets = offsets
        starts = listed.map(\.start)
        ends = listed.map(\.end)
    }

    /// The earliest day, not before `day` nor after `windowEnd`, on which the edge at `entry` is valid;
    /// +infinity when there is none.
    func earliestDay(_ entry: Int, notBefore day: Double, windowEnd: Double) -> Double {
        var best = Double.infinity
        if offsets[entry] == offsets[entry + 1] {
            best = day
        } else {
            for index in offsets[entry]..<offsets[entry + 1] {
                let taken = max(day, starts[index])
                if taken <= ends[index] { best = min(best, taken) }
            }
        }
        return best <= windowEnd ? best : .infinity
    }
}
