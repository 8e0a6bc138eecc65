import NexoKit

/// `smuggling route add <name> --network N [--price P --currency C] [--origin CC] [--destination CC]`.
enum RouteAdd {
    static let command = Command(spec, run: run)

    static let name = ArgumentKey("name", .string, "The name investigators use for the route")
    static let network = OptionKey("network", .entity(kind: CoreSchema.Kind.group), "The network that runs it")
    static let price = OptionKey("price", .double, "Usual price per person")
    static let currency = OptionKey("currency", .string, "ISO 4217 code of the price (USD…)")
    static let origin = OptionKey("origin", .string, "ISO 3166 alpha-2 code of the country it starts in")
    static let destination = OptionKey("destination", .string, "ISO 3166 alpha-2 code of the country it ends in")
    static let since = OptionKey("since", .date, "Since when the network runs it")

    static let spec = CommandSpec(
        ["smuggling", "route", "add"],
        summary: "Record a route a network runs",
        discussion: """
            Creates the route and a runs edge from the network (valid from --since). Add its legs \
            with 'smuggling leg add'. Refuses a name another route already has (case does not \
            matter), a price without a currency and a currency without a price. Needs a source: \
            --source S-n, or --reported-by TEXT --grading B2.
            """,
        arguments: [name],
        options: [network, price, currency, origin, destination, since] + SourceOptions.options,
        examples: [
            "smuggling route add \"Ruta del Pacífico\" --network G-14 --price 6000 --currency USD --origin SV"
                + " --destination US --source S-1"
        ],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let name = try SmugglingInput.name(try arguments[Self.name], argument: "<name>")
        guard let networkRef = arguments[Self.network] else {
            throw NexoError(
                .usage, "missing --network",
                hint: "say which network runs the route: --network G-1 (see 'smuggling networks')")
        }
        let network = try SmugglingInput.network(networkRef, in: graph, label: "--network")
        var properties: [String: Value] = [:]
        switch (arguments[price], arguments[currency]) {
        case (let price?, let currency?):
            properties[SmugglingSchema.Route.price] = .double(try SmugglingInput.amount(price, option: "--price"))
            properties[SmugglingSchema.Route.currency] = .string(try SmugglingInput.currency(currency))
        case (.some, nil):
            throw NexoError(
                .usage, "--price needs --currency", hint: "add --currency USD (the ISO 4217 code of the price)")
        case (nil, .some):
            throw NexoError(.usage, "--currency needs --price", hint: "add --price 6000, or leave out --currency")
        case (nil, nil): break
        }
        if let origin = arguments[Self.origin] {
            properties[SmugglingSchema.Route.originCountry] = .string(
                try SmugglingInput.country(origin, option: "--origin"))
        }
        if let destination = arguments[Self.destination] {
            properties[SmugglingSchema.Route.destinationCountry] = .string(
                try SmugglingInput.country(destination, option: "--destination"))
        }
        if let same = try graph.allRoutes().first(where: { NameFolding.fold($0.label) == NameFolding.fold(name) }) {
            throw NexoError(
                .conflict, "route '\(name)' exists already as \(same.id)",
                hint: "refer to it as \(same.id), or give the new route a distinct name")
        }
        let source = try SourceOptions.source(from: arguments, context: context)
        properties[SmugglingSchema.Route.name] = .string(name)
        let route = try context.store.addEntity(
            EntityDraft(kind: SmugglingSchema.route, label: name, properties: properties), source: source.id)
        try context.store.addEdge(
            EdgeDraft(kind: SmugglingSchema.runs, from: network.id, to: route.id, validFrom: arguments[since]),
            source: source.id)
        return CommandResult(
            table: WriteRows.entities([route.ref]), message: "added route \(route.id) run by \(network.id)")
    }
}

/// `smuggling leg add <route> <from-place> <to-place> [--mode M] [--days N]`.
enum LegAdd {
    static let command = Command(spec, run: run)

    static let route = ArgumentKey("route", .entity(kind: SmugglingSchema.route), "The route")
    static let fromPlace = ArgumentKey("from-place", .entity(kind: CoreSchema.Kind.place), "Where the leg starts")
    static let toPlace = ArgumentKey("to-place", .entity(kind: CoreSchema.Kind.place), "Where it ends")
    static let mode = OptionKey("mode", .oneOf(SmugglingSchema.modes), "How it is travelled")
    static let days = OptionKey("days", .int, "Usual duration in days (1 or more)")

    static let spec = CommandSpec(
        ["smuggling", "leg", "add"],
        summary: "Add the next leg to a route, from one place to another",
        discussion: """
            The leg gets the next sequence number on the route and departs_from / arrives_at edges \
            to the two places (border posts, towns, safe houses). When the route's last leg arrives \
            somewhere else than this leg departs from, the leg is added and a note says so. Needs a \
            source: --source S-n, or --reported-by TEXT --grading B2.
            """,
        arguments: [route, fromPlace, toPlace],
        options: [mode, days] + SourceOptions.options,
        examples: ["smuggling leg add RT-1 \"El Amatillo\" \"San Miguel\" --mode bus --days 2 --source S-1"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let route = try arguments[Self.route]
        let from = try arguments[fromPlace], to = try arguments[toPlace]
        guard from.id != to.id else {
            throw NexoError(
                .usage, "<from-place> and <to-place> are both \(from.id)", hint: "a leg goes from one place to another")
        }
        var properties: [String: Value] = [:]
        if let days = arguments[Self.days] {
            guard days >= 1 else {
                throw NexoError(
                    .usage, "--days \(days) is not a duration", hint: "give 1 or more days, or leave --days out")
            }
            properties[SmugglingSchema.Leg.days] = .int(days)
        }
        if let mode = arguments[Self.mode] { properties[SmugglingSchema.Leg.mode] = .string(mode) }
        let legs = try graph.legs(of: route.id)
        let sequence = (legs.map(\.sequence).max() ?? 0) + 1
        properties[SmugglingSchema.Leg.sequence] = .int(Int64(sequence))
        let source = try SourceOptions.source(from: arguments, context: context)
        let leg = try context.store.addEntity(
            EntityDraft(
                kind: SmugglingSchema.leg, label: "\(from.label) → \(to.label) (\(route.id))",
                properties: properties), source: source.id)
        for (kind, target) in [
            (SmugglingSchema.legOf, route.id), (SmugglingSchema.departsFrom, from.id),
            (SmugglingSchema.arrivesAt, to.id),
        ] {
            try context.store.addEdge(EdgeDraft(kind: kind, from: leg.id, to: target), source: source.id)
        }
        if let previous = legs.last?.to, previous != from.id {
            context.output.note(
                "note: leg \(sequence - 1) of \(route.id) arrives at \(previous), this leg departs from \(from.id)")
        }
        return CommandResult(
            table: WriteRows.entities([leg.ref]), message: "added \(leg.id) as leg \(sequence) of \(route.id)")
    }
}

/// `smuggling operate <operator> <leg> --role R [--from DATE] [--until DATE]`.
enum LegOperate {
    static let command = Command(spec, run: run)

    static let operatorEntity = ArgumentKey(
        "operator", .entity(kind: nil), "The guide or driver (a person) or the vehicle")
    static let leg = ArgumentKey(
        "leg", .entity(kind: SmugglingSchema.leg), "The leg (LEG-n; see 'smuggling route RT-n')")
    static let role = OptionKey(
        "role", .oneOf(SmugglingSchema.roles), "What they did on the leg (guide, transporter…)")
    static let from = OptionKey("from", .date, "First day they did it")
    static let until = OptionKey("until", .date, "Last day they did it")

    static let spec = CommandSpec(
        ["smuggling", "operate"],
        summary: "Record that a person or vehicle guided or drove a leg",
        discussion:
            "Adds an operated edge with the role, valid from --from to --until. Needs a source: --source S-n, or"
            + " --reported-by TEXT --grading B2.",
        arguments: [operatorEntity, leg],
        options: [role, from, until] + SourceOptions.options,
        examples: ["smuggling operate P-4 LEG-2 --role guide --from 2024-03-01 --source S-1"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let operatorRef = try arguments[operatorEntity]
        guard operatorRef.kind == CoreSchema.Kind.person || operatorRef.kind == CoreSchema.Kind.vehicle else {
            throw NexoError(
                .usage, "<operator> \(operatorRef.id) is a \(operatorRef.kind), not a person or vehicle",
                hint: "give the guide or driver (P-…) or the vehicle (V-…)")
        }
        let leg = try arguments[Self.leg]
        let role = try SmugglingInput.required(Self.role, in: arguments, example: "guide")
        let period = try Dates.period(arguments[from], arguments[until])
        let source = try SourceOptions.source(from: arguments, context: context)
        let edge = try context.store.addEdge(
            EdgeDraft(
                kind: SmugglingSchema.operated, from: operatorRef.id, to: leg.id,
                properties: [SmugglingSchema.Operated.role: .string(role)], validFrom: period.lower,
                validTo: period.upper),
            source: source.id)
        try graph.load([operatorRef.id, leg.id])
        return CommandResult(
            table: WriteRows.edges([edge], graph: graph), message: "\(operatorRef.id) operated \(leg.id) as \(role)")
    }
}

/// `smuggling tax <gang|clique> <route> --amount A --currency C [--since DATE]`.
enum RouteTax {
    static let command = Command(spec, run: run)

    static let group = ArgumentKey("group", .entity(kind: CoreSchema.Kind.group), "The gang or clique")
    static let route = ArgumentKey("route", .entity(kind: SmugglingSchema.route), "The route it taxes")
    static let amount = OptionKey("amount", .double, "Charge per person moved")
    static let currency = OptionKey("currency", .string, "ISO 4217 code (USD…)")
    static let since = OptionKey("since", .date, "Since when it charges")

    static let spec = CommandSpec(
        ["smuggling", "tax"],
        summary: "Record that a gang or clique charges for passage on a route",
        discussion: """
            Adds a taxes edge from the gang or clique to the route with the charge per person moved. \
            Refuses groups that are not of type gang or clique, and a charge already recorded. Needs \
            a source: --source S-n, or --reported-by TEXT --grading B2.
            """,
        arguments: [group, route],
        options: [amount, currency, since] + SourceOptions.options,
        examples: ["smuggling tax G-4 RT-1 --amount 100 --currency USD --since 2023-01-01 --source S-1"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let group = try SmugglingInput.gangOrClique(try arguments[Self.group], in: graph)
        let route = try arguments[Self.route]
        let amount = try SmugglingInput.amount(
            try SmugglingInput.required(Self.amount, in: arguments, example: "100"), option: "--amount")
        let currency = try SmugglingInput.currency(
            try SmugglingInput.required(Self.currency, in: arguments, example: "USD"))
        let since = arguments[Self.since]
        let existing = try graph.edges(group.id, .outgoing, [SmugglingSchema.taxes]).first {
            $0.to == route.id && $0.properties[SmugglingSchema.Taxes.amount]?.doubleValue == amount
                && $0.properties[SmugglingSchema.Taxes.currency]?.stringValue == currency
                && $0.validFrom == since
        }
        if let existing {
            throw NexoError(
                .conflict, "\(group.id) already taxes \(route.id) \(Value.format(amount)) \(currency) (\(existing.id))",
                hint: "record a changed charge with a different --amount or --since")
        }
        let source = try SourceOptions.source(from: arguments, context: context)
        let edge = try context.store.addEdge(
            EdgeDraft(
                kind: SmugglingSchema.taxes, from: group.id, to: route.id,
                properties: [
                    SmugglingSchema.Taxes.amount: .double(amount), SmugglingSchema.Taxes.currency: .string(currency),
                ],
                validFrom: since), source: source.id)
        try graph.load([route.id])
        return CommandResult(
            table: WriteRows.edges([edge], graph: graph),
            message: "\(group.id) taxes \(route.id) \(Value.format(amount)) \(currency) per person")
    }
}

/// Date checks shared by the writing commands.
enum Dates {
    /// The period from `lower` to `upper`, either open, or an error when it ends before it starts.
    static func period(_ lower: CivilDate?, _ upper: CivilDate?, options: (String, String) = ("--from", "--until"))
        throws(NexoError) -> (lower: CivilDate?, upper: CivilDate?)
    {
        if let lower, let upper, upper < lower {
            throw NexoError(
                .usage, "\(options.1) \(upper) is before \(options.0) \(lower)",
                hint: "give the first day with \(options.0) and the last with \(options.1)")
        }
        return (lower, upper)
    }
}
