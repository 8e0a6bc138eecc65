import NexoKit

/// Reading territory (`operates_in`) and rivalries (`rival_of`).
///
/// Both start at groups, which are few even in a large store, so they are read with one indexed
/// query per group rather than a scan of every edge (the store has no index on the edge kind).
/// Nesting of places is followed upward from the places that are held, one indexed `located_in`
/// lookup per distinct place and ancestor, so the cost grows with the territory recorded, not with
/// the people and addresses located in those places.
enum Territory {
    /// The `operates_in` edges from `groups` whose period is in `period`, in edge-id order.
    static func holdings(
        of groups: some Sequence<EntityID>, in store: any GraphStoreAccess,
        period: Period
    ) throws(NexoError) -> [Edge] {
        try edges(GangSchema.operatesIn, of: groups, direction: .outgoing, in: store, period: period)
    }

    /// The `rival_of` edges touching `groups` (either end) whose period is in `period`, in edge-id order.
    static func rivalries(
        of groups: some Sequence<EntityID>, in store: any GraphStoreAccess,
        period: Period
    ) throws(NexoError) -> [Edge] {
        try edges(GangSchema.rivalOf, of: groups, direction: .both, in: store, period: period)
    }

    private static func edges(
        _ kind: String, of groups: some Sequence<EntityID>, direction: EdgeDirection,
        in store: any GraphStoreAccess, period: Period
    ) throws(NexoError) -> [Edge] {
        var seen = Set<EdgeID>()
        var result: [Edge] = []
        for group in groups {
            for edge in try store.edges(EdgeQuery(entity: group, direction: direction, kinds: [kind]))
            where period.includes(edge) && seen.insert(edge.id).inserted {
                result.append(edge)
            }
        }
        return result.sorted { $0.id < $1.id }
    }

    /// The places among `places` that are `root` or lie inside it (by `located_in`, at any depth).
    static func places(
        _ places: some Sequence<EntityID>, inside root: EntityID,
        in store: any GraphStoreAccess
    ) throws(NexoError) -> Set<EntityID> {
        var inside: [EntityID: Bool] = [root: true]
        func isInside(_ place: EntityID) throws(NexoError) -> Bool {
            if let known = inside[place] { return known }
            inside[place] = false // guards against a located_in cycle
            var result = false
            for edge in try store.edges(
                EdgeQuery(entity: place, direction: .outgoing, kinds: [CoreSchema.Edge.locatedIn]))
            where edge.from == place {
                if try isInside(edge.to) {
                    result = true
                    break
                }
            }
            inside[place] = result
            return result
        }
        var result = Set<EntityID>()
        for place in places where try isInside(place) { result.insert(place) }
        return result
    }

    /// Checks that `ref` names a place.
    static func place(_ ref: EntityRef, in store: any GraphStoreAccess) throws(NexoError) -> Entity {
        guard let place = try store.entity(ref.id), place.kind == CoreSchema.Kind.place else {
            throw NexoError(.notFound, "no place \(ref.id)", hint: "find places with 'find place NAME'")
        }
        return place
    }

    /// The most severe intensity first: war, tension, truce, then others by name.
    static func severity(_ intensity: String?) -> Int {
        GangSchema.intensities.firstIndex(of: intensity ?? "") ?? GangSchema.intensities.count
    }
}

/// Rivalries by the pair of groups, for constant-time lookups.
struct Rivalries {
    private var intensities: [Pair: String] = [:]

    private struct Pair: Hashable {
        let low: EntityID, high: EntityID
        init(_ a: EntityID, _ b: EntityID) { (low, high) = a < b ? (a, b) : (b, a) }
    }

    /// Indexes `edges` (rival_of); when two groups have several, the most severe state wins.
    init(_ edges: [Edge]) {
        for edge in edges {
            let intensity = edge.properties["intensity"]?.stringValue ?? "rival"
            let pair = Pair(edge.from, edge.to)
            if let known = intensities[pair], Territory.severity(known) <= Territory.severity(intensity) { continue }
            intensities[pair] = intensity
        }
    }

    /// The state of the rivalry between `a` and `b` (either way), or `nil` when they are not rivals.
    func intensity(_ a: EntityID, _ b: EntityID) -> String? { intensities[Pair(a, b)] }
}
