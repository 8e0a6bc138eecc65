import NexoKit

/// `gang leave <person> <clique> --on DATE [--reason R]`: records that a person left a clique.
enum GangLeave {
    static let command = Command(spec, run: run)

    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "Who left")
    static let clique = ArgumentKey("clique", .entity(kind: CoreSchema.Kind.group), "The clique they left")
    static let on = OptionKey("on", .date, "When they left (required)")
    static let reason = OptionKey("reason", .oneOf(GangSchema.leftReasons), "Why they left")

    static let spec = CommandSpec(
        ["gang", "leave"],
        summary: "Record that a person left a clique (ends their open membership)",
        discussion: """
            Ends the person's open membership in the clique on --on, with the reason when given. The \
            store cannot change an edge, so the open member_of edge is replaced by a closed one with the \
            same role, moniker, start date and confidence; the new edge carries this command's source \
            (the original edge's source is named in the message). Refused when there is no open \
            membership or --on is before it began. Returns the membership as 'gang members --all' shows it.
            """,
        arguments: [person, clique],
        options: [on, reason] + SourceOptions.options,
        examples: ["gang leave P-12 \"Acajutla Locos Salvatrucha\" --on 2021-08-15 --reason incarcerated --source S-1"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let store = context.store
        let index = try GangIndex(store)
        let person = try arguments[Self.person]
        let clique = try index.gangOrClique(try arguments[Self.clique], for: "gang leave")
        let on = try Inputs.required(Self.on, in: arguments, "when they left")
        let reason = arguments[Self.reason]
        if let reason, !GangSchema.leftReasons.contains(reason) {
            throw NexoError(
                .usage, "unknown reason '\(reason)' for --reason",
                hint: Suggestions.didYouMean(reason, in: GangSchema.leftReasons)
                    ?? "reasons: \(GangSchema.leftReasons.joined(separator: ", "))")
        }
        let memberships = try Membership.of(person: person.id, in: store, index: index).filter { $0.group == clique.id }
        guard let open = memberships.last(where: \.isOpen) else {
            let past = memberships.compactMap { m in m.until.map { "\(m.since?.description ?? "")..\($0)" } }
            throw NexoError(
                .notFound, "\(person.id) (\(person.label)) has no open membership in \(clique.id) (\(clique.label))",
                hint: past.isEmpty
                    ? "see 'gang history \(person.id)'"
                    : "past memberships: \(past.joined(separator: ", ")); see 'gang history \(person.id)'")
        }
        if let since = open.since, on < since {
            throw NexoError(
                .usage, "--on \(on) is before \(person.id) joined \(clique.id) (\(since))",
                hint: "give a date on or after \(since)")
        }
        let source = try Inputs.source(arguments, context)
        let closed = try Edges.close(
            open.edge, on: on, adding: reason.map { ["left_reason": .string($0)] } ?? [:],
            source: source.id, in: store)
        let row = MemberRow(membership: Membership(edge: closed), person: person, clique: clique.ref)
        let was = open.edge.provenance?.source.map { "; the membership was reported by \($0.id) (\($0.grading))" } ?? ""
        return CommandResult(
            table: MemberRow.table([row]),
            message:
                "\(person.id) left \(clique.id) on \(on): open \(open.edge.id) replaced by closed \(closed.id)\(was)")
    }
}

/// Edge changes the SDK has no single call for.
enum Edges {
    /// Ends `edge` on `date`: adds the same edge with `validTo` set and `properties` added, from
    /// `source`, and removes the open one (the SDK cannot update an edge). Returns the new edge.
    static func close(
        _ edge: Edge, on date: CivilDate, adding properties: [String: Value], source: EntityID,
        in store: any GraphStoreAccess
    ) throws(NexoError) -> Edge {
        var merged = edge.properties
        for (key, value) in properties { merged[key] = value }
        // Add before removing, so the store cannot hand the removed edge's row number to the new edge.
        let closed = try store.addEdge(
            EdgeDraft(
                kind: edge.kind, from: edge.from, to: edge.to, properties: merged,
                validFrom: edge.validFrom, validTo: date, confidence: edge.confidence),
            source: source)
        try store.removeEdge(edge.id)
        return closed
    }
}
