import NexoKit

/// `gang territory add <group> <place> --control C [--since DATE]`: records territory.
enum GangTerritoryAdd {
    static let command = Command(spec, run: run)

    static let group = ArgumentKey("group", .entity(kind: CoreSchema.Kind.group), "The gang or clique")
    static let place = ArgumentKey(
        "place", .entity(kind: CoreSchema.Kind.place), "A colonia, municipality or department")
    static let control = OptionKey(
        "control", .oneOf(GangSchema.controls), "How firmly it holds the place (required)")
    static let since = OptionKey("since", .date, "Since when")

    static let spec = CommandSpec(
        ["gang", "territory", "add"],
        summary: "Record that a gang or clique operates in a colonia, municipality or department",
        discussion: """
            Adds an operates_in edge (group → place) with how firmly the group holds the place, valid \
            from --since when given. Refused when the group already holds the place (an open \
            operates_in edge). Every write names its source. Returns the territory as 'gang territory' \
            shows it.
            """,
        arguments: [group, place],
        options: [control, since] + SourceOptions.options,
        examples: [
            "gang territory add \"Acajutla Locos Salvatrucha\" \"San Miguel\" --control dominant --since 2010-01-01 "
                + "--source S-1"
        ],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let store = context.store
        let index = try GangIndex(store)
        let group = try index.gangOrClique(try arguments[Self.group], for: "gang territory add")
        let place = try Territory.place(try arguments[Self.place], in: store)
        guard let type = place.type, Types.territory.contains(type) else {
            throw NexoError(
                .usage,
                "\(place.id) (\(place.label)) is \(place.type.map { "a \($0)" } ?? "a place without a type"), not a "
                    + "colonia, municipality or department",
                hint: "territory is held in colonias, municipalities and departments")
        }
        let choices = GangSchema.controls
        guard let control = arguments[Self.control] else {
            throw NexoError(
                .usage, "missing --control: how firmly the group holds the place",
                hint: "add --control with one of: \(choices.joined(separator: ", "))")
        }
        guard choices.contains(control) else {
            throw NexoError(
                .usage, "unknown control '\(control)'",
                hint: Suggestions.didYouMean(control, in: choices) ?? "use one of: \(choices.joined(separator: ", "))")
        }
        let existing = try store.edges(
            EdgeQuery(entity: group.id, direction: .outgoing, kinds: [GangSchema.operatesIn]))
        if let open = existing.first(where: { $0.to == place.id && $0.validTo == nil }) {
            throw NexoError(
                .conflict,
                "\(group.id) (\(group.label)) already operates in \(place.id) (\(place.label)) (\(open.id), "
                    + "\(open.properties["control"]?.description ?? "no control recorded"))",
                hint: "see 'gang territory \(place.id)'")
        }
        let source = try Inputs.source(arguments, context)
        let edge = try store.addEdge(
            EdgeDraft(
                kind: GangSchema.operatesIn, from: group.id, to: place.id,
                properties: ["control": .string(control)], validFrom: arguments[since]),
            source: source.id)
        let rows = try GangTerritory.rows(in: place.id, period: .all, store: store, only: edge.id)
        return CommandResult(
            table: ResultTable(columns: GangTerritory.columns, rows: rows),
            message: "\(group.id) operates in \(place.id) (\(control)) (\(edge.id))")
    }
}

/// `gang rival add <group> <rival> --intensity I [--since DATE]`: records a rivalry.
enum GangRivalAdd {
    static let command = Command(spec, run: run)

    static let group = ArgumentKey("group", .entity(kind: CoreSchema.Kind.group), "A gang or clique")
    static let rival = ArgumentKey("rival", .entity(kind: CoreSchema.Kind.group), "Its rival")
    static let intensity = OptionKey("intensity", .oneOf(GangSchema.intensities), "State of the rivalry (required)")
    static let since = OptionKey("since", .date, "Since when")

    static let spec = CommandSpec(
        ["gang", "rival", "add"],
        summary: "Record that two gangs or cliques are rivals",
        discussion: """
            Adds a rival_of edge between the two groups with the state of the rivalry (war, tension, \
            truce), valid from --since when given. Refused for a group and itself, and when the two are \
            already rivals (an open rival_of edge either way). Every write names its source. Returns the \
            rivalry as 'gang rivals' shows it.
            """,
        arguments: [group, rival],
        options: [intensity, since] + SourceOptions.options,
        examples: ["gang rival add \"La Mirada Locos\" \"Mao Mao\" --intensity war --since 1995-01-01 --source S-1"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let store = context.store
        let index = try GangIndex(store)
        let group = try index.gangOrClique(try arguments[Self.group], for: "gang rival add")
        let rival = try index.gangOrClique(try arguments[Self.rival], for: "gang rival add")
        guard group.id != rival.id else {
            throw NexoError(
                .usage, "\(group.id) (\(group.label)) cannot be its own rival",
                hint: "name two different gangs or cliques")
        }
        let choices = GangSchema.intensities
        guard let intensity = arguments[Self.intensity] else {
            throw NexoError(
                .usage, "missing --intensity: the state of the rivalry",
                hint: "add --intensity with one of: \(choices.joined(separator: ", "))")
        }
        guard choices.contains(intensity) else {
            throw NexoError(
                .usage, "unknown intensity '\(intensity)'",
                hint: Suggestions.didYouMean(intensity, in: choices) ?? "use one of: \(choices.joined(separator: ", "))"
            )
        }
        let existing = try store.edges(EdgeQuery(entity: group.id, direction: .both, kinds: [GangSchema.rivalOf]))
        if let open = existing.first(where: { ($0.from == rival.id || $0.to == rival.id) && $0.validTo == nil }) {
            throw NexoError(
                .conflict,
                "\(group.id) (\(group.label)) and \(rival.id) (\(rival.label)) are already rivals (\(open.id), "
                    + "\(open.properties["intensity"]?.description ?? "no intensity recorded"))",
                hint: "see 'gang rivals \(group.id)'")
        }
        let source = try Inputs.source(arguments, context)
        let edge = try store.addEdge(
            EdgeDraft(
                kind: GangSchema.rivalOf, from: group.id, to: rival.id,
                properties: ["intensity": .string(intensity)], validFrom: arguments[since]),
            source: source.id)
        let rows = try GangRivals.rows(
            in: store, index: index, period: .all, sides: [group.id], operating: nil, only: edge.id)
        return CommandResult(
            table: ResultTable(columns: GangRivals.columns, rows: rows.map(\.cells)),
            message: "\(group.id) and \(rival.id) are rivals (\(intensity)) (\(edge.id))")
    }
}
