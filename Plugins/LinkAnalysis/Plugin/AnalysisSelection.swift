import LinkGraph
import NexoKit

/// The graph a `link` measure runs on: the store's graph view (built once per data version and
/// cached by the host), as an ``AnalysisGraph`` over local node numbers — the whole visible graph
/// (the current case's, when one is in use), or the subgraph induced by the entities piped in.
struct AnalysisSelection {
    /// The store's view.
    let view: GraphView
    /// The view's node index of each local node, in entity-id order.
    let nodes: [Int32]
    /// The undirected graph over `0..<nodes.count` (parallel edges merged, self-loops kept once).
    let graph: AnalysisGraph
    /// Whether the graph is the subgraph of the piped entities rather than the whole graph.
    let isInduced: Bool

    /// The selection for `context`: the piped entities' induced subgraph, else the whole graph.
    static func make(_ context: CommandContext) throws(NexoError) -> AnalysisSelection {
        let view = try context.store.graphView(edgeKinds: [])
        let piped = context.entities(given: [])
        if context.input != nil && piped.isEmpty {
            throw NexoError(.notFound, "no entities were piped in", hint: "check the command before the '|'")
        }
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
        for (index, node) in nodes.enumerated() {
            for slot in view.slots(of: node) where view.isOutgoing(slot) {
                let other = local[Int(view.neighbor(slot))]
                guard other >= 0 else { continue }
                edges.append((Int32(index), other))
            }
        }
        do {
            let graph = try AnalysisGraph(nodeCount: nodes.count, edges: edges, weights: nil)
            return AnalysisSelection(view: view, nodes: nodes, graph: graph, isInduced: !piped.isEmpty)
        } catch {
            throw NexoError(.failed, "cannot analyse this graph: \(error.description)")
        }
    }

    /// Entity references of local nodes `locals`, with their labels, for result rows.
    func references(_ locals: [Int], in store: any GraphStoreAccess) throws(NexoError) -> [EntityRef] {
        let ids = locals.map { view.ids[Int(nodes[$0])] }
        var labels: [EntityID: String] = [:]
        for entity in try store.entities(EntityQuery(ids: ids)) { labels[entity.id] = entity.label }
        return locals.map { local in
            let node = Int(nodes[local])
            return EntityRef(id: view.ids[node], kind: view.nodeKinds[node], label: labels[view.ids[node]] ?? "")
        }
    }

    /// Says which graph a measure ran on, for the command's message.
    var scope: String {
        "\(graph.nodeCount) entities, \(graph.edgeCount) links"
            + (isInduced ? " (the entities piped in and the links among them)" : "")
    }
}
