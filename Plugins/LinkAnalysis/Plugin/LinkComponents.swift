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
        var sizes = [Int](repeating: 0, count: count)
        for component in membership { sizes[Int(component)] += 1 }
        // Components are numbered by smallest member: a stable sort by size keeps that order among equals.
        let kept = (0..<count).filter { sizes[$0] >= minimum }
        let ranked = kept.enumerated().sorted { a, b in
            sizes[a.element] != sizes[b.element] ? sizes[a.element] > sizes[b.element] : a.offset < b.offset
        }.map(\.element)
        var rank = [Int32](repeating: -1, count: count)
        var start = [Int](repeating: 0, count: ranked.count + 1)
        for (position, component) in ranked.enumerated() {
            rank[component] = Int32(position)
            start[position + 1] = start[position] + sizes[component]
        }
        // Members by rank, each component's in ascending entity order (a counting sort over the nodes in order).
        var members = [Int](repeating: 0, count: start[ranked.count])
        var fill = start
        for (node, component) in membership.enumerated() where rank[Int(component)] >= 0 {
            let position = Int(rank[Int(component)])
            members[fill[position]] = node
            fill[position] += 1
        }
        var table = ResultTable(columns: [
            Column("entity", .entity(kind: nil)), Column("component", .int), Column("size", .int),
        ])
        table.rows.reserveCapacity(members.count)
        for position in ranked.indices {
            let number = Value.int(Int64(position + 1))
            let size = Value.int(Int64(start[position + 1] - start[position]))
            for index in start[position]..<start[position + 1] {
                table.append([selection.entityValue(members[index]), number, size])
            }
        }
        return CommandResult(
            table: table, message: "\(ranked.count) components of at least \(minimum) over \(selection.scope)")
    }
}
