import LinkGraph
import NexoKit

/// `link path <a> <b> [--max-hops N] [--via kinds] [--during RANGE] [--all | --k N] [--weight confidence]`:
/// how two entities are connected: the shortest chain of links, all shortest, or the k shortest.
enum LinkPath {
    static let command = Command(spec, run: run)

    static let from = ArgumentKey("from", .entity(kind: nil), "One end")
    static let to = ArgumentKey("to", .entity(kind: nil), "The other end")
    static let maxHops = OptionKey("max-hops", .int, "At most this many links")
    static let via = RepeatableOptionKey(
        "via", .string, "Pass only through entities of these kinds (the ends may be any); repeat or use commas")
    static let during = OptionKey(
        "during", .dateRange, "Time-respecting: each link valid in the period, no earlier than the one before")
    static let all = FlagKey("all", "Every shortest path, not one")
    static let k = OptionKey("k", .int, "The k shortest paths (without repeated entities), shortest first")
    static let weight = OptionKey(
        "weight", .oneOf(["confidence"]), "Prefer credible links: a path's cost is the sum of -log(confidence)")

    static let spec = CommandSpec(
        ["link", "path"],
        summary: "How two entities are connected: the shortest chain of links, all shortest, or the k shortest",
        discussion:
            "Links are followed in either direction. One row per entity on each path: 'path' numbers the paths "
            + "(1 first), 'hop' counts links from the start, 'link' and 'edge' are the link that leads to the "
            + "entity. With --during, a path is time-respecting: each link is taken on a day it is valid, within the "
            + "period, and no earlier than the link before it ('date' is the earliest day it can be taken); undated "
            + "links are valid every day. With --weight confidence, the path whose confidences have the largest "
            + "product wins. No row when the two are not connected within the limits.",
        arguments: [from, to],
        options: [maxHops, via, during, all, k, weight],
        examples: [
            "link path P-1 RT-2", "link path G-3 RT-1 --all --max-hops 4 --via person",
            "link path P-7 P-42 --during 2024-01..2024-12", "link path P-1 P-9 --k 3 --weight confidence",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let a = try arguments[from], b = try arguments[to]
        let wantAll = arguments[all], count = arguments[k]
        if wantAll && count != nil { throw NexoError(.usage, "--all and --k exclude each other", hint: "give one") }
        if let count, count < 1 { throw NexoError(.usage, "--k must be at least 1 (given \(count))") }
        if let hops = arguments[maxHops], hops < 1 {
            throw NexoError(.usage, "--max-hops must be at least 1 (given \(hops))")
        }
        let weighted = arguments[weight] != nil
        let period = arguments[during]
        if period != nil && (wantAll || count != nil || weighted) {
            throw NexoError(.usage, "--during finds one time-respecting path", hint: "drop --all, --k and --weight")
        }
        let selection = try AnalysisSelection.make(context, weight: weighted ? .pathCost : .none)
        let graph = selection.graph
        guard let source = selection.local(a.id), let target = selection.local(b.id) else {
            let missing = selection.local(a.id) == nil ? a.id : b.id
            throw NexoError(
                .notFound, "\(missing) is not in the graph" + (selection.isInduced ? " piped in" : ""),
                hint: selection.isInduced ? "pipe both ends in, or none" : "see 'find'")
        }
        var allowed: [Bool]? = nil
        let kinds = Set(LinkNeighbors.split(arguments[via]))
        if !kinds.isEmpty {
            allowed = selection.nodes.map { kinds.contains(selection.view.nodeKinds[Int($0)]) }
        }
        let limits = PathLimits(maxHops: arguments[maxHops].map(Int.init), allowedNodes: allowed)
        var paths: [[Int32]] = []
        var days: [[Int32?]] = []
        do {
            if let period {
                let timed = try graph.earliestArrivalPath(
                    from: source, to: target, edgeIntervals: selection.edgeIntervals(),
                    window: DayInterval(from: period.lower.map(dayNumber), to: period.upper.map(dayNumber)),
                    limits: limits)
                if let timed {
                    paths = [timed.nodes]
                    days = [[nil] + timed.days]
                }
            } else if wantAll {
                paths = try graph.allShortestPaths(
                    from: source, to: target, weighted: weighted, limits: limits, limit: 1_000)
            } else if let count {
                paths = try graph.shortestSimplePaths(
                    from: source, to: target, count: Int(count), weighted: weighted, limits: limits)
            } else if let path = try graph.shortestPath(from: source, to: target, weighted: weighted, limits: limits) {
                paths = [path]
            }
        } catch {
            throw NexoError(.usage, "cannot search these paths: \(error.description)")
        }
        var table = ResultTable(columns: [
            Column("path", .int), Column("hop", .int), Column("entity", .entity(kind: nil)), Column("link", .string),
            Column("edge", .int), Column("date", .date),
        ])
        for (number, path) in paths.enumerated() {
            for (hop, local) in path.enumerated() {
                let day = days.isEmpty ? nil : days[number][hop]
                let edge = hop == 0 ? nil : selection.edge(between: path[hop - 1], and: local, onDay: day)
                let ref = selection.references([Int(local)])[0]
                table.append([
                    .int(Int64(number + 1)), .int(Int64(hop)), .entity(ref),
                    edge.map { .string(selection.view.edgeKindNames[Int(selection.view.kind(ofEdge: $0))]) } ?? .null,
                    edge.map { .int(Int64(selection.view.id(ofEdge: $0).rawValue)) } ?? .null,
                    day.map { .date(CivilDate(daysSinceEpoch: Int($0))) } ?? .null,
                ])
            }
        }
        let message =
            paths.isEmpty
            ? "\(a.id) and \(b.id) are not connected"
                + (limits == PathLimits() && period == nil ? "" : " within the limits")
            : "\(paths.count) path\(paths.count == 1 ? "" : "s") of \(paths[0].count - 1) "
                + "link\(paths[0].count == 2 ? "" : "s")"
                + (wantAll && paths.count == 1_000 ? " (the first 1,000 shortest)" : "")
        return CommandResult(table: table, message: message)
    }

    /// Days since 1970-01-01.
    static func dayNumber(_ date: CivilDate) -> Int32 { Int32(date.daysSinceEpoch) }
}
