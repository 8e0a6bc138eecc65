import NexoKit

/// `smuggling routes [--through PLACE] [--network N]`: routes with their endpoints and traffic.
enum RouteList {
    static let command = Command(spec, run: run)

    static let through = OptionKey(
        "through", .entity(kind: CoreSchema.Kind.place), "Only routes with a leg endpoint at or inside this place")
    static let network = OptionKey("network", .entity(kind: CoreSchema.Kind.group), "Only routes this network runs")

    static let spec = CommandSpec(
        ["smuggling", "routes"],
        summary: "List routes, all or those through a place or run by a network",
        discussion: """
            One row per route and network running it (network empty when none is known), ordered by \
            route id, then network id. start and end are the first leg's departure and the last leg's \
            arrival; moved counts the distinct people with travelled edges on its legs. --through \
            keeps routes with a leg starting or ending at the place or at a place inside it \
            (located_in, at any depth: a department finds the border posts and towns in it). Piped \
            networks act as --network, piped places as --through.
            """,
        options: [through, network],
        examples: [
            "smuggling routes", "smuggling routes --through \"El Amatillo\"", "smuggling routes --network G-14",
            "smuggling networks | smuggling routes",
        ],
        input: .entities(kind: nil))

    static let columns = [
        Column("route", .entity(kind: SmugglingSchema.route)), Column("network", .entity(kind: CoreSchema.Kind.group)),
        Column("origin", .string), Column("destination", .string), Column("legs", .int),
        Column("start", .entity(kind: CoreSchema.Kind.place)), Column("end", .entity(kind: CoreSchema.Kind.place)),
        Column("price", .double),
        Column("currency", .string), Column("moved", .int),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let networks = context.entities(given: arguments[network], kind: CoreSchema.Kind.group)
        let places = context.entities(given: arguments[through], kind: CoreSchema.Kind.place)
        var routeIDs: [EntityID]
        if networks.isEmpty {
            routeIDs = try graph.allRoutes().map(\.id)
        } else {
            var ids = Set<EntityID>()
            for ref in networks {
                ids.formUnion(try graph.routes(of: try SmugglingInput.network(ref, in: graph, label: "--network").id))
            }
            routeIDs = ids.sorted()
            try graph.load(routeIDs)
        }
        var table = ResultTable(columns: columns)
        for id in routeIDs {
            try context.checkCancellation()
            guard let route = try graph.entity(id), route.kind == SmugglingSchema.route else { continue }
            let legs = try graph.legs(of: id, people: true)
            if !places.isEmpty {
                var passes = false
                for endpoint in legs.flatMap({ [$0.from, $0.to].compactMap { $0 } }) where !passes {
                    for place in places where try graph.place(endpoint, isIn: place.id) { passes = true }
                }
                guard passes else { continue }
            }
            var runners = try graph.runners(of: id).map(Optional.some)
            if !networks.isEmpty { runners = runners.filter { runner in networks.contains { $0.id == runner } } }
            try graph.load(runners.compactMap { $0 })
            let moved = Set(legs.flatMap { $0.travellers.map(\.from) }).count
            for runner in runners.isEmpty ? [nil] : runners {
                table.append([
                    .entity(route.ref), graph.cell(runner),
                    .from(route.properties[SmugglingSchema.Route.originCountry]?.stringValue),
                    .from(route.properties[SmugglingSchema.Route.destinationCountry]?.stringValue), .from(legs.count),
                    graph.cell(legs.first?.from), graph.cell(legs.last?.to),
                    .from(route.properties[SmugglingSchema.Route.price]?.doubleValue),
                    .from(route.properties[SmugglingSchema.Route.currency]?.stringValue), .from(moved),
                ])
            }
        }
        return CommandResult(table: table)
    }
}

/// `smuggling route <route> [--timeline] [--during RANGE]`: a route leg by leg, or day by day.
enum RouteShow {
    static let command = Command(spec, run: run)

    static let route = OptionalArgumentKey(
        "route", .entity(kind: SmugglingSchema.route), "The route (id or unique name)")
    static let timeline = FlagKey(
        "timeline", "Dated rows: who travelled each leg on which days, with guides and safe houses")
    static let during = OptionKey("during", .dateRange, "Only travel and operators in this period")

    static let spec = CommandSpec(
        ["smuggling", "route"],
        summary: "Show a route's legs in order, or with --timeline who moved along it when",
        discussion: """
            Without --timeline: one row per leg in travel order (sequence, then leg id) with its \
            departure and arrival, mode, usual days, operators (guides, drivers, vehicles with their \
            role, by role then id), the safe house it leads to (its arrival, else its departure, when \
            that is a place of type safe_house) with its keeper (the first owner by id), and the number \
            of people moved on it. With --timeline: one row per leg and day range that people \
            travelled it (their travelled edges' valid period), with the people (count and ids), the \
            operators whose operated period overlaps those days, and the safe house; ordered by first \
            day, then sequence, then last day. --during keeps travel and operators in the period.
            """,
        arguments: [route],
        options: [timeline, during],
        examples: [
            "smuggling route RT-1", "smuggling route RT-1 --timeline --during 2024-03",
            "smuggling routes --network G-14 | smuggling route --timeline",
        ],
        input: .entities(kind: SmugglingSchema.route))

    static let legColumns = [
        Column("route", .entity(kind: SmugglingSchema.route)), Column("sequence", .int),
        Column("leg", .entity(kind: SmugglingSchema.leg)),
        Column("from", .entity(kind: CoreSchema.Kind.place)), Column("to", .entity(kind: CoreSchema.Kind.place)),
        Column("mode", .string), Column("days", .int), Column("operators", .string),
        Column("safe_house", .entity(kind: CoreSchema.Kind.place)),
        Column("keeper", .entity(kind: CoreSchema.Kind.person)),
        Column("moved", .int),
    ]

    static let timelineColumns = [
        Column("start", .date), Column("end", .date), Column("route", .entity(kind: SmugglingSchema.route)),
        Column("sequence", .int),
        Column("leg", .entity(kind: SmugglingSchema.leg)), Column("from", .entity(kind: CoreSchema.Kind.place)),
        Column("to", .entity(kind: CoreSchema.Kind.place)),
        Column("people", .int), Column("persons", .string), Column("operators", .string),
        Column("safe_house", .entity(kind: CoreSchema.Kind.place)),
        Column("keeper", .entity(kind: CoreSchema.Kind.person)),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let routes = context.entities(given: arguments[route], kind: SmugglingSchema.route)
        guard !routes.isEmpty else {
            throw NexoError(
                .usage, "which route?",
                hint: "write 'smuggling route RT-1', or pipe routes in ('smuggling routes | smuggling route')")
        }
        let timeline = arguments[Self.timeline]
        var table = ResultTable(columns: timeline ? timelineColumns : legColumns)
        for route in routes {
            try context.checkCancellation()
            let legs = try graph.legs(of: route.id, people: true, during: arguments[during])
            let keepers = try graph.keepers(of: legs.flatMap { [$0.from, $0.to].compactMap { $0 } })
            func safeHouse(_ leg: Leg) -> (Value, Value) {
                guard let house = [leg.to, leg.from].compactMap({ $0 }).first(where: { keepers[$0] != nil }) else {
                    return (.null, .null)
                }
                return (graph.cell(house), graph.cell(keepers[house]?.first))
            }
            if timeline {
                table.rows += timelineRows(route, legs, graph: graph, safeHouse: safeHouse)
                continue
            }
            for leg in legs {
                let (house, keeper) = safeHouse(leg)
                table.append([
                    .entity(route), .from(leg.sequence), .entity(leg.entity.ref), graph.cell(leg.from),
                    graph.cell(leg.to),
                    .from(leg.mode), .from(leg.days), .string(operators(leg.operators, graph: graph)), house, keeper,
                    .from(Set(leg.travellers.map(\.from)).count),
                ])
            }
        }
        return CommandResult(table: table)
    }

    private static func timelineRows(
        _ route: EntityRef, _ legs: [Leg], graph: SmugglingGraph,
        safeHouse: (Leg) -> (Value, Value)
    ) -> [[Value]] {
        struct Group: Hashable { var leg: Int; var start: CivilDate?; var end: CivilDate? }
        var people: [Group: [EntityID]] = [:]
        for (index, leg) in legs.enumerated() {
            for edge in leg.travellers {
                people[Group(leg: index, start: edge.validFrom, end: edge.validTo ?? edge.validFrom), default: []]
                    .append(edge.from)
            }
        }
        let groups = people.keys.sorted {
            RowOrder.first($0.start, $1.start) ?? RowOrder.first(legs[$0.leg].sequence, legs[$1.leg].sequence)
                ?? RowOrder.first($0.end, $1.end) ?? RowOrder.first($0.leg, $1.leg) ?? false
        }
        return groups.map { group in
            let leg = legs[group.leg]
            let persons = SmugglingGraph.sortedUnique(people[group]!)
            let active = leg.operators.filter { edge in
                DateRange(lower: group.start, upper: group.end)?.overlaps(from: edge.validFrom, to: edge.validTo)
                    ?? true
            }
            let (house, keeper) = safeHouse(leg)
            return [
                .from(group.start), .from(group.end), .entity(route), .from(leg.sequence), .entity(leg.entity.ref),
                graph.cell(leg.from), graph.cell(leg.to), .from(persons.count),
                .string(persons.map(\.rawValue).joined(separator: ", ")), .string(operators(active, graph: graph)),
                house, keeper,
            ]
        }
    }

    /// `P-7 Pedro Gómez (guide), V-2 Toyota Hiace (transporter)`: distinct operators by role, then id.
    static func operators(_ edges: [Edge], graph: SmugglingGraph) -> String {
        struct Operator: Hashable { var id: EntityID; var role: String? }
        let distinct = Set(edges.map { Operator(id: $0.from, role: $0.role) }).sorted {
            RowOrder.first(RowOrder.rank(ofRole: $0.role), RowOrder.rank(ofRole: $1.role)) ?? RowOrder.first(
                $0.role, $1.role)
                ?? RowOrder.first($0.id, $1.id) ?? false
        }
        return distinct.map { "\($0.id) \(graph.ref($0.id).label)\($0.role.map { " (\($0))" } ?? "")" }.joined(
            separator: ", ")
    }
}
