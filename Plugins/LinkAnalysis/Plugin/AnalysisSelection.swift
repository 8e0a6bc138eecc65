import LinkGraph
import NexoKit
import Synchronization

/// The graph a `link` measure runs on: the store's graph view (built once per data version and
/// cached by the host), as an ``AnalysisGraph`` over local node numbers — the whole visible graph
/// (the current case's, when one is in use), or the subgraph induced by the entities piped in.
struct AnalysisSelection {
    /// The store's view.
    let view: GraphView
    /// The view's node index of each local node, in entity-id order.
    let nodes: [Int32]
    /// The local number of each view node, -1 when not selected.
    private let localOf: [Int32]
    /// The undirected graph over `0..<nodes.count` (parallel edges merged, self-loops kept once).
    let graph: AnalysisGraph
    /// Whether the graph is the subgraph of the piped entities rather than the whole graph.
    let isInduced: Bool

    /// What a link weighs.
    enum Weight: Hashable {
        /// Nothing: links count as 1.
        case none
        /// Its confidence.
        case confidence
        /// `-log(confidence)`, a path cost (links believed with confidence 0 are left out).
        case pathCost

        func value(_ confidence: Double) -> Double {
            switch self {
            case .none: 1
            case .confidence: confidence
            case .pathCost: AnalysisGraph.pathCost(confidence: confidence)
            }
        }
    }

    /// The whole-graph selections built from the host's current view, by weight: a script running many
    /// commands on an unchanged store builds each once. The view is kept with them, so the identity of its
    /// storage (the host caches one view per data version) says whether they are still current.
    private static let wholeGraphs = Mutex<(view: GraphView?, selections: [Weight: AnalysisSelection])>((nil, [:]))

    /// The selection for `context`: the piped entities' induced subgraph, else the whole graph (kept for
    /// the next command while the store's view stays the same). With a `weight`, each link's weight is
    /// `weight.value(confidence)` (of parallel links, the last one's, as networkx keeps the last weight
    /// added); a link whose weight is not finite is left out.
    static func make(_ context: CommandContext, weight: Weight = .none) throws(NexoError) -> AnalysisSelection {
        let view = try context.store.graphView(edgeKinds: [])
        let piped = context.entities(given: [])
        if context.input != nil && piped.isEmpty {
            throw NexoError(.notFound, "no entities were piped in", hint: "check the command before the '|'")
        }
        if piped.isEmpty, let kept = cached(view, weight) { return kept }
        var local = [Int32](repeating: -1, count: view.nodeCount)
        var nodes: [Int32] = []
        if piped.isEmpty {
            nodes = (0..<Int32(view.nodeCount)).map { $0 }
            for index in nodes.indices { local[index] = Int32(index) }
        } else {
            var wanted: [Int32] = []
            for ref in piped {
                guard let node = view.node(ref.id) else {
                    throw NexoError(
                        .notFound, "\(ref.id) is not in the graph (removed, or outside the case in use)",
                        hint: "pipe entities that 'find' or 'show' still list")
                }
                wanted.append(node)
            }
            nodes = Array(Set(wanted)).sorted()
            for (index, node) in nodes.enumerated() { local[Int(node)] = Int32(index) }
        }
        var edges: [(Int32, Int32)] = []
        var weights: [Double] = []
        for (index, node) in nodes.enumerated() {
            for slot in view.slots(of: node) where view.isOutgoing(slot) {
                let other = local[Int(view.neighbor(slot))]
                guard other >= 0 else { continue }
                if weight != .none {
                    let value = weight.value(view.confidence(ofEdge: view.edgeIndex(slot)))
                    guard value.isFinite else { continue }
                    weights.append(value)
                }
                edges.append((Int32(index), other))
            }
        }
        do {
            let graph = try AnalysisGraph(
                nodeCount: nodes.count, edges: edges, weights: weight == .none ? nil : weights)
            let selection = AnalysisSelection(
                view: view, nodes: nodes, localOf: local, graph: graph, isInduced: !piped.isEmpty)
            if piped.isEmpty { keep(selection, weight) }
            return selection
        } catch {
            throw NexoError(.failed, "cannot analyse this graph: \(error.description)")
        }
    }

    /// Whether `a` and `b` are the same view: the host builds one per data version and hands out copies of it.
    static func sameStorage(_ a: GraphView, _ b: GraphView) -> Bool {
        a.dataVersion == b.dataVersion && a.nodeCount == b.nodeCount && a.edgeCount == b.edgeCount
            && a.ids.withUnsafeBufferPointer { x in
                b.ids.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress }
            }
    }

    private static func cached(_ view: GraphView, _ weight: Weight) -> AnalysisSelection? {
        wholeGraphs.withLock { kept in
            guard let known = kept.view, sameStorage(known, view) else { return nil }
            return kept.selections[weight]
        }
    }

    private static func keep(_ selection: AnalysisSelection, _ weight: Weight) {
        wholeGraphs.withLock { kept in
            if let known = kept.view, sameStorage(known, selection.view) {
                kept.selections[weight] = selection
            } else {
                kept = (selection.view, [weight: selection])
            }
        }
    }

    /// The local number of entity `id`, or nil when it is not selected.
    func local(_ id: EntityID) -> Int? {
        guard let node = view.node(id), localOf[Int(node)] >= 0 else { return nil }
        return Int(localOf[Int(node)])
    }

    /// Local nodes `locals` as a result column of entities (view node numbers, no row built).
    func entityCells(_ locals: some Sequence<Int>) -> ColumnCells {
        .entities(nodes: locals.map { nodes[$0] }, of: view)
    }

    /// One row per member of `groups` (local nodes): the entity, its group's number (from 1, in rank order) in a
    /// column named `name`, and the group's size.
    func groupTable(_ groups: RankedGroups, named name: String) -> ResultTable {
        let numbers = groups.sizes.indices.map { Value.int(Int64($0 + 1)) }
        let sizes = groups.sizes.map { Value.int(Int64($0)) }
        return ResultTable(
            columns: [Column("entity", .entity(kind: nil)), Column(name, .int), Column("size", .int)],
            cells: [
                entityCells(groups.members.lazy.map { Int($0) }), .coded(groups.ranks, dictionary: numbers),
                .coded(groups.ranks, dictionary: sizes),
            ])
    }

    /// Entity references of local nodes `locals`, with their labels, for result rows.
    func references(_ locals: [Int]) -> [EntityRef] { locals.map { view.entityRef(ofNode: Int(nodes[$0])) } }

    /// Every selected link with its validity in days since 1970-01-01 (open ends for undated links),
    /// for time-respecting paths.
    func edgeIntervals() -> [DatedEdge] {
        var result: [DatedEdge] = []
        for (index, node) in nodes.enumerated() {
            for slot in view.slots(of: node) where view.isOutgoing(slot) {
                let other = localOf[Int(view.neighbor(slot))]
                guard other >= 0 else { continue }
                let edge = view.edgeIndex(slot)
                result.append(
                    DatedEdge(
                        Int32(index), other,
                        validity: DayInterval(
                            from: view.validFrom(ofEdge: edge).map { Int32($0.daysSinceEpoch) },
                            to: view.validTo(ofEdge: edge).map { Int32($0.daysSinceEpoch) })))
            }
        }
        return result
    }

    /// The view edge between local nodes `a` and `b` to show on a path: one valid on `day` when given,
    /// else the most confident (the lowest edge id among equals); nil when they are not linked.
    func edge(between a: Int32, and b: Int32, onDay day: Int32?) -> Int? {
        let target = nodes[Int(b)]
        var best: Int? = nil
        for slot in view.slots(of: nodes[Int(a)]) where view.neighbor(slot) == target {
            let edge = view.edgeIndex(slot)
            if let day {
                let from = view.validFrom(ofEdge: edge).map { Int32($0.daysSinceEpoch) } ?? Int32.min
                let to = view.validTo(ofEdge: edge).map { Int32($0.daysSinceEpoch) } ?? Int32.max
                guard from <= day && day <= to else { continue }
            }
            if let current = best {
                let better =
                    view.confidence(ofEdge: edge) > view.confidence(ofEdge: current)
                    || (view.confidence(ofEdge: edge) == view.confidence(ofEdge: current)
                        && view.id(ofEdge: edge) < view.id(ofEdge: current))
                if better { best = edge }
            } else {
                best = edge
            }
        }
        return best
    }

    /// Says which graph a measure ran on, for the command's message.
    var scope: String {
        "\(graph.nodeCount) entities, \(graph.edgeCount) links"
            + (isInduced ? " (the entities piped in and the links among them)" : "")
    }
}
