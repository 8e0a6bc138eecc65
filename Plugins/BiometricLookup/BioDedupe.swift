import NexoKit

/// `bio dedupe [--min-decision hit|review] [--record]`: stored people whose records say they are one person.
enum BioDedupe {
    static let minimum = DefaultedOptionKey(
        "min-decision", .oneOf(["hit", "review"]), "Weakest decision reported", default: "hit")
    static let record = FlagKey(
        "record", "Record a same_as link between the two people of each pair decided hit (nothing is merged)")
    static let command = Command(
        CommandSpec(
            ["bio", "dedupe"], summary: "Find stored people who are one person by their biographic records",
            discussion:
                "Reads every person, pairs those who share a blocking key (surname sound and year of birth, given "
                + "name and surname sounds, date of birth, document number, postcode), compares each pair with the "
                + "parameters measured on the store ('bio calibrate') and decides it against the bar of a search "
                + "of the whole store, as 'bio identify' would. One row per pair, strongest first: the cluster it "
                + "belongs to (pairs that share a person form one cluster), the two people, the evidence (log10 "
                + "likelihood ratio), the decision and the comparison field by field. Nothing is merged; with "
                + "--record each pair decided hit gets a same_as link carrying its evidence, undone by 'undo'. "
                + "Blocking keys shared by more than 1,000 people are left out and named in the footer.",
            options: [minimum, record] + SourceOptions.options,
            examples: [
                "bio dedupe", "bio dedupe --min-decision review | where cluster == 1",
                "bio dedupe | select cluster person linked_to",
            ], writes: true),
        run: run)

    static let columns = [
        Column("cluster", .int), Column("person", .entity(kind: CoreSchema.Kind.person)),
        Column("linked_to", .entity(kind: CoreSchema.Kind.person)), Column("fused", .double),
        Column("decision", .oneOf(MatchDecision.allCases.map(\.rawValue))), Column("why", .string),
    ]

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let wanted = MatchDecision(rawValue: arguments[minimum]) ?? .hit
        let search = try Probe.matcher(context).duplicates(minimum: wanted)
        let source = arguments[record] ? try SourceOptions.source(from: arguments, in: context.store) : nil
        let clusters = Self.clusters(search.pairs)
        let ids = Array(Set(search.pairs.flatMap { [$0.first, $0.second] }))
        var refs: [EntityID: EntityRef] = [:]
        for person in try context.store.entities(EntityQuery(ids: ids)) { refs[person.id] = person.ref }
        func cell(_ id: EntityID) -> Value { refs[id].map(Value.entity) ?? .string(id.rawValue) }
        var table = ResultTable(columns: columns)
        var recorded = 0
        for pair in search.pairs {
            table.append([
                .int(Int64(clusters[pair.first] ?? 0)), cell(pair.first), cell(pair.second),
                .double(CandidateRows.rounded(pair.evidence)), .string(pair.decision.rawValue),
                .string(pair.explanation.joined(separator: "; ")),
            ])
            if arguments[record], pair.decision == .hit {
                _ = try context.store.addEdge(
                    EdgeDraft(
                        kind: BioKinds.sameAs, from: pair.first, to: pair.second,
                        properties: [
                            BioKinds.SameAs.fused: .double(CandidateRows.rounded(pair.evidence)),
                            BioKinds.SameAs.explanation: .string(pair.explanation.joined(separator: "; ")),
                        ]), source: source?.id)
                recorded += 1
            }
        }
        let clusterCount = Set(clusters.values).count
        var message =
            "\(search.pairs.count) pair\(search.pairs.count == 1 ? "" : "s") in \(clusterCount) "
            + "cluster\(clusterCount == 1 ? "" : "s") among \(search.people) people (\(search.candidatePairs) "
            + "candidate pairs compared)"
        if arguments[record] { message += "; \(recorded) same_as link\(recorded == 1 ? "" : "s") recorded" }
        let skipped =
            search.skippedBlocks.isEmpty
            ? nil
            : "blocking keys left out (too many people share them): "
                + search.skippedBlocks.prefix(5).joined(
                    separator: ", ")
                + (search.skippedBlocks.count > 5 ? " and \(search.skippedBlocks.count - 5) more" : "")
        return CommandResult(table: table, message: message, footer: skipped)
    }

    /// Cluster numbers by person: people linked through pairs share one, numbered 1, 2, … in the order their
    /// first pair comes (strongest first).
    static func clusters(_ pairs: [DuplicatePair]) -> [EntityID: Int] {
        var parent: [EntityID: EntityID] = [:]
        func root(_ x: EntityID) -> EntityID {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        for pair in pairs {
            parent[pair.first] = parent[pair.first] ?? pair.first
            parent[pair.second] = parent[pair.second] ?? pair.second
            let a = root(pair.first), b = root(pair.second)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var numbers: [EntityID: Int] = [:]
        var result: [EntityID: Int] = [:]
        for pair in pairs {
            for id in [pair.first, pair.second] {
                let r = root(id)
                if numbers[r] == nil { numbers[r] = numbers.count + 1 }
                result[id] = numbers[r]
            }
        }
        return result
    }
}
