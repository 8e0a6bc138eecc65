import NexoKit

/// Every group in the store, and which gang each clique belongs to, read once per command:
/// one query for the groups and one per gang for the `member_of` edges of its cliques.
///
/// Groups are few even in a store of a million entities, so commands look up group types and
/// labels here instead of reading entities one by one.
struct GangIndex {
    /// Every group by id.
    let groups: [EntityID: Entity]
    /// The gangs, by label then id.
    let gangs: [Entity]
    /// The gang of each clique: its open `member_of` edge to a gang, else the latest recorded one.
    let gangOfClique: [EntityID: EntityID]
    /// The cliques of each gang, by label then id.
    let cliquesOfGang: [EntityID: [EntityID]]

    init(_ store: any GraphStoreAccess) throws(NexoError) {
        var groups: [EntityID: Entity] = [:]
        for group in try store.entities(EntityQuery(kind: CoreSchema.Kind.group)) { groups[group.id] = group }
        let gangs = groups.values.filter { $0.type == Types.gang }.sorted(by: Order.entities)
        var chosen: [EntityID: Edge] = [:]
        for gang in gangs {
            for edge in try store.edges(
                EdgeQuery(entity: gang.id, direction: .incoming, kinds: [CoreSchema.Edge.memberOf]))
            where edge.to == gang.id && groups[edge.from]?.type == Types.clique {
                // Prefer an open edge; among equals, the one recorded last.
                if let current = chosen[edge.from], current.validTo == nil, edge.validTo != nil { continue }
                chosen[edge.from] = edge
            }
        }
        var cliquesOfGang: [EntityID: [EntityID]] = [:]
        for (clique, edge) in chosen { cliquesOfGang[edge.to, default: []].append(clique) }
        for (gang, cliques) in cliquesOfGang {
            cliquesOfGang[gang] = cliques.compactMap { groups[$0] }.sorted(by: Order.entities).map(\.id)
        }
        self.groups = groups
        self.gangs = gangs
        self.gangOfClique = chosen.mapValues(\.to)
        self.cliquesOfGang = cliquesOfGang
    }

    /// The `type` of group `id` (gang, clique, network, organisation), or `nil`.
    func type(of id: EntityID) -> String? { groups[id]?.type }

    /// A reference to group `id`.
    func ref(_ id: EntityID) -> EntityRef? { groups[id]?.ref }

    /// The gang a group belongs to: itself for a gang, its gang for a clique.
    func gang(of id: EntityID) -> EntityID? {
        switch type(of: id) {
        case Types.gang: id
        case Types.clique: gangOfClique[id]
        default: nil
        }
    }

    /// The groups whose members make up `id`: a gang and its cliques, or a clique alone.
    func memberGroups(of id: EntityID) -> [EntityID] {
        type(of: id) == Types.gang ? [id] + (cliquesOfGang[id] ?? []) : [id]
    }

    /// The group `ref` names, checked to be a gang or a clique (or only `types` when given).
    func gangOrClique(
        _ ref: EntityRef, as types: Set<String> = [Types.gang, Types.clique],
        for command: String
    ) throws(NexoError) -> Entity {
        guard let group = groups[ref.id] else {
            throw NexoError(
                .notFound, "no group \(ref.id)", hint: "see 'gang list' for gangs and 'gang cliques <gang>' for cliques"
            )
        }
        guard let type = group.type, types.contains(type) else {
            let what = group.type.map { "a \($0)" } ?? "a group without a type"
            let wanted = types.sorted().reversed().map { "a \($0)" }.joined(separator: " or ")
            var hint = "'\(command)' takes \(wanted)"
            if group.type == Types.clique, let gang = gangOfClique[group.id], let label = groups[gang]?.label {
                hint += "; its gang is \(gang) (\(label))"
            } else if group.type == Types.gang {
                hint += "; see 'gang cliques \(group.id)' for its cliques"
            } else if group.type == nil {
                hint += "; mark gangs with --prop type=gang and cliques with --prop type=clique"
            }
            throw NexoError(.usage, "\(group.id) (\(group.label)) is \(what), not \(wanted)", hint: hint)
        }
        return group
    }
}

extension Entity {
    /// The `type` property (of groups and places).
    var type: String? { properties[CoreSchema.Group.type]?.stringValue }
    /// The `founded` property of a group.
    var founded: CivilDate? { properties[CoreSchema.Group.founded]?.dateValue }
}

/// The documented orders rows are sorted by.
enum Order {
    /// By label (Unicode scalars, as `sort` orders text), then id.
    static func entities(_ a: Entity, _ b: Entity) -> Bool { refs(a.ref, b.ref) }

    /// By label (Unicode scalars, as `sort` orders text), then id.
    static func refs(_ a: EntityRef, _ b: EntityRef) -> Bool {
        if a.label != b.label { return text(a.label, b.label) }
        return a.id < b.id
    }

    /// Text by Unicode scalars, stable across locales.
    static func text(_ a: String, _ b: String) -> Bool { a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) }

    /// Dates with unknown (`nil`) first, as `sort` puts nulls.
    static func date(_ a: CivilDate?, _ b: CivilDate?) -> Bool {
        guard let b else { return false }
        guard let a else { return true }
        return a < b
    }

    /// End dates with open (`nil`, still running) last.
    static func end(_ a: CivilDate?, _ b: CivilDate?) -> Bool {
        guard let a else { return false }
        guard let b else { return true }
        return a < b
    }
}
