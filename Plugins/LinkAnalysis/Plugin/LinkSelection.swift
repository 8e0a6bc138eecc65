import NexoKit

/// The entities a chart or an export shows and the stored edges among them, read through the
/// public store: entities in id order, edges in edge id order, each edge with its provenance (the
/// graded source behind it, when one was named).
struct LinkSelection {
    /// The selected entities, ordered by id.
    var entities: [Entity]
    /// The edges whose two ends are both selected, ordered by edge id.
    var edges: [Edge]

    /// The whole graph (every visible entity and edge).
    static func whole(_ store: any GraphStoreAccess) throws(NexoError) -> LinkSelection {
        LinkSelection(entities: try store.entities(EntityQuery()), edges: try store.edges(EdgeQuery()))
    }

    /// `seeds` and every entity within `depth` links of them, with the edges among them all.
    /// Depth 0 is the seeds and the links among them (their induced subgraph).
    ///
    /// Refuses, before reading the entities themselves, a selection of more than `limit` entities;
    /// checks for Ctrl-C between the entities it expands.
    static func around(
        _ seeds: [EntityRef], depth: Int, in store: any GraphStoreAccess, limit: Int, context: CommandContext
    ) throws(NexoError) -> LinkSelection {
        var selected = Set(seeds.map(\.id))
        var frontier = seeds.map(\.id)
        var edgesByID: [EdgeID: Edge] = [:]
        for _ in 0..<depth {
            var next: [EntityID] = []
            for id in frontier {
                try context.checkCancellation()
                for edge in try store.edges(EdgeQuery(entity: id)) {
                    edgesByID[edge.id] = edge
                    for end in [edge.from, edge.to] where selected.insert(end).inserted { next.append(end) }
                }
                if selected.count > limit { throw tooLarge(atLeast: selected.count, limit: limit) }
            }
            frontier = next
        }
        if selected.count > limit { throw tooLarge(atLeast: selected.count, limit: limit) }
        // The edges of the outermost ring (and, at depth 0, among the seeds) were not read yet.
        for id in frontier {
            try context.checkCancellation()
            for edge in try store.edges(EdgeQuery(entity: id)) { edgesByID[edge.id] = edge }
        }
        let entities = try store.entities(EntityQuery(ids: Array(selected)))
        let edges = edgesByID.values.filter { selected.contains($0.from) && selected.contains($0.to) }
        return LinkSelection(entities: entities, edges: edges.sorted { $0.id < $1.id })
    }

    private static func tooLarge(atLeast count: Int, limit: Int) -> NexoError {
        NexoError(
            .invalidInput, "the selection has more than \(limit) entities (\(count) so far)",
            hint: "lower --depth, or pipe fewer entities in")
    }

    /// The graded source of `edge`, when one was named.
    static func source(of edge: Edge) -> SourceInfo? { edge.provenance?.source }
}
