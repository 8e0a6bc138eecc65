import NexoKit

/// `gang add <name> [--founded DATE]`: records a gang.
enum GangAdd {
    static let command = Command(spec, run: run)

    static let name = ArgumentKey("name", .string, "The gang's name, e.g. MS-13")
    static let founded = OptionKey("founded", .date, "When the gang was founded")

    static let spec = CommandSpec(
        ["gang", "add"],
        summary: "Record a gang",
        discussion: """
            Adds a group with type gang. A gang whose name is the same ignoring case and accents is \
            refused (use it, or give the new one a distinguishing name). Every write names its source: \
            --source S-3, or --reported-by TEXT --grading B2. Returns the gang as 'gang list' shows it.
            """,
        arguments: [name],
        options: [founded] + SourceOptions.options,
        examples: [
            "gang add \"Los Tecolotes 9\" --founded 1989-01-01 --source S-1",
            "gang add \"Barrio 21 Oriente\" --reported-by \"PNC DAN\" --grading B2",
        ],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let name = try Inputs.name(try arguments[Self.name], of: "gang name", example: "Mao Mao")
        let index = try GangIndex(context.store)
        if let existing = index.gangs.first(where: { NameFolding.fold($0.label) == NameFolding.fold(name) }) {
            throw NexoError(
                .conflict, "there is already a gang '\(existing.label)' (\(existing.id))",
                hint: "use \(existing.id), or give the new gang a distinguishing name")
        }
        var properties: [String: Value] = [CoreSchema.Group.type: .string(Types.gang)]
        if let date = arguments[founded] { properties[CoreSchema.Group.founded] = .date(date) }
        let source = try Inputs.source(arguments, context)
        let gang = try context.store.addEntity(
            EntityDraft(kind: CoreSchema.Kind.group, label: name, properties: properties), source: source.id)
        return CommandResult(
            table: ResultTable(
                columns: GangList.columns, rows: [try GangList.row(gang, index: index, store: context.store)]),
            message: "added gang \(gang.id) (\(gang.label))")
    }
}

/// `gang clique add <name> <gang> [--founded DATE]`: records a clique of a gang.
enum GangCliqueAdd {
    static let command = Command(spec, run: run)

    static let name = ArgumentKey("name", .string, "The clique's name, e.g. Sonsonate Locos Salvatrucha")
    static let gang = ArgumentKey("gang", .entity(kind: CoreSchema.Kind.group), "The gang it belongs to")
    static let founded = OptionKey("founded", .date, "When the clique was founded")

    static let spec = CommandSpec(
        ["gang", "clique", "add"],
        summary: "Record a clique of a gang",
        discussion: """
            Adds a group with type clique and links it to its gang with a member_of edge (clique → \
            gang) valid from the founding date when given. A clique of the same gang whose name is the \
            same ignoring case and accents is refused. Every write names its source. Returns the clique \
            as 'gang cliques' shows it.
            """,
        arguments: [name, gang],
        options: [founded] + SourceOptions.options,
        examples: ["gang clique add \"Sonsonate Locos\" MS-13 --founded 1996-05-01 --source S-1"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let name = try Inputs.name(try arguments[Self.name], of: "clique name", example: "Sonsonate Locos")
        var index = try GangIndex(context.store)
        let gang = try index.gangOrClique(try arguments[Self.gang], as: [Types.gang], for: "gang clique add")
        let siblings = (index.cliquesOfGang[gang.id] ?? []).compactMap { index.groups[$0] }
        if let existing = siblings.first(where: { NameFolding.fold($0.label) == NameFolding.fold(name) }) {
            throw NexoError(
                .conflict, "\(gang.label) already has a clique '\(existing.label)' (\(existing.id))",
                hint: "use \(existing.id), or give the new clique a distinguishing name")
        }
        let founded = arguments[Self.founded]
        var properties: [String: Value] = [CoreSchema.Group.type: .string(Types.clique)]
        if let founded { properties[CoreSchema.Group.founded] = .date(founded) }
        let source = try Inputs.source(arguments, context)
        let clique = try context.store.addEntity(
            EntityDraft(kind: CoreSchema.Kind.group, label: name, properties: properties), source: source.id)
        try context.store.addEdge(
            EdgeDraft(kind: CoreSchema.Edge.memberOf, from: clique.id, to: gang.id, validFrom: founded),
            source: source.id)
        index = try GangIndex(context.store)
        return CommandResult(
            table: ResultTable(
                columns: GangCliques.columns, rows: [try GangCliques.row(clique.id, index: index, store: context.store)]
            ),
            message: "added clique \(clique.id) (\(clique.label)) of \(gang.id) (\(gang.label))")
    }
}
