import NexoKit

/// Member counts of a set of memberships.
struct MemberCounts {
    /// People with at least one open membership.
    var active = 0
    /// People whose memberships have all ended.
    var former = 0

    init(_ memberships: [Membership]) {
        var open = Set<EntityID>(), everyone = Set<EntityID>()
        for membership in memberships {
            everyone.insert(membership.person)
            if membership.isOpen { open.insert(membership.person) }
        }
        active = open.count
        former = everyone.count - open.count
    }
}

/// `gang list`: every gang with its number of cliques and members.
enum GangList {
    static let command = Command(spec, run: run)

    static let spec = CommandSpec(
        ["gang", "list"],
        summary: "List the gangs with their number of cliques, current and former members",
        discussion: """
            A gang is a group with type gang. active_members counts people with an open membership in \
            the gang or any of its cliques; former_members those whose memberships have all ended. Rows \
            are ordered by name, then id.
            """,
        examples: ["gang list", "gang list | where active_members > 100"])

    static let columns = [
        Column("gang", .entity(kind: CoreSchema.Kind.group)), Column("name", .string), Column("founded", .date),
        Column("cliques", .int), Column("active_members", .int), Column("former_members", .int),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let index = try GangIndex(context.store)
        var table = ResultTable(columns: columns)
        for gang in index.gangs {
            try context.checkCancellation()
            table.append(try row(gang, index: index, store: context.store))
        }
        return CommandResult(table: table)
    }

    /// The row of one gang.
    static func row(_ gang: Entity, index: GangIndex, store: any GraphStoreAccess) throws(NexoError) -> [Value] {
        let counts = MemberCounts(try Membership.of(index.memberGroups(of: gang.id), in: store, index: index))
        return [
            .entity(gang.ref), .string(gang.label), .day(gang.founded),
            .count(index.cliquesOfGang[gang.id]?.count ?? 0),
            .count(counts.active), .count(counts.former),
        ]
    }
}
