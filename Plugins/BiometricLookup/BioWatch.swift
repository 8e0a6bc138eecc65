import NexoKit

/// `bio watch add|list|remove` and `bio alerts`: standing watches the feed checks every hit and
/// review against, and the alerts they raised.
enum BioWatch {
    static let commands = [add, list, remove, alerts]

    static let addGang = OptionKey("gang", .entity(kind: CoreSchema.Kind.group), "A gang or clique")
    static let addNetwork = OptionKey("network", .entity(kind: CoreSchema.Kind.group), "A smuggling network")
    static let addPerson = OptionKey("person", .entity(kind: CoreSchema.Kind.person), "A person")
    static let addList = OptionKey("list", .string, "Name of a list; its people come from the pipe")
    static let addNote = OptionKey("note", .string, "Why the watch exists (shown with its alerts)")
    static let listAll = FlagKey("all", "Include removed watches")
    static let removeWatch = ArgumentKey("watch", .entity(kind: BioKinds.watch), "The watch")
    static let alertsWatch = OptionKey("watch", .entity(kind: BioKinds.watch), "Only this watch's alerts")
    static let alertsSince = OptionKey("since", .date, "Only encounters on or after this day")
    static let alertsLimit = DefaultedOptionKey("limit", .int, "At most this many", default: 100)

    static let add = Command(
        CommandSpec(
            ["bio", "watch", "add"], summary: "Watch for encounters of a gang, a network, a person or a list of people",
            discussion: """
                Exactly one of --gang (a gang or clique), --network, --person, or --list NAME with the people piped \
                in. From then on, every feed hit or review on a person under the watch raises an alert: the person \
                themself, members of the clique or network, members of the gang's cliques (memberships in force on the \
                encounter's day). Watches added while a feed runs apply from its next batch.
                """,
            options: [addGang, addNetwork, addPerson, addList, addNote],
            examples: [
                "bio watch add --gang MS-13 --note \"clique leadership in transit\"", "bio watch add --person P-104",
                "find Reyes | where kind = person | bio watch add --list \"Reyes family\"",
            ],
            input: .entities(kind: CoreSchema.Kind.person),
            writes: true),
        run: runAdd)

    static let list = Command(
        CommandSpec(
            ["bio", "watch", "list"], summary: "Standing watches, with their targets and alert counts",
            options: [listAll],
            examples: ["bio watch list", "bio watch list --all"]),
        run: runList)

    static let remove = Command(
        CommandSpec(
            ["bio", "watch", "remove"], summary: "End a watch (it stays on record with its alerts)",
            arguments: [removeWatch],
            examples: ["bio watch remove W-2"],
            writes: true),
        run: runRemove)

    static let alerts = Command(
        CommandSpec(
            ["bio", "alerts"], summary: "Alerts raised by watches, newest first",
            options: [alertsWatch, alertsSince, alertsLimit],
            examples: ["bio alerts", "bio alerts --watch W-1 --since 2026-11-01 | labels"]),
        run: runAlerts)

    @Sendable static func runAdd(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let store = context.store
        let given: [(option: String, target: WatchTarget)] = [
            arguments[addGang].map { (addGang.optionSpec.name, .group($0, gangs: true)) },
            arguments[addNetwork].map { (addNetwork.optionSpec.name, .group($0, gangs: false)) },
            arguments[addPerson].map { (addPerson.optionSpec.name, .person($0)) },
            arguments[addList].map { (addList.optionSpec.name, .list($0)) },
        ].compactMap { $0 }
        guard given.count == 1, let choice = given.first else {
            let options = given.map(\.option)
            throw NexoError(
                .usage,
                given.isEmpty ? "nothing to watch" : "give one of --\(options.joined(separator: ", --")), not several",
                hint: "bio watch add --gang G | --network G | --person P | --list NAME (people piped in)")
        }
        var targets: [EntityRef] = []
        var target = choice.option
        var label: String
        switch choice.target {
        case .group(let group, let gangs):
            let type = try store.entity(group.id)?.properties[CoreSchema.Group.type]?.stringValue ?? "group"
            let allowed =
                gangs ? [CoreSchema.GroupType.gang, CoreSchema.GroupType.clique] : [CoreSchema.GroupType.network]
            guard allowed.contains(type) else {
                throw NexoError(
                    .invalidInput,
                    "\(group.id) (\(group.label)) is a \(type), not a \(allowed.joined(separator: " or "))",
                    hint: gangs ? "gang list shows the gangs" : "smuggling networks shows the networks")
            }
            if gangs { target = type }
            targets = [group]
            label = "\(group.label) (\(type))"
        case .person(let person):
            targets = [person]
            label = "\(person.label) (person)"
        case .list(let name):
            guard !name.allSatisfy(\.isWhitespace) else { throw NexoError(.usage, "--list needs a name") }
            targets = context.entities(given: [], kind: CoreSchema.Kind.person)
            guard !targets.isEmpty else {
                throw NexoError(
                    .usage, "list '\(name)' has nobody on it",
                    hint: "pipe people in: find Reyes | bio watch add --list \"\(name)\"")
            }
            label = "\(name) (list of \(targets.count))"
        }
        if let existing = try activeWatch(of: choice.target, kind: target, store) {
            throw NexoError(
                .conflict, "\(existing.id) already watches \(label)",
                hint: "'bio watch list' shows the watches; remove \(existing.id) first to watch again with a new note")
        }
        var properties: [String: Value] = [BioKinds.Watch.target: .string(target)]
        if let note = arguments[addNote] { properties[BioKinds.Watch.note] = .string(note) }
        if let name = arguments[addList] { properties[BioKinds.Watch.list] = .string(name) }
        // A watch is the user's own decision: it cites the user's own entry (every fact has a source).
        let source = try SourceOptions.ownEntry(context).id
        let watch = try store.addEntity(
            EntityDraft(kind: BioKinds.watch, label: "Watch: \(label)", properties: properties), source: source)
        for ref in targets {
            try store.addEdge(EdgeDraft(kind: BioKinds.watches, from: watch.id, to: ref.id), source: source)
        }
        var table = ResultTable(columns: listColumns)
        table.append(try row(watch, store))
        return CommandResult(table: table, message: "\(watch.id) watches \(label); feeds alert on its hits and reviews")
    }

    /// The watch not removed that already watches `target` (a group or person of this `kind` of target, or a list
    /// of this name), if any: a second one would alert twice on every hit.
    private static func activeWatch(of target: WatchTarget, kind: String, _ store: any GraphStoreAccess)
        throws(NexoError)
        -> EntityRef?
    {
        func active(_ watch: Entity?) -> Bool {
            guard let watch else { return false }
            return watch.properties[BioKinds.Watch.removed] == nil
                && watch.properties[BioKinds.Watch.target]?.stringValue == kind
        }
        switch target {
        case .group(let ref, _), .person(let ref):
            for edge in try store.edges(EdgeQuery(entity: ref.id, direction: .incoming, kinds: [BioKinds.watches])) {
                let watch = try store.entity(edge.from)
                if active(watch), let watch { return watch.ref }
            }
            return nil
        case .list(let name):
            return try store.entities(EntityQuery(kind: BioKinds.watch)).first {
                active($0) && $0.properties[BioKinds.Watch.list]?.stringValue == name
            }?.ref
        }
    }

    static let listColumns = [
        Column("watch", .entity(kind: BioKinds.watch)), Column("target", .string), Column("watching", .string),
        Column("people", .int), Column("alerts", .int), Column("note", .string), Column("removed", .bool),
    ]

    static func row(_ watch: Entity, _ store: any GraphStoreAccess) throws(NexoError) -> [Value] {
        let targets = try store.edges(EdgeQuery(entity: watch.id, direction: .outgoing, kinds: [BioKinds.watches]))
        let alerts = try store.edges(EdgeQuery(entity: watch.id, direction: .incoming, kinds: [BioKinds.alerted])).count
        let target = watch.properties[BioKinds.Watch.target]?.stringValue ?? ""
        let watching =
            target == "list"
            ? (watch.properties[BioKinds.Watch.list]?.stringValue ?? "") : targets.first.map(\.to.rawValue) ?? ""
        return [
            .entity(watch.ref), .string(target), .string(watching),
            target == "list" || target == "person" ? .int(Int64(targets.count)) : .null,
            .int(Int64(alerts)), watch.properties[BioKinds.Watch.note] ?? .null,
            .bool(watch.properties[BioKinds.Watch.removed] != nil),
        ]
    }

    @Sendable static func runList(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        var table = ResultTable(columns: listColumns)
        let watches = try context.store.entities(EntityQuery(kind: BioKinds.watch)).sorted { $0.id < $1.id }
        for watch in watches where arguments[listAll] || watch.properties[BioKinds.Watch.removed] == nil {
            table.append(try row(watch, context.store))
        }
        return CommandResult(table: table)
    }

    @Sendable static func runRemove(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let ref = try arguments[removeWatch]
        guard var watch = try context.store.entity(ref.id) else { throw NexoError(.notFound, "no watch \(ref.id)") }
        guard watch.properties[BioKinds.Watch.removed] == nil else {
            throw NexoError(.conflict, "\(ref.id) was already removed")
        }
        watch.properties[BioKinds.Watch.removed] = .bool(true)
        try context.store.updateEntity(ref.id, label: nil, properties: watch.properties)
        return CommandResult(message: "\(ref.id) removed; its alerts stay on record ('bio alerts --watch \(ref.id)')")
    }

    static let alertColumns = [
        Column("encounter", .entity(kind: CoreSchema.Kind.encounter)), Column("date", .date), Column("post", .string),
        Column("person", .entity(kind: CoreSchema.Kind.person)), Column("decision", .string), Column("fused", .double),
        Column("watch", .entity(kind: BioKinds.watch)), Column("reason", .string),
    ]

    @Sendable static func runAlerts(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let store = context.store
        let limit = Int(arguments[alertsLimit])
        guard limit >= 1 else { throw NexoError(.usage, "--limit must be at least 1") }
        let since = arguments[alertsSince]
        var watches = try store.entities(EntityQuery(kind: BioKinds.watch))
        if let only = arguments[alertsWatch] { watches = watches.filter { $0.id == only.id } }
        var edges: [Edge] = []
        for watch in watches {
            edges += try store.edges(EdgeQuery(entity: watch.id, direction: .incoming, kinds: [BioKinds.alerted]))
        }
        if let since { edges = edges.filter { ($0.validFrom ?? since) >= since } }
        edges.sort { $0.id > $1.id }
        edges = Array(edges.prefix(limit))
        var ids = Set(edges.map(\.from))
        for edge in edges {
            if let person = edge.properties[BioKinds.Alerted.person]?.stringValue { ids.insert(EntityID(person)) }
        }
        ids.formUnion(watches.map(\.id))
        var entities: [EntityID: Entity] = [:]
        for entity in try store.entities(EntityQuery(ids: Array(ids))) { entities[entity.id] = entity }
        var table = ResultTable(columns: alertColumns)
        for edge in edges {
            let encounter = entities[edge.from]
            let personID = edge.properties[BioKinds.Alerted.person]?.stringValue
            let person = personID.flatMap { entities[EntityID($0)] }
            let encounterValue: Value = encounter.map { .entity($0.ref) } ?? .string(edge.from.rawValue)
            let personValue: Value = person.map { .entity($0.ref) } ?? personID.map(Value.string) ?? .null
            let watchValue: Value = entities[edge.to].map { .entity($0.ref) } ?? .string(edge.to.rawValue)
            let row: [Value] = [
                encounterValue, edge.validFrom.map(Value.date) ?? .null,
                encounter?.properties[CoreSchema.Encounter.post] ?? .null,
                personValue, edge.properties[BioKinds.Alerted.decision] ?? .null,
                edge.properties[BioKinds.Alerted.fused] ?? .null, watchValue,
                edge.properties[BioKinds.Alerted.reason] ?? .null,
            ]
            table.append(row)
        }
        return CommandResult(table: table, message: table.isEmpty ? "no alerts" : nil)
    }
}

/// What `bio watch add` was asked to watch: the one of its options given.
private enum WatchTarget {
    /// `--gang` (`gangs`: a gang or clique) or `--network`.
    case group(EntityRef, gangs: Bool)
    /// `--person`.
    case person(EntityRef)
    /// `--list NAME`, its people piped in.
    case list(String)
}
