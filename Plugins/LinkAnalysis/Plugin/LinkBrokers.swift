import LinkGraph
import NexoKit

/// `link brokers [--groups membership|kind] [--top N]`: who brokers between whom — Gould and
/// Fernandez's brokerage roles, and Burt's constraint.
enum LinkBrokers {
    static let command = Command(spec, run: run)

    static let groups = DefaultedOptionKey(
        "groups", .oneOf(["membership", "kind"]),
        "What a group is: membership (the group an entity is member_of, else its kind) or kind", default: "membership")
    static let top = OptionKey("top", .int, "Only the N brokers with the most brokerages")

    static let spec = CommandSpec(
        ["link", "brokers"],
        summary: "Who brokers between whom: Gould–Fernandez brokerage roles and Burt's constraint",
        discussion:
            "A brokerage is a chain a → b → c along links in their stored direction, with no link a → c; it counts "
            + "for the broker b, in the role the groups of a, b and c give it: coordinator (all in one group), "
            + "itinerant (a and c in one group, b in another), representative (b in a's group), gatekeeper (b in "
            + "c's group) or liaison (all three apart). Groups are, by default, the group an entity is member_of "
            + "(a group is its own; anything in none counts by its kind). 'constraint' is Burt's constraint "
            + "(networkx's definition, links either way): low for someone whose contacts are not linked to each "
            + "other, the classic broker. Rows are ordered by the number of brokerages, most first.",
        options: [groups, top],
        examples: ["link brokers --top 10", "link neighbors RT-1 --depth 3 | link brokers --groups kind"],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        if let limit = arguments[top], limit < 1 {
            throw NexoError(.usage, "--top must be at least 1 (given \(limit))")
        }
        let selection = try AnalysisSelection.make(context)
        let view = selection.view
        guard selection.graph.nodeCount > 0 else {
            throw NexoError(.notFound, "the graph is empty", hint: "add or import entities first")
        }
        // Each entity's group: what it is member_of (a group is its own), else its kind.
        var groupName = [String](repeating: "", count: selection.nodes.count)
        var directed: [(Int32, Int32)] = []
        let memberOf = view.edgeKindIndex(CoreSchema.Edge.memberOf)
        for (index, node) in selection.nodes.enumerated() {
            let kind = view.nodeKinds[Int(node)]
            groupName[index] = kind == CoreSchema.Kind.group ? view.ids[Int(node)].rawValue : "kind:" + kind
            for slot in view.slots(of: node) where view.isOutgoing(slot) {
                guard let other = selection.local(view.ids[Int(view.neighbor(slot))]) else { continue }
                directed.append((Int32(index), Int32(other)))
                if arguments[groups] == "membership", let memberOf, view.edgeKind(slot) == memberOf,
                    kind != CoreSchema.Kind.group
                {
                    groupName[index] = view.ids[Int(view.neighbor(slot))].rawValue
                }
            }
            if arguments[groups] == "kind" { groupName[index] = kind }
        }
        var numbers: [String: Int32] = [:]
        let groupOf = groupName.map { name in
            numbers[name]
                ?? {
                    numbers[name] = Int32(numbers.count); return numbers[name]!
                }()
        }
        let roles: BrokerageRoles
        do { roles = try BrokerageRoles(edges: directed, groups: groupOf) } catch {
            throw NexoError(.failed, "cannot count brokerages: \(error.description)")
        }
        try context.checkCancellation()
        let constraint = selection.graph.constraint()
        let total = roles.total
        var order = Array(total.indices).filter { total[$0] > 0 }
        order.sort { total[$0] != total[$1] ? total[$0] > total[$1] : $0 < $1 }
        if let limit = arguments[top] { order = Array(order.prefix(Int(limit))) }
        var table = ResultTable(columns: [
            Column("entity", .entity(kind: nil)), Column("brokerages", .int), Column("coordinator", .int),
            Column("itinerant", .int), Column("representative", .int), Column("gatekeeper", .int),
            Column("liaison", .int), Column("constraint", .double),
        ])
        let refs = selection.references(order)
        for (local, ref) in zip(order, refs) {
            table.append([
                .entity(ref), .int(Int64(total[local])), .int(Int64(roles.coordinator[local])),
                .int(Int64(roles.itinerant[local])), .int(Int64(roles.representative[local])),
                .int(Int64(roles.gatekeeper[local])), .int(Int64(roles.liaison[local])),
                constraint[local].isNaN ? .null : .double(constraint[local]),
            ])
        }
        return CommandResult(
            table: table,
            message: "\(order.count) brokers over \(selection.scope), \(numbers.count) groups (\(arguments[groups]))")
    }
}
