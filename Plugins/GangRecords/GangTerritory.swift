import NexoKit

/// `gang territory <place> [--overlaps] [--active-on DATE] [--all]`: who operates in a place and the
/// places inside it, where gangs overlap and which of them are rivals.
enum GangTerritory {
    static let command = Command(spec, run: run)

    static let place = ArgumentKey(
        "place", .entity(kind: CoreSchema.Kind.place), "A colonia, municipality or department")
    static let overlaps = FlagKey("overlaps", "Only places where more than one gang operates")

    static let spec = CommandSpec(
        ["gang", "territory"],
        summary: "Show which gangs and cliques operate in a place and the places inside it",
        discussion: """
            One row per operates_in edge ending at the place or at a place inside it (located_in, any \
            depth). gangs_here counts the gangs operating at that same place; rivals_here names the \
            gangs there that are rivals of the row's gang or clique, with the state of the rivalry. \
            --overlaps keeps only places held by more than one gang. By default only current \
            territory (no end date); --active-on and --all as for 'gang members'. See 'gang rivals --in' \
            for the rivalries among everyone operating in the place. Rows are ordered by place name, \
            place id, group name, group id, edge id.
            """,
        arguments: [place],
        options: [overlaps] + Period.options,
        examples: ["gang territory Sonsonate", "gang territory PL-3 --overlaps", "gang territory Sonsonate --all"])

    static let columns = [
        Column("place", .entity(kind: CoreSchema.Kind.place)), Column("name", .string), Column("type", .string),
        Column("group", .entity(kind: CoreSchema.Kind.group)), Column("group_name", .string),
        Column("gang", .entity(kind: CoreSchema.Kind.group)),
        Column("control", .string), Column("since", .date), Column("until", .date),
        Column("gangs_here", .int), Column("rivals_here", .string),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let period = try Period.from(arguments)
        let place = try Territory.place(try arguments[Self.place], in: context.store)
        var rows = try rows(in: place.id, period: period, store: context.store)
        if arguments[overlaps] { rows = rows.filter { $0[9].intValue ?? 0 > 1 } }
        return CommandResult(table: ResultTable(columns: columns, rows: rows))
    }

    /// The rows for `root`, in the documented order; `only` keeps the row of one edge.
    static func rows(in root: EntityID, period: Period, store: any GraphStoreAccess, only: EdgeID? = nil)
        throws(NexoError) -> [[Value]]
    {
        let index = try GangIndex(store)
        let all = try Territory.holdings(of: index.groups.keys, in: store, period: period)
        let inside = try Territory.places(Set(all.map(\.to)), inside: root, in: store)
        let held = all.filter { inside.contains($0.to) }
        let places = try People.entities(held.map(\.to), in: store, kind: CoreSchema.Kind.place)
        let rivalries = Rivalries(
            try Territory.rivalries(
                of: Set(held.flatMap { [$0.from] + (index.gang(of: $0.from).map { [$0] } ?? []) }),
                in: store, period: period))
        var byPlace: [EntityID: [Edge]] = [:]
        for edge in held { byPlace[edge.to, default: []].append(edge) }

        /// `Barrio 18 Sureños (war); …`: the other gangs at the place that are rivals of the row's
        /// group or its gang (by a rivalry of either with the other group or its gang).
        func rivals(of edge: Edge) -> String? {
            let own = [edge.from] + (index.gang(of: edge.from).map { [$0] } ?? [])
            var found: [EntityID: String] = [:] // other side (its gang, or the group without one) → intensity
            for other in byPlace[edge.to] ?? [] {
                let otherGang = index.gang(of: other.from)
                if other.from == edge.from || otherGang.map(own.contains) == true { continue }
                let side = otherGang ?? other.from
                for a in own {
                    for b in [other.from] + (otherGang.map { [$0] } ?? []) {
                        guard let intensity = rivalries.intensity(a, b) else { continue }
                        if found[side].map({ Territory.severity($0) <= Territory.severity(intensity) }) != true {
                            found[side] = intensity
                        }
                    }
                }
            }
            guard !found.isEmpty else { return nil }
            return found.compactMap { side, intensity in index.ref(side).map { ($0, intensity) } }
                .sorted { Order.refs($0.0, $1.0) }
                .map { "\($0.0.label) (\($0.1))" }.joined(separator: "; ")
        }

        let gangsAt = byPlace.mapValues { edges in Set(edges.compactMap { index.gang(of: $0.from) }).count }
        let sorted = held.filter { places[$0.to] != nil }.sorted { a, b in
            let (pa, pb) = (places[a.to]!.ref, places[b.to]!.ref)
            if pa.id != pb.id { return Order.refs(pa, pb) }
            if a.from != b.from, let ga = index.ref(a.from), let gb = index.ref(b.from) { return Order.refs(ga, gb) }
            return a.id < b.id
        }
        return sorted.filter { only == nil || $0.id == only }.map { edge in
            let place = places[edge.to]!
            let group = index.groups[edge.from]!
            return [
                .entity(place.ref), .string(place.label), .text(place.type), .entity(group.ref), .string(group.label),
                .ref(index.gang(of: edge.from).flatMap(index.ref)), edge.properties["control"] ?? .null,
                .day(edge.validFrom), .day(edge.validTo), .count(gangsAt[edge.to] ?? 0), .text(rivals(of: edge)),
            ]
        }
    }
}
