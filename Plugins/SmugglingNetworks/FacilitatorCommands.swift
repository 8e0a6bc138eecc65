import NexoKit

/// `smuggling facilitators [--role R] [--since DATE] [--active-on DATE] [--network N] [--route RT]`.
enum FacilitatorList {
    static let command = Command(spec, run: run)

    static let role = OptionKey("role", .oneOf(SmugglingSchema.roles), "Only this role")
    static let since = OptionKey("since", .date, "Only those who started on or after this day")
    static let activeOn = OptionKey("active-on", .date, "Only those active on this day")
    static let network = OptionKey("network", .entity(kind: CoreSchema.Kind.group), "Only this network's facilitators")
    static let route = OptionKey(
        "route", .entity(kind: SmugglingSchema.route), "Only facilitators linked to this route")

    static let spec = CommandSpec(
        ["smuggling", "facilitators"],
        summary: "List facilitators with their role and gang links, by network or route",
        discussion: """
            A facilitator is a person with a member_of edge to a network (via member). With --route, \
            also the people who operated one of its legs (via operated LEG-n) and the keepers of its \
            safe houses (via owns PL-n, role safe_house_keeper), and the members of the networks that \
            run it. Each row carries one gang link of the person: a clique they belong to and that \
            clique's gang, or a gang they belong to directly; a person with several links has several \
            rows, one without any has empty clique and gang. So '… | where clique == "X"' lists who \
            links clique X to the networks or route. --since keeps rows that started on or after the \
            day; --active-on those valid on the day. Piped networks act as --network, piped routes as \
            --route. Rows are ordered by network id (empty first), role (coordinator, recruiter, guide, \
            transporter, forger, collector, safe_house_keeper, others), person id, since, clique id, \
            gang id.
            """,
        options: [role, since, activeOn, network, route],
        examples: [
            "smuggling facilitators --network G-14 --role guide",
            "smuggling facilitators --route RT-1 | where clique == \"Sonsonate Locos\"",
            "smuggling routes --through \"El Amatillo\" | smuggling facilitators --since 2024-01-01",
        ],
        input: .entities(kind: nil))

    static let columns = [
        Column("network", .entity(kind: CoreSchema.Kind.group)),
        Column("person", .entity(kind: CoreSchema.Kind.person)),
        Column("role", .string), Column("since", .date), Column("until", .date), Column("via", .string),
        Column("clique", .entity(kind: CoreSchema.Kind.group)), Column("gang", .entity(kind: CoreSchema.Kind.group)),
    ]

    /// One facilitator link before gang links are added.
    struct Link {
        var network: EntityID?
        var person: EntityID
        var role: String?
        var since: CivilDate?
        var until: CivilDate?
        var via: String
    }

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let networkRefs = context.entities(given: arguments[network], kind: CoreSchema.Kind.group)
        let routeRefs = context.entities(given: arguments[route], kind: SmugglingSchema.route)
        var links: [Link] = []
        var networks: [EntityID] = []
        for ref in networkRefs { networks.append(try SmugglingInput.network(ref, in: graph, label: "--network").id) }
        if networkRefs.isEmpty && routeRefs.isEmpty { networks = try graph.networks().map(\.id) }
        if !routeRefs.isEmpty {
            var runners = Set<EntityID>()
            for route in routeRefs {
                try context.checkCancellation()
                let found = try graph.runners(of: route.id)
                runners.formUnion(networkRefs.isEmpty ? found : found.filter(networks.contains))
                links += try routeLinks(route.id, graph: graph)
            }
            networks = runners.sorted()
            try graph.load(networks)
            networks = networks.filter { graph.type(of: $0) == SmugglingSchema.networkType }
        }
        for network in networks {
            for edge in try graph.memberships(of: network) {
                links.append(
                    Link(
                        network: network, person: edge.from, role: edge.role, since: edge.validFrom,
                        until: edge.validTo, via: "member"))
            }
        }
        let role = arguments[Self.role], since = arguments[Self.since]
        let activeOn = arguments[Self.activeOn].flatMap { DateRange(lower: $0, upper: $0) }
        links = links.filter { link in
            if let role, link.role != role { return false }
            if let since, !(link.since.map { $0 >= since } ?? false) { return false }
            if let activeOn, !activeOn.overlaps(from: link.since, to: link.until) { return false }
            return true
        }
        try graph.load(links.map(\.person))
        var rows: [(Link, GangLink)] = []
        var gangLinks: [EntityID: [GangLink]] = [:]
        for link in links {
            try context.checkCancellation()
            let found = try gangLinks[link.person] ?? graph.gangLinks(of: link.person)
            gangLinks[link.person] = found
            for gang in found.isEmpty ? [GangLink(clique: nil, gang: nil)] : found { rows.append((link, gang)) }
        }
        rows.sort { a, b in
            RowOrder.first(a.0.network, b.0.network) ?? RowOrder.first(
                RowOrder.rank(ofRole: a.0.role), RowOrder.rank(ofRole: b.0.role))
                ?? RowOrder.first(a.0.role, b.0.role) ?? RowOrder.first(a.0.person, b.0.person) ?? RowOrder.first(
                    a.0.since, b.0.since)
                ?? RowOrder.first(a.1.clique, b.1.clique) ?? RowOrder.first(a.1.gang, b.1.gang) ?? RowOrder.first(
                    a.0.via, b.0.via) ?? false
        }
        var table = ResultTable(columns: columns)
        var seen = Set<[Value]>()
        for (link, gang) in rows {
            let row: [Value] = [
                graph.cell(link.network), graph.cell(link.person), .from(link.role), .from(link.since),
                .from(link.until),
                .string(link.via), graph.cell(gang.clique), graph.cell(gang.gang),
            ]
            if seen.insert(row).inserted { table.append(row) }
        }
        return CommandResult(table: table)
    }

    /// People linked to a route other than by membership: operators of its legs, keepers of its safe houses.
    private static func routeLinks(_ route: EntityID, graph: SmugglingGraph) throws(NexoError) -> [Link] {
        let legs = try graph.legs(of: route, people: true)
        var links: [Link] = []
        for leg in legs {
            for edge in leg.operators where graph.ref(edge.from).kind == CoreSchema.Kind.person {
                links.append(
                    Link(
                        network: nil, person: edge.from, role: edge.role, since: edge.validFrom, until: edge.validTo,
                        via: "operated \(leg.entity.id)"))
            }
        }
        for (house, keepers) in try graph.keepers(of: legs.flatMap { [$0.from, $0.to].compactMap { $0 } }) {
            for keeper in keepers where graph.ref(keeper).kind == CoreSchema.Kind.person {
                links.append(
                    Link(
                        network: nil, person: keeper, role: "safe_house_keeper", since: nil, until: nil,
                        via: "owns \(house)"))
            }
        }
        return links
    }
}

/// `smuggling facilitator add <person> <network> --role R [--since DATE] [--until DATE]`.
enum FacilitatorAdd {
    static let command = Command(spec, run: run)

    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "The facilitator")
    static let network = ArgumentKey("network", .entity(kind: CoreSchema.Kind.group), "The network they work for")
    static let role = OptionKey("role", .oneOf(SmugglingSchema.roles), "Their role")
    static let since = OptionKey("since", .date, "First day known in the role")
    static let until = OptionKey("until", .date, "Last day known in the role")

    static let spec = CommandSpec(
        ["smuggling", "facilitator", "add"],
        summary: "Record that a person works for a network in a role",
        discussion: """
            Adds a member_of edge from the person to the network with the role, valid from --since \
            to --until. Refuses a group that is not a network, and the same person, network and role \
            already recorded as active then. Needs a source: --source S-n, or --reported-by TEXT \
            --grading B2.
            """,
        arguments: [person, network],
        options: [role, since, until] + SourceOptions.options,
        examples: [
            "smuggling facilitator add P-4 G-14 --role guide --since 2023-06-01 --source S-1",
            "smuggling facilitator add \"José Guadalupe Gómez Reyes\" \"Red Reyes\" --role collector "
                + "--reported-by \"PNC DAN\" --grading B2",
        ],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let person = try arguments[Self.person]
        let network = try SmugglingInput.network(try arguments[Self.network], in: graph, label: "<network>")
        let role = try SmugglingInput.required(
            Self.role, in: arguments, example: "guide (one of \(SmugglingSchema.roles.joined(separator: ", ")))")
        let period = try Dates.period(arguments[since], arguments[until], options: ("--since", "--until"))
        let clash = try graph.edges(person.id, .outgoing, [CoreSchema.Edge.memberOf]).first {
            $0.to == network.id && $0.role == role
                && (DateRange(lower: $0.validFrom, upper: $0.validTo)?.overlaps(from: period.lower, to: period.upper)
                    ?? true)
        }
        if let clash {
            throw NexoError(
                .conflict,
                "\(person.id) is already recorded as \(role) of \(network.id)"
                    + " (\(clash.id), since \(clash.validFrom?.description ?? "an unknown day"))",
                hint: "give --until for the earlier period first, or record another role")
        }
        let source = try SourceOptions.source(from: arguments, context: context)
        let edge = try context.store.addEdge(
            EdgeDraft(
                kind: CoreSchema.Edge.memberOf, from: person.id, to: network.id,
                properties: [CoreSchema.MemberOf.role: .string(role)],
                validFrom: period.lower, validTo: period.upper), source: source.id)
        try graph.load([person.id])
        return CommandResult(
            table: WriteRows.edges([edge], graph: graph),
            message: "\(person.id) is \(role) of \(network.id) (\(edge.id))")
    }
}
