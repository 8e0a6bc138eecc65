import LinkGraph
import NexoKit

/// `link keyplayers <k> [--goal fragment|reach]`: Borgatti's key-player sets — the k entities whose
/// removal breaks the network apart most, or that reach the rest most closely.
enum LinkKeyPlayers {
    static let command = Command(spec, run: run)

    static let k = ArgumentKey("k", .int, "How many key players")
    static let goal = DefaultedOptionKey(
        "goal", .oneOf(["fragment", "reach"]),
        "fragment: whose removal breaks the network most; reach: who reach everyone else most closely",
        default: "fragment")
    static let seed = DefaultedOptionKey("seed", .int, "Seed (breaks ties between equally good sets)", default: 1)

    static let spec = CommandSpec(
        ["link", "keyplayers"],
        summary: "Borgatti's key players: the k entities whose arrest breaks the network most, or who reach it best",
        discussion:
            "Goal fragment maximises distance-weighted fragmentation (1 − the mean of 1/distance over the pairs "
            + "left, 0 when they are cut apart) after removing the set; goal reach maximises the mean over the "
            + "other entities of 1/distance to the nearest member of the set (Borgatti 2006). A greedy start is "
            + "improved by swaps until none helps. Each score evaluates the whole graph, so this is for graphs of "
            + "at most 300 entities: pipe in a neighbourhood or a community. One row per key player; the "
            + "message gives the score.",
        arguments: [k],
        options: [goal, seed],
        examples: [
            "link communities | where community = 1 | link keyplayers 3",
            "link neighbors G-1 --depth 2 | link keyplayers 2 --goal reach",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let size = try arguments[k]
        let selection = try AnalysisSelection.make(context)
        let graph = selection.graph
        guard size >= 1, size <= graph.nodeCount else {
            throw NexoError(
                .usage, "k must be 1 to \(graph.nodeCount), the number of entities here (given \(size))",
                hint: "choose a smaller k, or pipe in more entities")
        }
        guard graph.nodeCount <= 300 else {
            throw NexoError(
                .usage,
                "key players are searched on graphs of at most 300 entities (this one has \(graph.nodeCount))",
                hint: "pipe in a neighbourhood or a community: link neighbors G-1 --depth 2 | link keyplayers 3")
        }
        let seedValue = UInt64(bitPattern: arguments[seed])
        let found: KeyPlayerSet
        do {
            found =
                arguments[goal] == "reach"
                ? try graph.keyPlayersReach(k: Int(size), seed: seedValue)
                : try graph.keyPlayersFragment(k: Int(size), seed: seedValue)
        } catch {
            throw NexoError(.usage, "cannot search key players: \(error.description)")
        }
        try context.checkCancellation()
        var table = ResultTable(columns: [Column("entity", .entity(kind: nil)), Column("rank", .int)])
        let refs = selection.references(found.nodes.map(Int.init))
        for (rank, ref) in refs.enumerated() { table.append([.entity(ref), .int(Int64(rank + 1))]) }
        let score = (found.score * 10_000).rounded() / 10_000
        return CommandResult(
            table: table,
            message:
                "\(arguments[goal]) score \(score) for \(size) key player\(size == 1 ? "" : "s") over "
                + selection.scope
        )
    }
}
