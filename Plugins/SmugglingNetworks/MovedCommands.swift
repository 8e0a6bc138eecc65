import NexoKit

/// `smuggling moved <route|network> [--during RANGE]`: the people moved, with their status.
enum MovedList {
    static let command = Command(spec, run: run)

    static let subject = OptionalArgumentKey(
        "subject", .entity(kind: nil), "A route or a network (or pipe them in)")
    static let during = OptionKey("during", .dateRange, "Only travel in this period")

    static let spec = CommandSpec(
        ["smuggling", "moved"],
        summary: "List the people moved along a route or by a network, with nationality and protection status",
        discussion: """
            One row per person and route: the first and last day of their travelled edges on its legs \
            and how many legs they travelled. For a network, every route it runs. protection \
            (asylum_seeker, refugee) and fled_country are sensitive: they mark people who may be \
            entitled to international protection; share them only as your case's rules allow. \
            --during keeps travel in the period. Rows are ordered by route id, first day (undated \
            first), then person id.
            """,
        arguments: [subject],
        options: [during],
        examples: [
            "smuggling moved RT-1", "smuggling moved G-14 --during 2024 | where protection == asylum_seeker",
            "smuggling routes --network G-14 | smuggling moved",
        ],
        input: .entities(kind: nil))

    static let columns = [
        Column("route", .entity(kind: SmugglingSchema.route)), Column("person", .entity(kind: CoreSchema.Kind.person)),
        Column("nationality", .string),
        Column("protection", .string), Column("fled_country", .string), Column("start", .date), Column("end", .date),
        Column("legs", .int),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let subjectKinds = [SmugglingSchema.route, CoreSchema.Kind.group]
        if let subject = arguments[Self.subject], !subjectKinds.contains(subject.kind) {
            throw NexoError(
                .usage, "<subject> \(subject.id) is a \(subject.kind), not a route or network",
                hint: "give a route (RT-…) or a network (G-…)")
        }
        let subjects = context.entities(given: arguments[Self.subject]).filter { subjectKinds.contains($0.kind) }
        guard !subjects.isEmpty else {
            throw NexoError(
                .usage, "moved along which route or by which network?",
                hint: "write 'smuggling moved RT-1' or 'smuggling moved G-1', or pipe routes or networks in")
        }
        var routes: [EntityID] = []
        for subject in subjects {
            if subject.kind == CoreSchema.Kind.group {
                routes += try graph.routes(of: try SmugglingInput.network(subject, in: graph, label: "<subject>").id)
            } else {
                routes.append(subject.id)
            }
        }
        struct Journey {
            var route: EntityID; var person: EntityID; var start: CivilDate?; var end: CivilDate?;
            var legs = Set<EntityID>()
        }
        var journeys: [Journey] = []
        for route in SmugglingGraph.sortedUnique(routes) {
            try context.checkCancellation()
            var byPerson: [EntityID: Journey] = [:]
            for leg in try graph.legs(of: route, people: true, during: arguments[during]) {
                for edge in leg.travellers {
                    var journey = byPerson[edge.from] ?? Journey(route: route, person: edge.from)
                    if let day = edge.validFrom, journey.start.map({ day < $0 }) ?? true { journey.start = day }
                    if let day = edge.validTo ?? edge.validFrom, journey.end.map({ day > $0 }) ?? true {
                        journey.end = day
                    }
                    journey.legs.insert(leg.entity.id)
                    byPerson[edge.from] = journey
                }
            }
            journeys += byPerson.values
        }
        try graph.load(journeys.map(\.person) + routes)
        journeys.sort {
            RowOrder.first($0.route, $1.route) ?? RowOrder.first($0.start, $1.start) ?? RowOrder.first(
                $0.person, $1.person) ?? false
        }
        var table = ResultTable(columns: columns)
        for journey in journeys {
            let person = try graph.entity(journey.person)
            func text(_ name: String) -> Value { .from(person?.properties[name]?.stringValue) }
            table.append([
                graph.cell(journey.route), graph.cell(journey.person), text(CoreSchema.Person.nationality),
                text(CoreSchema.Person.protection), text(CoreSchema.Person.fledCountry),
                .from(journey.start), .from(journey.end), .from(journey.legs.count),
            ])
        }
        return CommandResult(table: table)
    }
}

/// `smuggling travel <person> <route> --from DATE [--legs N]`: records a journey.
enum TravelAdd {
    static let command = Command(spec, run: run)

    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "The person moved")
    static let route = ArgumentKey("route", .entity(kind: SmugglingSchema.route), "The route")
    static let from = OptionKey("from", .date, "The day the journey started")
    static let legs = OptionKey("legs", .int, "Only the first N legs")

    static let spec = CommandSpec(
        ["smuggling", "travel"],
        summary: "Record that a person was moved along a route, leg by leg from a start day",
        discussion: """
            Adds a travelled edge from the person to each leg in order, valid from the day the leg \
            starts to the day it arrives: the first leg starts on --from, arrives its days later (1 \
            when unknown), and the next leg starts on that arrival day, as the world generator records \
            journeys. \
            --legs N records only the first N legs (a journey cut short: intercepted, turned back). \
            Refuses a route without legs and a journey that overlaps one already recorded for the \
            person on the route. Needs a source: --source S-n, or --reported-by TEXT --grading B2.
            """,
        arguments: [person, route],
        options: [from, legs] + SourceOptions.options,
        examples: [
            "smuggling travel P-9 RT-1 --from 2024-03-01 --source S-1",
            "smuggling travel P-10 RT-1 --from 2024-03-01 --legs 2 --source S-1",
        ],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let person = try arguments[Self.person], route = try arguments[Self.route]
        let start = try SmugglingInput.required(Self.from, in: arguments, example: "2024-03-01")
        var legs = try graph.legs(of: route.id, people: true)
        guard !legs.isEmpty else {
            throw NexoError(
                .invalidInput, "\(route.id) (\(route.label)) has no legs",
                hint: "add them first with 'smuggling leg add \(route.id) <from-place> <to-place>'")
        }
        if let count = arguments[Self.legs] {
            guard (1...Int64(legs.count)).contains(count) else {
                throw NexoError(
                    .usage, "--legs \(count) is out of range",
                    hint: "\(route.id) has \(legs.count) leg\(legs.count == 1 ? "" : "s"): give 1 to \(legs.count)")
            }
            legs = Array(legs.prefix(Int(count)))
        }
        var day = start
        var plan: [(Leg, CivilDate, CivilDate)] = []
        for leg in legs {
            let end = day.adding(days: max(0, leg.days ?? 1))
            plan.append((leg, day, end))
            day = end
        }
        let period = DateRange(lower: start, upper: plan.last!.2)!
        for leg in legs {
            guard
                let clash = leg.travellers.first(where: {
                    $0.from == person.id && period.overlaps(from: $0.validFrom, to: $0.validTo)
                })
            else { continue }
            let days = "\(clash.validFrom?.description ?? "")..\(clash.validTo?.description ?? "")"
            throw NexoError(
                .conflict,
                "\(person.id) already travelled leg \(leg.sequence) of \(route.id) on \(days) (\(clash.id)),"
                    + " within this journey's \(period)",
                hint: "record a later journey with another --from")
        }
        let source = try SourceOptions.source(from: arguments, context: context)
        var edges: [Edge] = []
        for (leg, first, last) in plan {
            edges.append(
                try context.store.addEdge(
                    EdgeDraft(
                        kind: SmugglingSchema.travelled, from: person.id, to: leg.entity.id,
                        validFrom: first, validTo: last), source: source.id))
        }
        try graph.load([person.id])
        return CommandResult(
            table: WriteRows.edges(edges, graph: graph),
            message:
                "\(person.id) travelled \(edges.count) leg\(edges.count == 1 ? "" : "s") of \(route.id),"
                + " \(period.lower!)..\(period.upper!)"
        )
    }
}
