import NexoKit

/// `gang members [<group>] [--role R] [--active-on DATE] [--all]`: the members of a gang (all its
/// cliques) or of a clique.
enum GangMembers {
    static let command = Command(spec, run: run)

    static let group = OptionalArgumentKey(
        "group", .entity(kind: CoreSchema.Kind.group), "A gang or clique (leave out when piping)")
    static let role = OptionKey(
        "role", .string(completing: .edgeProperty(edge: CoreSchema.Edge.memberOf, property: CoreSchema.MemberOf.role)),
        "Only members with this role (palabrero, corredor, homeboy, chequeo, paro)")

    static let spec = CommandSpec(
        ["gang", "members"],
        summary: "List the members of a gang (all its cliques) or of a clique",
        discussion: """
            By default only current members: memberships with no end date. --active-on DATE shows \
            who was a member on that day (the membership period contains it); --all adds former \
            members, with the date and reason they left. Groups may be piped in (the first column of \
            groups is used). Rows are ordered by clique name, clique id, role (palabrero, corredor, \
            homeboy, chequeo, paro, then other roles by name, then none), joining date (unknown \
            first), person id. --provenance adds each membership's edge with the source it cites and its \
            grading.
            """,
        arguments: [group],
        options: [role] + Period.options + [EdgeProvenanceColumns.flag],
        examples: [
            "gang members MS-13",
            "gang members \"Acajutla Locos Salvatrucha\" --role palabrero",
            "gang members MS-13 --active-on 2019-06-30",
            "gang members G-4 --all",
            "gang cliques MS-13 | gang members --role corredor",
            "gang members G-12 --provenance | select person role grading reported_by",
        ],
        input: .entities(kind: CoreSchema.Kind.group), columns: .fixed(MemberRow.columns))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let period = try Period.from(arguments)
        let targets = try Inputs.requireTargets(
            Inputs.targets(given: arguments[group], kind: CoreSchema.Kind.group, input: context.input),
            command: "gang members", what: "a gang or clique", example: "MS-13")
        let index = try GangIndex(context.store)
        var groups: [EntityID] = []
        for target in targets {
            try context.checkCancellation()
            groups += index.memberGroups(of: try index.gangOrClique(target, for: "gang members").id)
        }
        var seen = Set<EntityID>()
        let memberships = try Membership.of(groups.filter { seen.insert($0).inserted }, in: context.store, index: index)
        var selected = memberships.filter { period.includes($0.edge) }
        if let wanted = arguments[role] {
            let checked = try Roles.checked(wanted, recorded: memberships.compactMap(\.role))
            selected = selected.filter { $0.role == checked }
        }
        let rows = try MemberRow.rows(selected, in: context.store, index: index)
        guard arguments[EdgeProvenanceColumns.flag] else { return CommandResult(table: MemberRow.table(rows)) }
        return CommandResult(
            table: ResultTable(
                columns: MemberRow.columns + EdgeProvenanceColumns.columns,
                rows: MemberRow.sorted(rows).map { $0.cells + EdgeProvenanceColumns.cells($0.membership.edge) }))
    }
}
