import NexoKit

/// Reads the smuggling part of the graph for one command run.
///
/// Every read starts from an anchor (a network, a route, a leg, a place) and follows indexed
/// edge queries from it; the entities at the other ends are fetched in batches with
/// `EntityQuery(ids:)` and cached, so a command makes one query per structural element (network,
/// route, leg), never one per person moved or per row. Not Sendable: it lives for one command.
final class SmugglingGraph {
    let store: any GraphStoreAccess
    private var cache: [EntityID: Entity] = [:]
    private var missing: Set<EntityID> = []
    private var ancestorCache: [EntityID: Set<EntityID>] = [:]

    init(_ store: any GraphStoreAccess) { self.store = store }

    // MARK: Entities

    /// Reads the entities among `ids` not read yet, in one query.
    func load(_ ids: some Sequence<EntityID>) throws(NexoError) {
        var wanted: [EntityID] = []
        var seen = Set<EntityID>()
        for id in ids where cache[id] == nil && !missing.contains(id) && seen.insert(id).inserted { wanted.append(id) }
        guard !wanted.isEmpty else { return }
        for entity in try store.entities(EntityQuery(ids: wanted)) { cache[entity.id] = entity }
        for id in wanted where cache[id] == nil { missing.insert(id) }
    }

    /// The entity `id`, read now if it was not loaded before.
    func entity(_ id: EntityID) throws(NexoError) -> Entity? {
        try load([id])
        return cache[id]
    }

    /// A reference to `id` for a result row: from the cache, or a bare id when it is not visible.
    func ref(_ id: EntityID) -> EntityRef {
        cache[id]?.ref ?? EntityRef(id: id, kind: "", label: id.rawValue)
    }

    /// A cell for `id`, or null.
    func cell(_ id: EntityID?) -> Value { id.map { .entity(ref($0)) } ?? .null }

    /// The `date` property of a cached crossing or payment (``CoreSchema/Payment/date`` is the same name).
    func date(of id: EntityID) -> CivilDate? { cache[id]?.properties[CoreSchema.Crossing.date]?.dateValue }

    /// The `type` property of a cached group or place.
    func type(of id: EntityID) -> String? { cache[id]?.properties[CoreSchema.Group.type]?.stringValue }

    // MARK: Edges

    /// Edges of `kinds` at `id`.
    func edges(_ id: EntityID, _ direction: EdgeDirection, _ kinds: [String], during: DateRange? = nil)
        throws(NexoError) -> [Edge]
    {
        try store.edges(EdgeQuery(entity: id, direction: direction, kinds: kinds, during: during))
    }

    /// Edges of `kinds` at each of `ids`, in the order of `ids`, then by edge id. One indexed
    /// query per id: the SDK has no batch edge query yet.
    func edges(
        of ids: [EntityID], _ direction: EdgeDirection, _ kinds: [String],
        during: DateRange? = nil
    ) throws(NexoError) -> [Edge] {
        var result: [Edge] = []
        for id in ids { result += try edges(id, direction, kinds, during: during) }
        return result
    }

    // MARK: Networks and routes

    /// Every network (group of type network), ordered by id.
    func networks() throws(NexoError) -> [Entity] {
        let found = try store.entities(
            EntityQuery(
                kind: CoreSchema.Kind.group,
                properties: [CoreSchema.Group.type: .string(SmugglingSchema.networkType)]))
        for entity in found { cache[entity.id] = entity }
        return found
    }

    /// Every route, ordered by id.
    func allRoutes() throws(NexoError) -> [Entity] {
        let found = try store.entities(EntityQuery(kind: SmugglingSchema.route))
        for entity in found { cache[entity.id] = entity }
        return found
    }

    /// Routes `network` runs, ordered by id.
    func routes(of network: EntityID) throws(NexoError) -> [EntityID] {
        Self.sortedUnique(try edges(network, .outgoing, [SmugglingSchema.runs]).map(\.to))
    }

    /// Networks (any group) that run `route`, ordered by id.
    func runners(of route: EntityID) throws(NexoError) -> [EntityID] {
        Self.sortedUnique(try edges(route, .incoming, [SmugglingSchema.runs]).map(\.from))
    }

    /// Membership edges of people in `network` (facilitators), ordered by edge id.
    func memberships(of network: EntityID) throws(NexoError) -> [Edge] {
        let edges = try edges(network, .incoming, [CoreSchema.Edge.memberOf])
        try load(edges.map(\.from))
        return edges.filter { cache[$0.from]?.kind == CoreSchema.Kind.person }
    }

    /// The legs of `route` in travel order (sequence, then id), each with its endpoints and, when
    /// asked, its operators and travellers (limited to `during`). One query per leg.
    func legs(of route: EntityID, people: Bool = false, during: DateRange? = nil) throws(NexoError) -> [Leg] {
        let ids = try edges(route, .incoming, [SmugglingSchema.legOf]).map(\.from)
        try load(ids)
        var kinds = [SmugglingSchema.departsFrom, SmugglingSchema.arrivesAt]
        if people { kinds += [SmugglingSchema.operated, SmugglingSchema.travelled] }
        var legs: [Leg] = []
        for id in Self.sortedUnique(ids) {
            guard let entity = cache[id], entity.kind == SmugglingSchema.leg else { continue }
            var leg = Leg(entity: entity, route: route)
            for edge in try edges(id, .both, kinds, during: during) {
                switch edge.kind {
                case SmugglingSchema.departsFrom where edge.from == id: leg.from = leg.from ?? edge.to
                case SmugglingSchema.arrivesAt where edge.from == id: leg.to = leg.to ?? edge.to
                case SmugglingSchema.operated where edge.to == id: leg.operators.append(edge)
                case SmugglingSchema.travelled where edge.to == id: leg.travellers.append(edge)
                default: break
                }
            }
            legs.append(leg)
        }
        legs.sort { ($0.sequence, $0.entity.id) < ($1.sequence, $1.entity.id) }
        try load(legs.flatMap { [$0.from, $0.to].compactMap { $0 } + $0.operators.map(\.from) })
        return legs
    }

    /// The keepers (owners) of the safe houses among `places`, by safe house, each ordered by id.
    func keepers(of places: some Sequence<EntityID>) throws(NexoError) -> [EntityID: [EntityID]] {
        var result: [EntityID: [EntityID]] = [:]
        for place in Set(places) where type(of: place) == CoreSchema.PlaceType.safeHouse {
            result[place] = Self.sortedUnique(try edges(place, .incoming, [CoreSchema.Edge.owns]).map(\.from))
        }
        try load(result.values.joined())
        return result
    }

    // MARK: Places

    /// `place` and every place it lies in, following `located_in` upwards (cached per place).
    func placeAndAncestors(_ place: EntityID) throws(NexoError) -> Set<EntityID> {
        if let known = ancestorCache[place] { return known }
        var result: Set<EntityID> = [place]
        var frontier = [place]
        while let next = frontier.popLast() {
            for edge in try edges(next, .outgoing, [CoreSchema.Edge.locatedIn]) where result.insert(edge.to).inserted {
                if let known = ancestorCache[edge.to] { result.formUnion(known) } else { frontier.append(edge.to) }
            }
        }
        ancestorCache[place] = result
        return result
    }

    /// Whether `place` is `area` or lies inside it.
    func place(_ place: EntityID, isIn area: EntityID) throws(NexoError) -> Bool {
        try placeAndAncestors(place).contains(area)
    }

    // MARK: Gangs

    /// The gang links of a person: each clique they belong to with its gang, and each gang they
    /// belong to directly (clique `nil`). Ordered by clique id, then gang id.
    func gangLinks(of person: EntityID) throws(NexoError) -> [GangLink] {
        let groups = try edges(person, .outgoing, [CoreSchema.Edge.memberOf]).map(\.to)
        try load(groups)
        var links: [GangLink] = []
        for group in Self.sortedUnique(groups) {
            switch type(of: group) {
            case CoreSchema.GroupType.clique:
                let gangs = try edges(group, .outgoing, [CoreSchema.Edge.memberOf]).map(\.to)
                try load(gangs)
                let ofGang = Self.sortedUnique(gangs).filter { type(of: $0) == CoreSchema.GroupType.gang }
                if ofGang.isEmpty { links.append(GangLink(clique: group, gang: nil)) }
                for gang in ofGang { links.append(GangLink(clique: group, gang: gang)) }
            case CoreSchema.GroupType.gang:
                links.append(GangLink(clique: nil, gang: group))
            default:
                break
            }
        }
        return links.sorted { RowOrder.first($0.clique, $1.clique) ?? RowOrder.first($0.gang, $1.gang) ?? false }
    }

    /// Ids in id order without repeats.
    static func sortedUnique(_ ids: some Sequence<EntityID>) -> [EntityID] { Array(Set(ids)).sorted() }
}

/// One leg of a route as read from the graph.
struct Leg {
    var entity: Entity
    var route: EntityID
    var from: EntityID?
    var to: EntityID?
    /// `operated` edges (guides, drivers, vehicles), by edge id.
    var operators: [Edge] = []
    /// `travelled` edges (people moved), by edge id.
    var travellers: [Edge] = []

    init(entity: Entity, route: EntityID) {
        self.entity = entity
        self.route = route
    }

    var sequence: Int { Int(entity.properties[SmugglingSchema.Leg.sequence]?.intValue ?? 0) }
    var mode: String? { entity.properties[SmugglingSchema.Leg.mode]?.stringValue }
    var days: Int? { entity.properties[SmugglingSchema.Leg.days]?.intValue.map { Int($0) } }
}

/// A person's link to a gang: through a clique of the gang, or directly.
struct GangLink: Hashable {
    var clique: EntityID?
    var gang: EntityID?
}
