import NexoKit

/// `gang rivals [<group>] [--in PLACE] [--active-on DATE] [--all]`: rivalries between gangs and cliques.
enum GangRivals {
    static let command = Command(spec, run: run)

    static let group = OptionalArgumentKey(
        "group", .entity(kind: CoreSchema.Kind.group), "A gang or clique (all rivalries when left out)")
    static let place = OptionKey(
        "in", .entity(kind: CoreSchema.Kind.place), "Only rivalries between groups operating in this place")

    static let spec = CommandSpec(
        ["gang", "rivals"],
        summary: "List rivalries, all or of a gang (and its cliques) or clique (and its gang)",
        discussion: """
            One row per rival_of edge. For a gang, the rivalries of the gang and of each of its \
            cliques; for a clique, its own and its gang's; the named side is in the group column. \
            --in PLACE keeps rivalries whose both sides (or their gangs) operate in the place or a \
            place inside it. By default only current rivalries (no end date); --active-on and --all \
            as for 'gang members'. Groups may be piped in. Rows are ordered by group name, group id, \
            rival name, rival id, start date, edge id.
            """,
        arguments: [group],
        options: [place] + Period.options,
        examples: ["gang rivals", "gang rivals MS-13", "gang rivals --in Sonsonate", "gang list | gang rivals --all"],
        input: .entities(kind: CoreSchema.Kind.group))

    static let columns = [
        Column("group", .entity(kind: CoreSchema.Kind.group)), Column("name", .string),
        Column("rival", .entity(kind: CoreSchema.Kind.group)),
        Column("rival_name", .string), Column("intensity", .string), Column("since", .date), Column("until", .date),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let period = try Period.from(arguments)
        let index = try GangIndex(context.store)
        var sides: Set<EntityID>?
        for target in Inputs.targets(given: arguments[group], kind: CoreSchema.Kind.group, input: context.input) {
            let group = try index.gangOrClique(target, for: "gang rivals")
            sides = (sides ?? []).union(
                index.memberGroups(of: group.id) + (index.gang(of: group.id).map { [$0] } ?? []))
        }
        var operating: Set<EntityID>?
        if let within = arguments[place] {
            let root = try Territory.place(within, in: context.store)
            let holdings = try Territory.holdings(of: index.groups.keys, in: context.store, period: period)
            let inside = try Territory.places(Set(holdings.map(\.to)), inside: root.id, in: context.store)
            var groups = Set<EntityID>()
            for edge in holdings where inside.contains(edge.to) {
                groups.insert(edge.from)
                if let gang = index.gang(of: edge.from) { groups.insert(gang) }
            }
            operating = groups
        }
        let rows = try rows(in: context.store, index: index, period: period, sides: sides, operating: operating)
        return CommandResult(table: ResultTable(columns: columns, rows: rows.map(\.cells)))
    }

    /// One rivalry, seen from one side.
    struct Row {
        let group: EntityRef
        let rival: EntityRef
        let edge: Edge

        var cells: [Value] {
            [
                .entity(group), .string(group.label), .entity(rival), .string(rival.label),
                edge.properties["intensity"] ?? .null, .day(edge.validFrom), .day(edge.validTo),
            ]
        }

        static func precedes(_ a: Row, _ b: Row) -> Bool {
            if a.group.id != b.group.id { return Order.refs(a.group, b.group) }
            if a.rival.id != b.rival.id { return Order.refs(a.rival, b.rival) }
            if a.edge.validFrom != b.edge.validFrom { return Order.date(a.edge.validFrom, b.edge.validFrom) }
            return a.edge.id < b.edge.id
        }
    }

    /// Rivalries in the documented order, oriented so that `group` is one of `sides` (as stored
    /// when `sides` is `nil` or holds both ends); with `operating`, only those whose both ends are in it.
    static func rows(
        in store: any GraphStoreAccess, index: GangIndex, period: Period, sides: Set<EntityID>?,
        operating: Set<EntityID>?, only: EdgeID? = nil
    ) throws(NexoError) -> [Row] {
        var rows: [Row] = []
        for edge in try Territory.rivalries(of: sides ?? operating ?? Set(index.groups.keys), in: store, period: period)
        where only == nil || edge.id == only {
            guard let from = index.ref(edge.from), let to = index.ref(edge.to) else { continue }
            if let operating, !operating.contains(edge.from) || !operating.contains(edge.to) { continue }
            if let sides, !sides.contains(edge.from) {
                if sides.contains(edge.to) { rows.append(Row(group: to, rival: from, edge: edge)) }
            } else {
                rows.append(Row(group: from, rival: to, edge: edge))
            }
        }
        return rows.sorted(by: Row.precedes)
    }
}
