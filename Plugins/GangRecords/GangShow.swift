import NexoKit

/// `gang show <group>`: the structure of a gang or a clique as one typed table of sections.
enum GangShow {
    static let command = Command(spec, run: run)

    static let group = ArgumentKey("group", .entity(kind: CoreSchema.Kind.group), "A gang or clique")

    static let spec = CommandSpec(
        ["gang", "show"],
        summary:
            "Show the structure of a gang (cliques, leaders) or a clique (gang, leaders, members, territory, rivals)",
        discussion: """
            One row per fact, in sections. For a gang: gang (the gang itself: members = current members, \
            since = founded), clique (each clique with its current members), leader (current palabreros \
            and corredores of every clique), territory, rival. For a clique: clique, gang, leader, \
            member (the other current members), territory, rival. The group column says which gang or \
            clique the row belongs to (a clique's gang, a leader's clique, who holds a territory or a \
            rivalry); detail gives the role and moniker, the control of a territory or the state of a \
            rivalry. Only what holds now (no end date) is shown; see 'gang members --all' and \
            'gang rivals --all' for the past. Rows come in section order; within a section cliques, \
            places and rivals by name then id, leaders and members by clique name, role (palabrero \
            first), joining date, person id.
            """,
        arguments: [group],
        examples: [
            "gang show MS-13", "gang show \"Acajutla Locos Salvatrucha\"", "gang show G-4 | where section = leader",
        ])

    static let columns = [
        Column("section", .string), Column("entity", .entity(kind: nil)), Column("name", .string),
        Column("group", .entity(kind: CoreSchema.Kind.group)), Column("detail", .string), Column("members", .int),
        Column("since", .date),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let index = try GangIndex(context.store)
        let group = try index.gangOrClique(try arguments[Self.group], for: "gang show")
        let store = context.store
        let groups = index.memberGroups(of: group.id)
        let memberships = try Membership.of(groups, in: store, index: index)
        var table = ResultTable(columns: columns)
        func add(
            _ section: String, _ entity: EntityRef, group: EntityID?, _ detail: String?, members: Int?,
            since: CivilDate?
        ) {
            table.append([
                .string(section), .entity(entity), .string(entity.label), .ref(group.flatMap(index.ref)), .text(detail),
                members.map(Value.count) ?? .null, .day(since),
            ])
        }
        let byGroup = Dictionary(grouping: memberships, by: \.group)
        func counted(_ id: EntityID) -> (MemberCounts, String) {
            let counts = MemberCounts(byGroup[id] ?? [])
            return (counts, "\(counts.former) former member\(counts.former == 1 ? "" : "s")")
        }

        let cliques = index.cliquesOfGang[group.id] ?? []
        if group.type == Types.gang {
            let counts = MemberCounts(memberships)
            add(
                "gang", group.ref, group: nil,
                "\(cliques.count) clique\(cliques.count == 1 ? "" : "s"); \(counts.former) former members",
                members: counts.active, since: group.founded)
            for clique in cliques.compactMap({ index.groups[$0] }) {
                let (counts, detail) = counted(clique.id)
                add("clique", clique.ref, group: group.id, detail, members: counts.active, since: clique.founded)
            }
        } else {
            let (counts, detail) = counted(group.id)
            add(
                "clique", group.ref, group: index.gangOfClique[group.id], detail, members: counts.active,
                since: group.founded)
            if let gang = index.gangOfClique[group.id].flatMap({ index.groups[$0] }) {
                add("gang", gang.ref, group: nil, nil, members: nil, since: gang.founded)
            }
        }

        let current = MemberRow.sorted(try MemberRow.rows(memberships.filter(\.isOpen), in: store, index: index))
        func described(_ row: MemberRow) -> String {
            let role = row.membership.role ?? "member"
            return row.membership.moniker.map { "\(role) \"\($0)\"" } ?? role
        }
        for row in current where row.membership.role.map(GangSchema.leadership.contains) == true {
            add("leader", row.person, group: row.clique.id, described(row), members: nil, since: row.membership.since)
        }
        if group.type == Types.clique {
            for row in current where row.membership.role.map(GangSchema.leadership.contains) != true {
                add(
                    "member", row.person, group: row.clique.id, described(row), members: nil,
                    since: row.membership.since)
            }
        }

        let own = Set(groups)
        let holdings = try Territory.holdings(of: groups, in: store, period: .current)
        let places = try People.entities(holdings.map(\.to), in: store, kind: CoreSchema.Kind.place)
        let held = holdings.compactMap { edge in places[edge.to].map { (edge, $0) } }.sorted { a, b in
            a.1.id != b.1.id ? Order.entities(a.1, b.1) : a.0.id < b.0.id
        }
        for (edge, place) in held {
            let control = edge.properties["control"]?.stringValue ?? "held"
            add(
                "territory", place.ref, group: edge.from, place.type.map { "\(control) (\($0))" } ?? control,
                members: nil, since: edge.validFrom)
        }

        let sides = own.union(index.gang(of: group.id).map { [$0] } ?? [])
        let rivals = try GangRivals.rows(in: store, index: index, period: .current, sides: sides, operating: nil).sorted
        { a, b in
            a.rival.id != b.rival.id ? Order.refs(a.rival, b.rival) : GangRivals.Row.precedes(a, b)
        }
        for row in rivals {
            add(
                "rival", row.rival, group: row.group.id, row.edge.properties["intensity"]?.stringValue, members: nil,
                since: row.edge.validFrom)
        }
        return CommandResult(table: table)
    }
}
