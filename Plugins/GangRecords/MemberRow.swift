import NexoKit

/// The rows of `gang members`, `gang enroll` and `gang leave`: one per membership.
///
/// Columns: `person`, `name` (the person's label), `moniker`, `role`, `clique` (the clique, or
/// the gang itself for a membership recorded directly in a gang), `clique_name`, `since` (joined),
/// `until` (left; empty while a member), `left_reason`. Order: clique name, clique id, role (from
/// palabrero down to paro, then other roles by name, then none), joining date (unknown first),
/// person id, edge id.
struct MemberRow {
    let membership: Membership
    let person: EntityRef
    let clique: EntityRef

    static let columns = [
        Column("person", .entity(kind: CoreSchema.Kind.person)), Column("name", .string), Column("moniker", .string),
        Column("role", .string), Column("clique", .entity(kind: CoreSchema.Kind.group)), Column("clique_name", .string),
        Column("since", .date), Column("until", .date), Column("left_reason", .string),
    ]

    var cells: [Value] {
        [
            .entity(person), .string(person.label), .text(membership.moniker), .text(membership.role),
            .entity(clique), .string(clique.label), .day(membership.since), .day(membership.until),
            .text(membership.leftReason),
        ]
    }

    /// The documented row order.
    static func precedes(_ a: MemberRow, _ b: MemberRow) -> Bool { SortKey(a) < SortKey(b) }

    /// The fields of the documented order, small enough to sort tens of thousands of rows by.
    struct SortKey: Comparable {
        let clique: EntityRef
        let role: String?
        let since: CivilDate?
        let person: EntityID
        let edge: EdgeID

        init(_ row: MemberRow) {
            clique = row.clique
            role = row.membership.role
            since = row.membership.since
            person = row.person.id
            edge = row.membership.edge.id
        }

        static func < (a: SortKey, b: SortKey) -> Bool {
            if a.clique.id != b.clique.id { return Order.refs(a.clique, b.clique) }
            if a.role != b.role { return Roles.precedes(a.role, b.role) }
            if a.since != b.since { return Order.date(a.since, b.since) }
            if a.person != b.person { return a.person < b.person }
            return a.edge < b.edge
        }
    }

    /// Rows for `memberships`, reading the people in one batch query.
    static func rows(_ memberships: [Membership], in store: any GraphStoreAccess, index: GangIndex) throws(NexoError)
        -> [MemberRow]
    {
        let people = try People.refs(memberships.map(\.person), in: store)
        return memberships.compactMap { membership in
            guard let person = people[membership.person], let clique = index.ref(membership.group) else { return nil }
            return MemberRow(membership: membership, person: person, clique: clique)
        }
    }

    /// A result table of `rows` in the documented order.
    static func table(_ rows: [MemberRow]) -> ResultTable {
        ResultTable(columns: columns, rows: sorted(rows).map(\.cells))
    }

    /// `rows` in the documented order.
    static func sorted(_ rows: [MemberRow]) -> [MemberRow] {
        let keys = rows.map(SortKey.init)
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { rows[$0] }
    }
}

/// Reading many entities at once.
enum People {
    /// References to the entities `ids` (persons, places…) in one query, by id. Ids that do not exist
    /// or are not visible are left out.
    static func refs(_ ids: [EntityID], in store: any GraphStoreAccess, kind: String? = CoreSchema.Kind.person)
        throws(NexoError)
        -> [EntityID: EntityRef]
    {
        try entities(ids, in: store, kind: kind).mapValues(\.ref)
    }

    /// The entities `ids` in one query, by id.
    static func entities(_ ids: [EntityID], in store: any GraphStoreAccess, kind: String? = CoreSchema.Kind.person)
        throws(NexoError) -> [EntityID: Entity]
    {
        var seen = Set<EntityID>()
        let unique = ids.filter { seen.insert($0).inserted }
        guard !unique.isEmpty else { return [:] }
        var result: [EntityID: Entity] = [:]
        for entity in try store.entities(EntityQuery(kind: kind, ids: unique)) { result[entity.id] = entity }
        return result
    }
}

extension Value {
    /// A text cell, null when absent.
    static func text(_ text: String?) -> Value { text.map(Value.string) ?? .null }
    /// A date cell, null when absent.
    static func day(_ date: CivilDate?) -> Value { date.map(Value.date) ?? .null }
    /// An entity cell, null when absent.
    static func ref(_ ref: EntityRef?) -> Value { ref.map(Value.entity) ?? .null }
    /// An integer cell.
    static func count(_ n: Int) -> Value { .int(Int64(n)) }
}
