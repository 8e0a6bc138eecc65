import NexoKit

/// `smuggling crossings [--post PLACE] [--between RANGE] [--network N]`.
enum CrossingList {
    static let command = Command(spec, run: run)

    static let post = OptionKey(
        "post", .entity(kind: CoreSchema.Kind.place), "Only crossings at this border post or inside this place")
    static let between = OptionKey("between", .dateRange, "Only crossings dated in this period")
    static let network = OptionKey(
        "network", .entity(kind: CoreSchema.Kind.group),
        "Only crossings by people this network moved or its facilitators")

    static let spec = CommandSpec(
        ["smuggling", "crossings"],
        summary: "List border crossings, all or by the people a network moved and its facilitators",
        discussion: """
            One row per crossing and person or vehicle that made it (crossed), with the place the \
            crossing is located_in as post. --network keeps crossings made by the people it moved \
            (as moved) or by its facilitators (as their role); without it, 'as' is empty. --post keeps \
            crossings at the place or at a place inside it (located_in, any depth); --between those \
            dated in the period. Piped networks act as --network, piped places as --post. Rows are \
            ordered by date (undated first), crossing id, then person or vehicle id. Reads one graph \
            view of crossed and located_in edges, shared by later commands until the store changes.
            """,
        options: [post, between, network],
        examples: [
            "smuggling crossings --network G-14 --between 2024", "smuggling crossings --post \"El Amatillo\"",
            "smuggling networks | smuggling crossings --between 2024-03",
        ],
        input: .entities(kind: nil))

    static let columns = [
        Column("date", .date), Column("crossing", .entity(kind: CoreSchema.Kind.crossing)),
        Column("direction", .string), Column("post", .entity(kind: CoreSchema.Kind.place)),
        Column("person", .entity(kind: nil)), Column("network", .entity(kind: CoreSchema.Kind.group)),
        Column("as", .string),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let networks = context.entities(given: arguments[network], kind: CoreSchema.Kind.group)
        let posts = context.entities(given: arguments[post], kind: CoreSchema.Kind.place)
        let between = arguments[Self.between]
        let view = try context.store.graphView(edgeKinds: [CoreSchema.Edge.crossed, CoreSchema.Edge.locatedIn])
        guard let crossedKind = view.edgeKindIndex(CoreSchema.Edge.crossed),
            let locatedKind = view.edgeKindIndex(CoreSchema.Edge.locatedIn)
        else {
            return CommandResult(table: ResultTable(columns: columns))
        }

        // Who counts, and as what: (network, role) per person; nil means everyone.
        var people: [EntityID: [(EntityID, String)]]?
        if !networks.isEmpty {
            var found: [EntityID: [(EntityID, String)]] = [:]
            for ref in networks {
                let network = try SmugglingInput.network(ref, in: graph, label: "--network").id
                for edge in try graph.memberships(of: network) {
                    found[edge.from, default: []].append((network, edge.role ?? "member"))
                }
                for route in try graph.routes(of: network) {
                    for leg in try graph.legs(of: route, people: true) {
                        for edge in leg.travellers { found[edge.from, default: []].append((network, "moved")) }
                    }
                }
            }
            people = found
        }

        // Crossing nodes: those of the people, or every crossing.
        var crossingNodes = Set<Int32>()
        if let people {
            for person in people.keys {
                guard let node = view.node(person) else { continue }
                for slot in view.slots(of: node) where view.edgeKind(slot) == crossedKind && view.isOutgoing(slot) {
                    crossingNodes.insert(view.neighbor(slot))
                }
            }
        } else {
            for node in 0..<Int32(view.nodeCount) where view.nodeKinds[Int(node)] == CoreSchema.Kind.crossing {
                crossingNodes.insert(node)
            }
        }

        struct Row { var crossing: EntityID; var post: EntityID?; var who: EntityID }
        var rows: [Row] = []
        for node in crossingNodes {
            var post: EntityID?
            var who: [EntityID] = []
            for slot in view.slots(of: node) {
                let other = view.ids[Int(view.neighbor(slot))]
                if view.edgeKind(slot) == locatedKind && view.isOutgoing(slot) {
                    post = post.map { min($0, other) } ?? other
                } else if view.edgeKind(slot) == crossedKind && !view.isOutgoing(slot) {
                    who.append(other)
                }
            }
            for person in who where people == nil || people?[person] != nil {
                rows.append(Row(crossing: view.ids[Int(node)], post: post, who: person))
            }
        }
        try graph.load(rows.flatMap { [$0.crossing, $0.who] + ($0.post.map { [$0] } ?? []) })
        var kept: [Row] = []
        for row in rows {
            let date = graph.date(of: row.crossing)
            if let between, !(date.map(between.contains) ?? false) { continue }
            if !posts.isEmpty {
                guard let post = row.post else { continue }
                var inside = false
                for area in posts where !inside { inside = try graph.place(post, isIn: area.id) }
                if !inside { continue }
            }
            kept.append(row)
        }
        kept.sort {
            RowOrder.first(graph.date(of: $0.crossing), graph.date(of: $1.crossing)) ?? RowOrder.first(
                $0.crossing, $1.crossing)
                ?? RowOrder.first($0.who, $1.who) ?? false
        }
        var table = ResultTable(columns: columns)
        for row in kept {
            let direction = try graph.entity(row.crossing)?.properties[CoreSchema.Crossing.direction]?.stringValue
            let links: [Pair?] =
                people?[row.who].map { Set($0.map { Pair(network: $0.0, role: $0.1) }).sorted().map(Optional.some) }
                ?? [nil]
            for link in links {
                table.append([
                    .from(graph.date(of: row.crossing)), graph.cell(row.crossing), .from(direction),
                    graph.cell(row.post),
                    graph.cell(row.who), graph.cell(link?.network), .from(link?.role),
                ])
            }
        }
        return CommandResult(table: table)
    }

    /// A network and the part a person played for it.
    private struct Pair: Hashable, Comparable {
        var network: EntityID
        var role: String
        static func < (a: Pair, b: Pair) -> Bool {
            RowOrder.first(a.network, b.network) ?? RowOrder.first(
                RowOrder.rank(ofRole: a.role), RowOrder.rank(ofRole: b.role))
                ?? RowOrder.first(a.role, b.role) ?? false
        }
    }
}

/// `smuggling crossing add <person…> <post> --date D --direction entry|exit`.
enum CrossingAdd {
    static let command = Command(spec, run: run)

    static let entities = VariadicArgumentKey(
        "entities", .entity(kind: nil), "The people or vehicles that crossed, and the border post")
    static let date = OptionKey("date", .date, "Day of the crossing")
    static let direction = OptionKey(
        "direction", .oneOf(CoreSchema.Direction.all), "entry or exit (as the post's country sees it)")

    static let spec = CommandSpec(
        ["smuggling", "crossing", "add"],
        summary: "Record a border crossing by one or more people or vehicles at a border post",
        discussion: """
            Name the people and vehicles that crossed and the border post, in any order (by \
            convention the post last), or pipe the people in. Creates one crossing entity (date, \
            direction) located_in the post, and a crossed edge from each person or vehicle. The post \
            must be a place of type border_post. Needs a source: --source S-n, or --reported-by TEXT \
            --grading B2.
            """,
        arguments: [entities],
        options: [date, direction] + SourceOptions.options,
        examples: [
            "smuggling crossing add P-5 P-6 V-1 \"El Amatillo\" --date 2024-03-04 --direction exit --source S-1",
            "smuggling moved RT-1 | smuggling crossing add \"El Amatillo\" --date 2024-03-04 --direction exit"
                + " --source S-1",
        ],
        input: .entities(kind: nil),
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let graph = SmugglingGraph(context.store)
        let named = arguments[entities]
        let places = named.filter { $0.kind == CoreSchema.Kind.place }
        guard places.count == 1, let postRef = places.first else {
            throw NexoError(
                .usage,
                places.isEmpty
                    ? "no border post named"
                    : "\(places.count) places named (\(places.map(\.id.rawValue).joined(separator: ", ")));"
                        + " a crossing happens at one border post",
                hint:
                    "name the people or vehicles and one border post:"
                    + " smuggling crossing add P-5 P-6 \"El Amatillo\" --date … --direction …"
            )
        }
        let crosserKinds = [CoreSchema.Kind.person, CoreSchema.Kind.vehicle]
        if let other = named.first(where: { $0.kind != CoreSchema.Kind.place && !crosserKinds.contains($0.kind) }) {
            throw NexoError(
                .usage, "\(other.id) (\(other.label)) is a \(other.kind); only people and vehicles cross",
                hint: "name people (P-…), vehicles (V-…) and one border post")
        }
        let crossers = context.entities(given: named.filter { $0.kind != CoreSchema.Kind.place })
            .filter { crosserKinds.contains($0.kind) }
        guard !crossers.isEmpty else {
            throw NexoError(
                .usage, "nobody crossed", hint: "name the people or vehicles that crossed, or pipe people in")
        }
        guard let post = try graph.entity(postRef.id) else { throw NexoError(.notFound, "no place '\(postRef.id)'") }
        guard post.properties[CoreSchema.Place.type]?.stringValue == CoreSchema.PlaceType.borderPost else {
            let borderPosts = try context.store.entities(
                EntityQuery(
                    kind: CoreSchema.Kind.place,
                    properties: [CoreSchema.Place.type: .string(CoreSchema.PlaceType.borderPost)]))
            let hint = Suggestions.closest(to: post.label, in: borderPosts.map(\.label)).flatMap { name in
                borderPosts.first { $0.label == name }.map { "Did you mean '\($0.id)' (\($0.label))?" }
            }
            throw NexoError(
                .invalidInput, "\(post.id) (\(post.label)) is \(SmugglingInput.describe(post)), not a border post",
                hint: hint ?? "name a place of type border_post (add one with 'add place NAME --prop type=border_post')"
            )
        }
        let date = try SmugglingInput.required(Self.date, in: arguments, example: "2024-03-04")
        let direction = try SmugglingInput.required(Self.direction, in: arguments, example: "exit (or entry)")
        let source = try SourceOptions.source(from: arguments, context: context)
        let crossing = try context.store.addEntity(
            EntityDraft(
                kind: CoreSchema.Kind.crossing, label: "Crossing at \(post.label) \(date)",
                properties: [CoreSchema.Crossing.date: .date(date), CoreSchema.Crossing.direction: .string(direction)]),
            source: source.id)
        try context.store.addEdge(
            EdgeDraft(kind: CoreSchema.Edge.locatedIn, from: crossing.id, to: post.id), source: source.id)
        var edges: [Edge] = []
        for crosser in crossers {
            edges.append(
                try context.store.addEdge(
                    EdgeDraft(
                        kind: CoreSchema.Edge.crossed, from: crosser.id, to: crossing.id, validFrom: date, validTo: date
                    ),
                    source: source.id))
        }
        try graph.load(crossers.map(\.id) + [crossing.id])
        return CommandResult(
            table: WriteRows.edges(edges, graph: graph),
            message: "added crossing \(crossing.id) at \(post.id): \(crossers.count) crossed (\(direction))")
    }
}
