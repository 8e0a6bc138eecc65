import NexoKit

/// `link neighbors <entity> [--depth N] [--kinds K,…] [--links K,…] [--during RANGE] [--min-grading B2]`:
/// everything within N links of an entity (or of the entities piped in), with how far it is and the
/// link that reached it.
enum LinkNeighbors {
    static let command = Command(spec, run: run)

    static let entity = OptionalArgumentKey("entity", .entity(kind: nil), "Where to start (or pipe entities in)")
    static let depth = DefaultedOptionKey("depth", .int, "How many links away (1 to 10)", default: 1)
    static let kinds = RepeatableOptionKey(
        "kinds", .string, "Only list entities of these kinds (the walk goes through every kind); repeat or use commas")
    static let links = RepeatableOptionKey("links", .string, "Follow only links of these kinds; repeat or use commas")
    static let during = OptionKey("during", .dateRange, "Follow only links valid at some time in this period")
    static let minGrading = OptionKey(
        "min-grading", .string, "Follow only links whose source is graded this well or better (B2: A or B, 1 or 2)")
    static let limit = DefaultedOptionKey(
        "limit", .int, "Stop with an error past this many entities (say --limit N to allow more)", default: 100_000)

    static let spec = CommandSpec(
        ["link", "neighbors"],
        summary: "Everything within N links of an entity, with its distance and the link that reached it",
        discussion:
            "A breadth-first walk over links in either direction. Rows are ordered by depth, then entity id; "
            + "'from' is the entity one step closer to the start on a shortest walk (the first in entity order "
            + "when several are), 'link' the kind of that link. The start entities themselves are not listed. "
            + "--during follows links whose validity overlaps the period (undated links always); --min-grading "
            + "follows links reported by a source graded at least that well (links without a source are left out).",
        arguments: [entity],
        options: [depth, kinds, links, during, minGrading, limit],
        examples: [
            "link neighbors P-1 --depth 2 --kinds person", "link neighbors G-1 --links member_of",
            "find person zorro | link neighbors --depth 2 | link centrality --measure betweenness",
        ],
        input: .entities(kind: nil))

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let starts = context.entities(given: arguments[entity].map { [$0] } ?? [])
        guard !starts.isEmpty else {
            throw NexoError(.usage, "where from?", hint: "give an entity (link neighbors P-1) or pipe entities in")
        }
        let hops = Int(arguments[depth])
        guard (1...10).contains(hops) else { throw NexoError(.usage, "--depth must be 1 to 10 (given \(hops))") }
        let bound = Int(arguments[limit])
        let wantedKinds = Set(split(arguments[kinds]))
        let linkNames = split(arguments[links])
        let view = try context.store.graphView(edgeKinds: [])
        var allowed: Set<UInt16>? = nil
        if !linkNames.isEmpty {
            allowed = []
            for name in linkNames {
                guard let index = view.edgeKindIndex(name) else {
                    throw NexoError(
                        .usage, "unknown link kind '\(name)'",
                        hint: Suggestions.didYouMean(name, in: view.edgeKindNames) ?? "see 'kinds'")
                }
                allowed?.insert(index)
            }
        }
        let period = arguments[during]
        let floor = try arguments[minGrading].map(grading)
        let filtersLinks = period != nil || floor != nil
        func usable(_ edge: Int) -> Bool {
            if let period, !view.isEdge(edge, validDuring: period) { return false }
            if let floor {
                guard let grade = view.grading(ofEdge: edge) else { return false }
                let letters = SourceReliability.allCases
                guard letters.firstIndex(of: grade.reliability)! <= letters.firstIndex(of: floor.0)!,
                    grade.credibility.rawValue <= floor.1.rawValue
                else { return false }
            }
            return true
        }
        var followed = [Bool](repeating: allowed == nil, count: view.edgeKindNames.count)
        for kind in allowed ?? [] { followed[Int(kind)] = true }
        let adjacency = ViewAdjacency.of(view)
        var startNodes: [Int32] = []
        for start in starts {
            guard let node = view.node(start.id) else {
                throw NexoError(.notFound, "\(start.id) is not in the graph", hint: "see 'find'")
            }
            startNodes.append(node)
        }
        var buffers = WalkBuffers.take(nodeCount: view.nodeCount)
        var frontier: [Int32] = []
        for node in startNodes.sorted() where buffers.distance[Int(node)] < 0 {
            buffers.distance[Int(node)] = 0
            frontier.append(node)
        }
        let startFrontier = frontier
        // Each hop's nodes sorted: `reached` is in (depth, entity id) order, the order rows are listed in.
        var reached: [Int32] = []
        defer { buffers.giveBack(touched: startFrontier + reached) }
        for hop in 1...hops {
            try context.checkCancellation()
            let firstOfHop = reached.count
            adjacency.offsets.withUnsafeBufferPointer { offsets in
                adjacency.targets.withUnsafeBufferPointer { targets in
                    adjacency.kinds.withUnsafeBufferPointer { kinds in
                        buffers.distance.withUnsafeMutableBufferPointer { distance in
                            buffers.parent.withUnsafeMutableBufferPointer { parent in
                                buffers.via.withUnsafeMutableBufferPointer { via in
                                    for node in frontier {
                                        for slot in Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1]) {
                                            let other = Int(targets[slot])
                                            guard distance[other] < 0, followed[Int(kinds[slot])] else { continue }
                                            if filtersLinks && !usable(Int(adjacency.edges[slot])) { continue }
                                            distance[other] = Int32(hop)
                                            parent[other] = node
                                            via[other] = kinds[slot]
                                            reached.append(Int32(other))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if reached.count > bound {
                throw NexoError(
                    .failed, "more than \(bound) entities within \(hops) links",
                    hint: "lower --depth, filter with --links, or raise --limit")
            }
            reached[firstOfHop...].withUnsafeMutableBufferPointer { buffers.sortAscending($0) }
            frontier = Array(reached[firstOfHop...])
        }
        var listed = reached
        if !wantedKinds.isEmpty {
            let wanted = adjacency.nodeKindNames.map { wantedKinds.contains($0) }
            listed = reached.filter { wanted[Int(adjacency.nodeKinds[Int($0)])] }
        }
        let table = ResultTable(
            columns: [
                Column("entity", .entity(kind: nil)), Column("depth", .int), Column("from", .entity(kind: nil)),
                Column("link", .string),
            ],
            cells: [
                .entities(nodes: listed, of: view),
                .coded(listed.map { buffers.distance[Int($0)] }, dictionary: (0...hops).map { .int(Int64($0)) }),
                .entities(nodes: listed.map { buffers.parent[Int($0)] }, of: view),
                .coded(listed.map { Int32(buffers.via[Int($0)]) }, dictionary: view.edgeKindNames.map { .string($0) }),
            ])
        return CommandResult(table: table)
    }

    /// An admiralty grading such as `B2` (the SDK's parser), refused as a `--min-grading` value.
    static func grading(_ text: String) throws(NexoError) -> (SourceReliability, InformationCredibility) {
        do { return try SourceOptions.parseGrading(text) } catch {
            throw NexoError(
                .usage, "'\(text)' is not a grading", hint: "write a reliability A-F and a credibility 1-6: B2")
        }
    }

    /// Values of a repeatable option, each also split at commas.
    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }
            .map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
            .filter { !$0.isEmpty }
    }
}
