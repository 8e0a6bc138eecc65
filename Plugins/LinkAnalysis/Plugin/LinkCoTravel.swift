import LinkGraph
import NexoKit

/// `link cotravel [--within 2h] [--min-times N] [--post PL-…]`: people who cross the border or are
/// encountered at the same post, close in time, repeatedly — the sign of a guide and the groups he
/// moves — ranked by how unlikely that is by chance given each person's own crossings.
enum LinkCoTravel {
    static let command = Command(spec, run: run)

    static let within = DefaultedOptionKey(
        "within", .string, "How close in time two crossings must be: 0, 90m, 2h, 3d (crossings are dated to the day)",
        default: "2h")
    static let minTimes = DefaultedOptionKey(
        "min-times", .int, "Only pairs who co-travelled this often (--by person: who met this many groups)", default: 2)
    static let post = RepeatableOptionKey(
        "post", .entity(kind: CoreSchema.Kind.place), "Only crossings and encounters at this post")
    static let top = OptionKey("top", .int, "Only the first N rows")
    static let by = DefaultedOptionKey(
        "by", .oneOf(["pair", "person"]), "pair: who travelled together; person: who travelled with many groups",
        default: "pair")

    static let spec = CommandSpec(
        ["link", "cotravel"],
        summary: "People who repeatedly cross or are encountered at the same post at the same time",
        discussion:
            "Events are crossings (a person 'crossed' a crossing 'located_in' a post) and encounters (a person "
            + "'encountered' at an encounter located in a post). Two people co-travelled when they have events "
            + "at the same post at most --within apart; 'times' counts their co-occurrences (the smaller count "
            + "of either side's events that met the other). 'expected' is how many co-occurrences chance alone "
            + "would give if each person's events at a post were spread evenly over the period the store covers; "
            + "'surprise' is -log10 of the chance of at least 'times' of them, and orders the rows. The events "
            + "behind each pair are listed. Entities piped in keep the pairs that involve one of them. "
            + "--by person rolls the pairs up per person, the view that finds guides (a guide meets each traveller "
            + "once, on their trip, so none of his pairs repeats): 'groups' counts the person's events at which they "
            + "met only people they had not met before, 'occasions' their events that met anyone, 'partners' the "
            + "people met, 'surprise' the sum of their pairs' surprise; --min-times then counts groups, and rows "
            + "are ordered by groups, then partners.",
        options: [within, minTimes, post, top, by],
        examples: [
            "link cotravel --min-times 3", "link cotravel --post PL-82 --within 1d",
            "link cotravel --by person --top 20",
            "find person \"Erick Díaz\" | link cotravel",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let window = try seconds(arguments[within])
        let minimum = arguments[minTimes]
        guard minimum >= 1 else { throw NexoError(.usage, "--min-times must be at least 1 (given \(minimum))") }
        if let limit = arguments[top], limit < 1 {
            throw NexoError(.usage, "--top must be at least 1 (given \(limit))")
        }
        let posts = Set(arguments[post].map(\.id))
        let events = try TravelEvents.read(from: context.store, posts: posts, context: context)
        guard !events.list.isEmpty else {
            throw NexoError(
                .notFound,
                "no crossings or encounters of people "
                    + (posts.isEmpty ? "in the store" : "at \(posts.map(\.rawValue).sorted().joined(separator: ", "))"),
                hint: "record crossings with 'crossed' links to crossings located at a post")
        }
        let byPerson = arguments[by] == "person"
        var pairs = try CoTravel.pairs(
            events.list, within: window, resolution: 86_400, minTimes: byPerson ? 1 : Int(minimum))
        let piped = Set(context.entities(given: []).map(\.id))
        if byPerson {
            return try travellers(events, pairs: pairs, piped: context.input == nil ? nil : piped, arguments, context)
        }
        if context.input != nil { // a pipe, even an empty one, limits the pairs to its people
            pairs = pairs.filter {
                piped.contains(events.people[Int($0.first)]) || piped.contains(events.people[Int($0.second)])
            }
        }
        if let limit = arguments[top] { pairs = Array(pairs.prefix(Int(limit))) }

        let people = try PersonReferences(
            pairs.flatMap { [events.people[Int($0.first)], events.people[Int($0.second)]] }, in: context.store)
        func ref(_ person: Int32) -> Value { people.value(events.people[Int(person)]) }
        var table = ResultTable(columns: [
            Column("person", .entity(kind: CoreSchema.Kind.person)),
            Column("other", .entity(kind: CoreSchema.Kind.person)),
            Column("times", .int), Column("expected", .double), Column("surprise", .double), Column("events", .string),
        ])
        for pair in pairs {
            let evidence = Set(
                pair.evidence.flatMap { [events.sources[Int($0.first)], events.sources[Int($0.second)]] })
            table.append([
                ref(pair.first), ref(pair.second), .int(Int64(pair.times)), .double(pair.expected),
                .double(pair.surprise), .string(evidence.map(\.rawValue).sorted().joined(separator: " ")),
            ])
        }
        return CommandResult(
            table: table,
            message: "\(pairs.count) pairs from \(events.list.count) events of \(events.people.count) people "
                + "(window \(arguments[within]), events dated to the day)")
    }

    /// `--by person`: one row per person who met at least `--min-times` groups, most groups first.
    static func travellers(
        _ events: TravelEvents, pairs: [CoTravel.Pair], piped: Set<EntityID>?, _ arguments: ParsedArguments,
        _ context: CommandContext
    ) throws -> CommandResult {
        var found = CoTravel.travellers(events.list, pairs: pairs).filter { $0.groups >= Int(arguments[minTimes]) }
        if let piped { found = found.filter { piped.contains(events.people[Int($0.person)]) } }
        if let limit = arguments[top] { found = Array(found.prefix(Int(limit))) }
        let people = try PersonReferences(found.map { events.people[Int($0.person)] }, in: context.store)
        var table = ResultTable(columns: [
            Column("person", .entity(kind: CoreSchema.Kind.person)), Column("groups", .int),
            Column("occasions", .int), Column("partners", .int), Column("surprise", .double),
            Column("events", .string),
        ])
        for traveller in found {
            table.append([
                people.value(events.people[Int(traveller.person)]), .int(Int64(traveller.groups)),
                .int(Int64(traveller.occasions)), .int(Int64(traveller.partners)), .double(traveller.surprise),
                .string(traveller.events.map { events.sources[Int($0)].rawValue }.joined(separator: " ")),
            ])
        }
        return CommandResult(
            table: table,
            message: "\(found.count) people who met at least \(arguments[minTimes]) groups, from \(events.list.count) "
                + "events of \(events.people.count) people (window \(arguments[within]), events dated to the day)")
    }

    /// `0`, `90m`, `2h`, `3d` (or plain seconds) as whole seconds (``DurationText``; events are dated to the day).
    static func seconds(_ text: String) throws(NexoError) -> Int64 {
        Int64(try DurationText.seconds(text, option: "--within").rounded())
    }
}

/// Crossings and encounters of people, as ``CoTravel/Event``s: people and posts numbered, each
/// event's crossing or encounter kept as its evidence.
struct TravelEvents {
    /// The events.
    var list: [CoTravel.Event] = []
    /// The crossing or encounter behind each event.
    var sources: [EntityID] = []
    /// The person of each person number.
    var people: [EntityID] = []

    /// Reads every crossing and encounter of a person at a post (only `posts` when not empty).
    static func read(
        from store: any GraphStoreAccess, posts: Set<EntityID>, context: CommandContext
    ) throws(NexoError) -> TravelEvents {
        var dates: [EntityID: CivilDate] = [:]
        for kind in [CoreSchema.Kind.crossing, CoreSchema.Kind.encounter] {
            for entity in try store.entities(EntityQuery(kind: kind)) {
                if let date = entity.properties[CoreSchema.Crossing.date]?.dateValue { dates[entity.id] = date }
            }
        }
        try context.checkCancellation()
        var postOf: [EntityID: EntityID] = [:]
        for edge in try store.edges(EdgeQuery(kinds: [CoreSchema.Edge.locatedIn])) where dates[edge.from] != nil {
            postOf[edge.from] = edge.to
        }
        let persons = Set(try store.entities(EntityQuery(kind: CoreSchema.Kind.person)).map(\.id))
        try context.checkCancellation()
        var result = TravelEvents()
        var personNumber: [EntityID: Int32] = [:]
        var postNumber: [EntityID: Int32] = [:]
        let links = try store.edges(EdgeQuery(kinds: [CoreSchema.Edge.crossed, CoreSchema.Edge.encountered]))
        for edge in links where persons.contains(edge.from) {
            guard let date = dates[edge.to], let post = postOf[edge.to] else { continue }
            if !posts.isEmpty && !posts.contains(post) { continue }
            let person =
                personNumber[edge.from]
                ?? {
                    let number = Int32(result.people.count)
                    personNumber[edge.from] = number
                    result.people.append(edge.from)
                    return number
                }()
            let place =
                postNumber[post]
                ?? {
                    let number = Int32(postNumber.count)
                    postNumber[post] = number
                    return number
                }()
            result.list.append(CoTravel.Event(person: person, place: place, time: Int64(date.daysSinceEpoch) * 86_400))
            result.sources.append(edge.to)
        }
        return result
    }
}
