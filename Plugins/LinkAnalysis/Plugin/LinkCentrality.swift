import LinkGraph
import NexoKit

/// `link centrality [--measure M] [--kind K] [--top N] [--samples N --seed S] [--weight confidence]`:
/// who matters in the graph, by one of six measures, normalised as networkx normalises by default.
enum LinkCentrality {
    static let command = Command(spec, run: run)

    /// The measures, by the name of their output column.
    enum Measure: String, CaseIterable {
        case degree, betweenness, closeness, harmonic, eigenvector, pagerank

        /// How the values are normalised (said in the command's message).
        var normalisation: String {
            switch self {
            case .degree: "degree / (n − 1), as networkx's degree_centrality"
            case .betweenness:
                "pairs through the entity × 2 / ((n − 1)(n − 2)), endpoints not counted, as networkx's "
                    + "betweenness_centrality(normalized=True)"
            case .closeness:
                "(reached − 1) / (sum of distances), scaled by (reached − 1) / (n − 1) (Wasserman–Faust), as "
                    + "networkx's closeness_centrality"
            case .harmonic: "sum of 1 / distance, not normalised, as networkx's harmonic_centrality"
            case .eigenvector: "unit Euclidean length, as networkx's eigenvector_centrality"
            case .pagerank: "sums to 1, damping 0.85, as networkx's pagerank"
            }
        }
    }

    static let measure = DefaultedOptionKey(
        "measure", .oneOf(Measure.allCases.map(\.rawValue)),
        "Which centrality: degree, betweenness, closeness, harmonic, eigenvector or pagerank",
        default: Measure.degree.rawValue)
    static let kind = OptionKey(
        "kind", .string, "Only rows of entities of this kind (the measure uses the whole graph)")
    static let top = OptionKey("top", .int, "Only the N highest")
    static let samples = OptionKey(
        "samples", .int, "Betweenness estimated from N sampled source entities (rescaled), instead of exact")
    static let sources = OptionKey(
        "sources", .int, "Closeness or harmonic of N sampled entities only (rows for those), instead of all")
    static let seed = DefaultedOptionKey("seed", .int, "Seed of --samples and --sources", default: 1)
    static let weight = OptionKey(
        "weight", .oneOf(["confidence"]), "Weigh links by their confidence (pagerank and eigenvector only)")

    static let spec = CommandSpec(
        ["link", "centrality"],
        summary: "Rank entities by degree, betweenness, closeness, harmonic, eigenvector or pagerank centrality",
        discussion:
            "Over the whole graph (the case's, when one is in use), or over the entities piped in and the links "
            + "among them. Values are normalised as networkx normalises them by default; the message names the "
            + "normalisation. Rows are sorted by the measure, highest first, then by entity id. Exact betweenness "
            + "takes time that grows with entities × links: on large graphs use --samples.",
        arguments: [],
        options: [measure, kind, top, samples, sources, seed, weight],
        examples: [
            "link centrality --measure betweenness --kind person --top 10",
            "find person zorro | link neighbors --depth 2 | link centrality --measure pagerank",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        guard let chosen = Measure(rawValue: arguments[measure]) else {
            throw NexoError(.usage, "unknown measure '\(arguments[measure])'")
        }
        let weighted = arguments[weight] != nil
        if weighted && ![.pagerank, .eigenvector].contains(chosen) {
            throw NexoError(
                .usage, "--weight applies to pagerank and eigenvector only",
                hint: "drop --weight, or use --measure pagerank")
        }
        if arguments[samples] != nil && chosen != .betweenness {
            throw NexoError(
                .usage, "--samples applies to betweenness only", hint: "for closeness or harmonic use --sources")
        }
        if arguments[sources] != nil && ![.closeness, .harmonic].contains(chosen) {
            throw NexoError(.usage, "--sources applies to closeness and harmonic only")
        }
        if let limit = arguments[top], limit < 1 {
            throw NexoError(.usage, "--top must be at least 1 (given \(limit))")
        }
        let selection = try AnalysisSelection.make(context, weight: weighted ? .confidence : .none)
        let graph = selection.graph
        guard graph.nodeCount > 0 else {
            throw NexoError(.notFound, "the graph is empty", hint: "add or import entities first")
        }

        // The entities measured (all, or --sources of them) and their values, in the same order.
        var measured = (0..<Int32(graph.nodeCount)).map { $0 }
        var values: [Double]
        let keepGoing: (Int, Int) -> Bool = { done, total in
            context.output.progress(done, of: total, label: chosen.rawValue)
            return !context.isCancelled()
        }
        switch chosen {
        case .degree: values = graph.degreeCentrality()
        case .pagerank: values = try graph.pageRank()
        case .eigenvector: values = try graph.eigenvectorCentrality()
        case .closeness, .harmonic:
            if let count = arguments[sources] {
                do {
                    measured = try graph.sampleNodes(count: Int(count), seed: UInt64(bitPattern: arguments[seed]))
                        .sorted()
                } catch {
                    throw NexoError(.usage, "--sources must be 1 to \(graph.nodeCount) here (given \(count))")
                }
            }
            let result =
                chosen == .closeness
                ? graph.closenessCentrality(of: measured, shouldContinue: keepGoing)
                : graph.harmonicCentrality(of: measured, shouldContinue: keepGoing)
            guard let result else { throw cancelled }
            values = result
        case .betweenness:
            let result: [Double]?
            if let count = arguments[samples] {
                do {
                    result = try graph.sampledBetweennessCentrality(
                        samples: Int(count), seed: UInt64(bitPattern: arguments[seed]), shouldContinue: keepGoing)
                } catch {
                    throw NexoError(.usage, "--samples: \(error.description)")
                }
            } else {
                result = graph.betweennessCentrality(shouldContinue: keepGoing)
            }
            guard let result else { throw cancelled }
            values = result
        }
        var order = Array(measured.indices)
        if let wanted = arguments[kind] {
            order = order.filter { selection.view.nodeKinds[Int(selection.nodes[Int(measured[$0])])] == wanted }
        }
        order.sort { values[$0] != values[$1] ? values[$0] > values[$1] : measured[$0] < measured[$1] }
        if let limit = arguments[top] { order = Array(order.prefix(Int(limit))) }
        var table = ResultTable(columns: [Column("entity", .entity(kind: nil)), Column(chosen.rawValue, .double)])
        let refs = selection.references(order.map { Int(measured[$0]) })
        for (position, ref) in zip(order, refs) { table.append([.entity(ref), .double(values[position])]) }
        var message = "\(chosen.rawValue) over \(selection.scope); normalised: \(chosen.normalisation)"
        if let count = arguments[samples] {
            message += "; estimated from \(count) sampled sources (seed \(arguments[seed]))"
        }
        if let count = arguments[sources] { message += "; for \(count) sampled entities (seed \(arguments[seed]))" }
        return CommandResult(table: table, message: message)
    }

    private static let cancelled = NexoError(.cancelled, "cancelled; nothing was changed")
}
