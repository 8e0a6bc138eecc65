import NexoKit

/// `gang cliques [<gang>]`: the cliques of a gang with their size and palabrero.
enum GangCliques {
    static let command = Command(spec, run: run)

    static let gang = OptionalArgumentKey(
        "gang", .entity(kind: CoreSchema.Kind.group), "The gang (leave out when piping)")

    static let spec = CommandSpec(
        ["gang", "cliques"],
        summary: "List the cliques of a gang with their size and current palabrero",
        discussion: """
            A clique belongs to a gang by a member_of edge (clique → gang). palabrero is the current \
            palabrero who joined first (then lowest id) when there are several; moniker is the name \
            they go by in the clique. Gangs may be piped in (the first column of groups is used). Rows \
            are ordered by gang as given, then clique name, then clique id.
            """,
        arguments: [gang],
        examples: ["gang cliques MS-13", "gang list | gang cliques", "gang cliques MS-13 | where active_members = 0"],
        input: .entities(kind: CoreSchema.Kind.group))

    static let columns = [
        Column("clique", .entity(kind: CoreSchema.Kind.group)), Column("name", .string),
        Column("gang", .entity(kind: CoreSchema.Kind.group)),
        Column("founded", .date), Column("active_members", .int), Column("former_members", .int),
        Column("palabrero", .entity(kind: CoreSchema.Kind.person)), Column("moniker", .string),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let targets = try Inputs.requireTargets(
            Inputs.targets(given: arguments[gang], kind: CoreSchema.Kind.group, input: context.input),
            command: "gang cliques", what: "a gang", example: "MS-13")
        let index = try GangIndex(context.store)
        var gangs: [Entity] = []
        for target in targets { gangs.append(try index.gangOrClique(target, as: [Types.gang], for: "gang cliques")) }
        var table = ResultTable(columns: columns)
        for gang in gangs {
            for clique in index.cliquesOfGang[gang.id] ?? [] {
                try context.checkCancellation()
                table.append(try row(clique, index: index, store: context.store))
            }
        }
        return CommandResult(table: table)
    }

    /// The row of one clique.
    static func row(_ id: EntityID, index: GangIndex, store: any GraphStoreAccess) throws(NexoError) -> [Value] {
        let memberships = try Membership.of([id], in: store, index: index)
        let counts = MemberCounts(memberships)
        let palabrero = memberships.filter { $0.isOpen && $0.role == "palabrero" }.min { a, b in
            a.since != b.since ? Order.date(a.since, b.since) : a.person < b.person
        }
        var person: EntityRef?
        if let palabrero { person = try People.refs([palabrero.person], in: store)[palabrero.person] }
        let clique = index.groups[id]
        return [
            .ref(clique?.ref), .text(clique?.label), .ref(index.gangOfClique[id].flatMap(index.ref)),
            .day(clique?.founded), .count(counts.active), .count(counts.former), .ref(person),
            .text(palabrero?.moniker),
        ]
    }
}
