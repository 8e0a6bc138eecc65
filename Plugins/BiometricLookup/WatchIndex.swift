import NexoKit

/// The standing watches in force, and which of them a matched person falls under.
///
/// A watch names targets through `watches` edges: a person, a gang or clique, a network, or the
/// people of a named list. A person falls under a watch when they are a target, or belong to one
/// through `member_of` edges in force on the encounter's day (person → clique → gang: two steps;
/// three are followed).
struct WatchIndex {
    struct Watch {
        var entity: Entity
        /// `gang`, `clique`, `network`, `person` or `list`.
        var target: String { entity.properties[BioKinds.Watch.target]?.stringValue ?? "person" }
    }

    /// Why a person falls under a watch.
    struct Coverage {
        var watch: Watch
        /// `P-3 is on the list`, `member of G-12 (…) → G-1 (MS-13)`.
        var reason: String
    }

    private(set) var watchesByTarget: [EntityID: [Watch]] = [:]
    var isEmpty: Bool { watchesByTarget.isEmpty }

    /// The watches not closed, with their targets.
    init(_ store: any GraphStoreAccess) throws(NexoError) {
        for entity in try store.entities(EntityQuery(kind: BioKinds.watch))
        where entity.properties[BioKinds.Watch.removed] == nil {
            for edge in try store.edges(EdgeQuery(entity: entity.id, direction: .outgoing, kinds: [BioKinds.watches])) {
                watchesByTarget[edge.to, default: []].append(Watch(entity: entity))
            }
        }
    }

    /// The watches `person` falls under on `day` (today's memberships when `nil`), each once.
    func coverage(of person: EntityID, on day: CivilDate?, in store: any GraphStoreAccess) throws(NexoError)
        -> [Coverage]
    {
        guard !isEmpty else { return [] }
        var found: [Coverage] = []
        var seenWatches = Set<EntityID>()
        func note(_ target: EntityID, _ reason: String) {
            for watch in watchesByTarget[target] ?? [] where seenWatches.insert(watch.entity.id).inserted {
                found.append(Coverage(watch: watch, reason: reason))
            }
        }
        note(person, watchesByTarget[person]?.first?.target == "list" ? "on the list" : "watched person")
        var frontier: [(EntityID, String)] = [(person, "")]
        var visited: Set<EntityID> = [person]
        for _ in 0..<3 where !frontier.isEmpty {
            var next: [(EntityID, String)] = []
            for (member, path) in frontier {
                for edge in try store.edges(
                    EdgeQuery(entity: member, direction: .outgoing, kinds: [CoreSchema.Edge.memberOf]))
                where Self.inForce(edge, on: day) && visited.insert(edge.to).inserted {
                    let label = try store.entity(edge.to)?.label ?? ""
                    let step = path.isEmpty ? "member of \(edge.to) (\(label))" : "\(path) → \(edge.to) (\(label))"
                    note(edge.to, step)
                    next.append((edge.to, step))
                }
            }
            frontier = next
        }
        return found
    }

    /// Whether a membership holds on `day`, or is open (no end) when there is no day.
    static func inForce(_ edge: Edge, on day: CivilDate?) -> Bool {
        guard let day else { return edge.validTo == nil }
        if let from = edge.validFrom, from > day { return false }
        if let to = edge.validTo, to < day { return false }
        return true
    }
}
