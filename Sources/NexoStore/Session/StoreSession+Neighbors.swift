import NexoKit

/// The edge through which a neighbour was reached.
public struct EdgeRef: Sendable, Hashable {
    /// The edge.
    public var id: EdgeID
    /// Its kind.
    public var kind: String
    /// `outgoing` when the edge points from the entity one hop nearer the start to this one.
    public var direction: EdgeDirection

    /// Creates a reference.
    public init(id: EdgeID, kind: String, direction: EdgeDirection) {
        self.id = id
        self.kind = kind
        self.direction = direction
    }
}

/// Breadth-first neighbourhoods, one indexed query per visited entity (never a full graph load).
extension StoreSession {
    /// Entities within `depth` hops of `id`, following edges of `edgeKinds` (all when empty) in
    /// `direction` whose validity overlaps `during`. Each comes with its hop distance and the edge
    /// that first reached it (lowest edge id from the nearest entity, in id order). The start is
    /// not included. Ordered by distance, then id; at most `limit`.
    public func neighbors(
        of id: EntityID, depth: Int, edgeKinds: [String], direction: EdgeDirection,
        during: DateRange?, limit: Int?
    ) throws(NexoError) -> [(entity: EntityRef, distance: Int, via: EdgeRef?)] {
        try checkOpen()
        guard try entityRef(id.rawValue) != nil else { throw noEntity(id) }
        for kind in edgeKinds { _ = try tables.edgeKind(kind) }
        var distance: [EntityID: Int] = [id: 0]
        var via: [EntityID: EdgeRef] = [:]
        var refs: [EntityID: EntityRef] = [:]
        var frontier = [id]
        var level = 0
        while !frontier.isEmpty && level < depth {
            level += 1
            var next: [EntityID] = []
            for node in frontier {
                for step in try steps(from: node, kinds: edgeKinds, direction: direction, during: during)
                where distance[step.other] == nil {
                    guard let ref = try entityRef(step.other.rawValue) else { continue } // not visible
                    distance[step.other] = level
                    via[step.other] = step.edge
                    refs[step.other] = ref
                    next.append(step.other)
                }
            }
            frontier = next.sorted()
        }
        let found = refs.keys.sorted { distance[$0]! != distance[$1]! ? distance[$0]! < distance[$1]! : $0 < $1 }
        let limited = limit.map { Array(found.prefix(max(0, $0))) } ?? found
        return limited.map { (refs[$0]!, distance[$0]!, via[$0]) }
    }

    /// Edges leaving `node` one hop, ordered by edge id.
    private func steps(
        from node: EntityID, kinds: [String], direction: EdgeDirection,
        during: DateRange?
    ) throws(NexoError) -> [(other: EntityID, edge: EdgeRef)] {
        var result: [(other: EntityID, edge: EdgeRef, id: Int64)] = []
        let v = visible(.edges, "ed", from: 5)
        // One fixed query per direction; only the column names differ, never user input.
        let ends: [(sql: String, direction: EdgeDirection)] = [
            (
                "SELECT ed.id, ed.kind, ed.to_id FROM edges ed WHERE ed.from_id = ?1 AND "
                    + "\(Self.edgeFilter(kinds: kinds)) AND \(v.sql)",
                .outgoing
            ),
            (
                "SELECT ed.id, ed.kind, ed.from_id FROM edges ed WHERE ed.to_id = ?1 AND "
                    + "\(Self.edgeFilter(kinds: kinds)) AND \(v.sql)",
                .incoming
            ),
        ]
        for end in ends where direction == .both || direction == end.direction {
            try connection.withStatement(end.sql) { s throws(NexoError) in
                s.bind(node.rawValue, at: 1)
                bindEdgeFilter(s, kinds: kinds, during: during)
                v.bind(to: s)
                while try s.step() {
                    result.append(
                        (
                            EntityID(s.text(2)),
                            EdgeRef(id: EdgeID(s.int64(0)), kind: s.text(1), direction: end.direction), s.int64(0)
                        ))
                }
            }
        }
        result.sort { $0.id != $1.id ? $0.id < $1.id : $0.edge.direction == .outgoing }
        return result.map { ($0.other, $0.edge) }
    }
}
