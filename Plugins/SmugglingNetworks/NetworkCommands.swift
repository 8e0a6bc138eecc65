import NexoKit

/// `smuggling networks`: every network with its size and reach.
enum NetworkList {
    static let command = Command(spec, run: run)

    static let spec = CommandSpec(
        ["smuggling", "networks"],
        summary: "List smuggling networks with their facilitators, routes and people moved",
        discussion: """
            A network is a group of type network. facilitators counts the people with a member_of \
            edge to it, routes the routes it runs, moved the distinct people with travelled edges on \
            the legs of those routes, first_moved and last_moved the first and last day travelled. \
            Rows are ordered by network id.
            """,
        examples: ["smuggling networks", "smuggling networks | sort -moved | limit 5"])

    static let columns = [
        Column("network", .entity(kind: CoreSchema.Kind.group)), Column("founded", .date), Column("facilitators", .int),
        Column("routes", .int), Column("moved", .int), Column("first_moved", .date), Column("last_moved", .date),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        var table = ResultTable(columns: columns)
        for network in try graph.networks() {
            try context.checkCancellation()
            let facilitators = Set(try graph.memberships(of: network.id).map(\.from))
            let routes = try graph.routes(of: network.id)
            var moved = Set<EntityID>()
            var first: CivilDate?, last: CivilDate?
            for route in routes {
                for leg in try graph.legs(of: route, people: true) {
                    for edge in leg.travellers {
                        moved.insert(edge.from)
                        if let day = edge.validFrom, first.map({ day < $0 }) ?? true { first = day }
                        if let day = edge.validTo ?? edge.validFrom, last.map({ day > $0 }) ?? true { last = day }
                    }
                }
            }
            table.append([
                .entity(network.ref), .from(network.properties[CoreSchema.Group.founded]?.dateValue),
                .from(facilitators.count),
                .from(routes.count), .from(moved.count), .from(first), .from(last),
            ])
        }
        return CommandResult(table: table)
    }
}

/// `smuggling show <network>`: one network's facilitators, routes, payments and taxing gangs.
enum NetworkShow {
    static let command = Command(spec, run: run)

    static let network = OptionalArgumentKey(
        "network", .entity(kind: CoreSchema.Kind.group), "The network (id or unique name)")

    static let spec = CommandSpec(
        ["smuggling", "show"],
        summary: "Show a network: facilitators by role, routes, payment totals, gangs taxing its routes",
        discussion: """
            One row per fact, in sections, in this order: network (founded date); facilitator (one \
            per membership: role, since; by role in the order coordinator, recruiter, guide, \
            transporter, forger, collector, safe_house_keeper, other roles, then person id); route \
            (origin → destination and legs; count = people moved, amount and currency = usual price; \
            by route id); payments (one per \
            currency: count and total of the payments 'smuggling payments' lists for the network; by \
            currency); taxed_by (a gang or clique that taxes one of its routes: amount and currency \
            per person; by group id, then route id). Filter a section with '| where section == route'.
            """,
        arguments: [network],
        examples: [
            "smuggling show G-14", "smuggling show \"Red Reyes\" | where section == facilitator",
            "smuggling networks | limit 1 | smuggling show",
        ],
        input: .entities(kind: CoreSchema.Kind.group))

    static let columns = [
        Column("section", .string), Column("item", .entity(kind: nil)), Column("detail", .string),
        Column("date", .date),
        Column("count", .int), Column("amount", .double), Column("currency", .string),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let targets = context.entities(given: arguments[network], kind: CoreSchema.Kind.group)
        guard !targets.isEmpty else {
            throw NexoError(
                .usage, "which network?",
                hint: "write 'smuggling show G-1', or pipe networks in ('smuggling networks | smuggling show')")
        }
        var table = ResultTable(columns: columns)
        for target in targets {
            let network = try SmugglingInput.network(target, in: graph, label: "<network>")
            table.rows += try rows(of: network, graph: graph)
        }
        return CommandResult(table: table)
    }

    static func rows(of network: Entity, graph: SmugglingGraph) throws(NexoError) -> [[Value]] {
        var rows: [[Value]] = [
            [
                .string("network"), .entity(network.ref), .null,
                .from(network.properties[CoreSchema.Group.founded]?.dateValue), .null, .null, .null,
            ]
        ]
        let members = try graph.memberships(of: network.id).sorted {
            RowOrder.first(RowOrder.rank(ofRole: $0.role), RowOrder.rank(ofRole: $1.role)) ?? RowOrder.first(
                $0.role, $1.role)
                ?? RowOrder.first($0.from, $1.from) ?? RowOrder.first($0.validFrom, $1.validFrom) ?? false
        }
        for edge in members {
            rows.append([
                .string("facilitator"), graph.cell(edge.from), .from(edge.role), .from(edge.validFrom), .null, .null,
                .null,
            ])
        }
        let routes = try graph.routes(of: network.id)
        try graph.load(routes)
        var taxes: [Edge] = []
        for route in routes {
            let legs = try graph.legs(of: route, people: true)
            let moved = Set(legs.flatMap { $0.travellers.map(\.from) })
            let entity = try graph.entity(route)
            let origin = entity?.properties[SmugglingSchema.Route.originCountry]?.stringValue ?? "?"
            let destination = entity?.properties[SmugglingSchema.Route.destinationCountry]?.stringValue ?? "?"
            rows.append([
                .string("route"), graph.cell(route),
                .string("\(origin) → \(destination), \(legs.count) leg\(legs.count == 1 ? "" : "s")"),
                .null, .from(moved.count), .from(entity?.properties[SmugglingSchema.Route.price]?.doubleValue),
                .from(entity?.properties[SmugglingSchema.Route.currency]?.stringValue),
            ])
            taxes += try graph.edges(route, .incoming, [SmugglingSchema.taxes])
        }
        let payments = try PaymentReader.payments(of: network, graph: graph, between: nil)
        for total in PaymentReader.totals(payments) {
            rows.append([
                .string("payments"), .null, .string("\(total.count) payment\(total.count == 1 ? "" : "s")"), .null,
                .from(total.count), .double(total.amount), .string(total.currency),
            ])
        }
        try graph.load(taxes.map(\.from))
        taxes.sort {
            RowOrder.first($0.from, $1.from) ?? RowOrder.first($0.to, $1.to) ?? RowOrder.first($0.id, $1.id) ?? false
        }
        for edge in taxes {
            rows.append([
                .string("taxed_by"), graph.cell(edge.from), .string("\(edge.to) \(graph.ref(edge.to).label)"),
                .from(edge.validFrom),
                .null, .from(edge.properties[SmugglingSchema.Taxes.amount]?.doubleValue),
                .from(edge.properties[SmugglingSchema.Taxes.currency]?.stringValue),
            ])
        }
        return rows
    }
}

/// `smuggling network add <name>`: records a network.
enum NetworkAdd {
    static let command = Command(spec, run: run)

    static let name = ArgumentKey("name", .string, "The name investigators use for the network")
    static let founded = OptionKey("founded", .date, "When it started operating")
    static let alias = RepeatableOptionKey("alias", .string, "Another name it is known by")

    static let spec = CommandSpec(
        ["smuggling", "network", "add"],
        summary: "Record a smuggling network (a group of type network)",
        discussion:
            "Refuses a name another network already has (case and accents do not matter). Needs a source:"
            + " --source S-n, or --reported-by TEXT --grading B2.",
        arguments: [name],
        options: [founded, alias] + SourceOptions.options,
        examples: ["smuggling network add \"Red del Norte\" --founded 2019-03-01 --source S-1"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let name = try SmugglingInput.name(try arguments[Self.name], argument: "<name>")
        if let same = try graph.networks().first(where: { NameFolding.fold($0.label) == NameFolding.fold(name) }) {
            throw NexoError(
                .conflict, "network '\(name)' exists already as \(same.id)",
                hint: "refer to it as \(same.id), or give the new network a distinct name")
        }
        let aliases = arguments[alias]
        let source = try SourceOptions.source(from: arguments, context: context)
        var properties: [String: Value] = [CoreSchema.Group.type: .string(SmugglingSchema.networkType)]
        if let founded = arguments[Self.founded] { properties[CoreSchema.Group.founded] = .date(founded) }
        let network = try context.store.addEntity(
            EntityDraft(kind: CoreSchema.Kind.group, label: name, properties: properties), source: source.id)
        for alias in aliases { try context.store.addAlias(alias, to: network.id) }
        return CommandResult(table: WriteRows.entities([network.ref]), message: "added network \(network.id)")
    }
}
