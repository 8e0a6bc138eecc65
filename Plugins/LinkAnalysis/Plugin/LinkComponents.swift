import LinkGraph
import NexoKit

/// `link components [--min-size N]`: the connected parts of the graph (links followed either way).
enum LinkComponents {
    static let command = Command(spec, run: run)

    static let minSize = DefaultedOptionKey(
        "min-size", .int, "Only components of at least this many entities", default: 1)

    static let spec = CommandSpec(
        ["link", "components"],
        summary: "The connected parts of the graph: which entities are linked at all, however far",
        discussion:
            "One row per entity: its component (numbered from 1, largest first; ties by smallest entity id) and "
            + "the component's size. Over the whole graph, or over the entities piped in and the links among them.",
        options: [minSize],
        examples: ["link components --min-size 3", "link components | count --by component"],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let minimum = arguments[minSize]
        guard minimum >= 1 else { throw NexoError(.usage, "--min-size must be at least 1 (given \(minimum))") }
        let selection = try AnalysisSelection.make(context)
        let (membership, count) = selection.graph.componentMembership()
        let groups = RankedGroups(membership: membership, count: count, minimumSize: Int(clamping: minimum))
        let table = selection.groupTable(groups, named: "component")
        return CommandResult(
            table: table, message: "\(groups.sizes.count) components of at least \(minimum) over \(selection.scope)")
    }
}
