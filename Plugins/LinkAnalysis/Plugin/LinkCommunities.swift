import LinkGraph
import NexoKit

/// `link communities [--method leiden|louvain|label-propagation|async-label-propagation] [--seed S] [--resolution R]`:
/// groups of entities more linked among themselves than to the rest.
enum LinkCommunities {
    static let command = Command(spec, run: run)

    static let method = DefaultedOptionKey(
        "method", .oneOf(["leiden", "louvain", "label-propagation", "async-label-propagation"]),
        "leiden (default: every community connected), louvain, label-propagation (semi-synchronous, no seed) or "
            + "async-label-propagation (random order)", default: "leiden")
    /// No default in the spec, so that a seed given to label-propagation (which has no use for one) is noticed.
    static let seed = OptionKey(
        "seed", .int, "Seed (default 1): the same seed gives the same communities (all but label-propagation)")
    static let resolution = DefaultedOptionKey(
        "resolution", .double, "Above 1: more, smaller communities; below 1: fewer, larger (leiden, louvain)",
        default: 1)
    static let weight = OptionKey("weight", .oneOf(["confidence"]), "Weigh links by their confidence")
    static let passes = OptionKey(
        "passes", .int, "Leiden: at most this many passes, each from the last one's result (default: until stable)")

    static let spec = CommandSpec(
        ["link", "communities"],
        summary:
            "Groups of entities more linked among themselves than to the rest (Leiden, Louvain, label propagation)",
        discussion:
            "One row per entity with its community (numbered from 1, largest first) and the community's size; the "
            + "message gives the modularity (networkx's definition, at the resolution used). Leiden (Traag, Waltman "
            + "and van Eck 2019) is the default: unlike Louvain it never returns a community in disconnected "
            + "pieces. Leiden repeats passes until one no longer improves modularity (at most 50); --passes N stops "
            + "sooner (igraph's n_iterations; it runs 2 by default). label-propagation is networkx's "
            + "label_propagation_communities (Cordasco and Gargano's semi-synchronous method: the same communities "
            + "every time, no seed); async-label-propagation is networkx's asyn_lpa_communities (Raghavan, Albert "
            + "and Kumara: nodes in a random order, seeded). Over the whole graph, or over the entities piped in and "
            + "the links among them.",
        options: [method, seed, resolution, weight, passes],
        examples: [
            "link communities", "link communities --method louvain --seed 7 --resolution 1.5",
            "link communities | where size > 5 | count --by community",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let chosen = arguments[method]
        let gamma = arguments[resolution]
        guard gamma.isFinite, gamma > 0 else {
            throw NexoError(.usage, "--resolution must be above 0 (given \(gamma))")
        }
        if chosen == "label-propagation" && arguments[seed] != nil {
            throw NexoError(
                .usage, "--seed does not apply to label-propagation: it makes no random choices",
                hint: "leave out --seed, or use --method async-label-propagation for the seeded random-order method")
        }
        let isLabelPropagation = chosen.hasSuffix("label-propagation")
        if isLabelPropagation && gamma != 1 {
            throw NexoError(.usage, "--resolution applies to leiden and louvain only")
        }
        let passLimit = arguments[passes].map(Int.init) ?? 50
        if arguments[passes] != nil && chosen != "leiden" {
            throw NexoError(.usage, "--passes applies to leiden only")
        }
        guard (1...1_000).contains(passLimit) else {
            throw NexoError(.usage, "--passes must be 1 to 1000 (given \(passLimit))")
        }
        let selection = try AnalysisSelection.make(context, weight: arguments[weight] == nil ? .none : .confidence)
        let graph = selection.graph
        guard graph.nodeCount > 0 else {
            throw NexoError(.notFound, "the graph is empty", hint: "add or import entities first")
        }
        let seedNumber = arguments[seed] ?? 1
        let seedValue = UInt64(bitPattern: seedNumber)
        // Progress by level (a round of local moving and aggregation); Ctrl-C stops at the next level.
        let keepGoing: (Int) -> Bool = { levels in
            context.output.progress(levels, of: nil, label: "\(chosen) levels")
            return !context.isCancelled()
        }
        let found: Communities
        do {
            switch chosen {
            case "louvain":
                found = try graph.louvainCommunities(seed: seedValue, resolution: gamma, shouldContinue: keepGoing)
            case "label-propagation": found = graph.labelPropagationCommunities()
            case "async-label-propagation": found = graph.asynchronousLabelPropagationCommunities(seed: seedValue)
            default:
                found = try graph.leidenCommunities(
                    seed: seedValue, resolution: gamma, maxPasses: passLimit, shouldContinue: keepGoing)
            }
        } catch .stopped {
            throw NexoError(.cancelled, "cancelled")
        } catch {
            throw NexoError(.usage, "cannot find communities: \(error.description)")
        }
        try context.checkCancellation()
        // Numbered from 1, largest first (ties: by smallest member).
        let groups = RankedGroups(membership: found.membership, count: found.count)
        let table = selection.groupTable(groups, named: "community")
        let modularity = (found.modularity * 10_000).rounded() / 10_000
        return CommandResult(
            table: table,
            message: "\(chosen): \(groups.sizes.count) communities, modularity \(modularity) (resolution \(gamma)"
                + (chosen == "label-propagation" ? "" : ", seed \(seedNumber)") + ") over \(selection.scope)")
    }
}
