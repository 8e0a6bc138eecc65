import NexoKit

/// `gang jail <person> <prison> --from DATE [--to DATE] [--charge TEXT]`: records a prison term.
enum GangJail {
    static let command = Command(spec, run: run)

    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "Who was held")
    static let prison = ArgumentKey(
        "prison", .entity(kind: CoreSchema.Kind.place), "The prison (a place of type prison)")
    static let from = OptionKey("from", .date, "First day held (required)")
    static let to = OptionKey("to", .date, "Last day held (leave out while still held)")
    static let charge = OptionKey("charge", .string, "What they were held for")

    static let spec = CommandSpec(
        ["gang", "jail"],
        summary: "Record that a person was held in a prison, from a date (to a date)",
        discussion: """
            Adds an incarcerated_in edge (person → place of type prison) valid from --from to --to \
            (still held when left out), with the charge. Refused when the term overlaps another term of \
            the person (in any prison): record transfers as consecutive terms. Every write names its \
            source. Returns the term as 'gang history' shows it. 'gang release' ends an open term.
            """,
        arguments: [person, prison],
        options: [from, to, charge] + SourceOptions.options,
        examples: [
            "gang jail P-12 \"Centro Penal de Izalco\" --from 2016-02-01 --to 2019-07-31 --charge extorsión "
                + "--source S-1"
        ],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let store = context.store
        let person = try Inputs.person(try arguments[Self.person], in: store)
        let prison = try Territory.place(try arguments[Self.prison], in: store)
        guard prison.type == Types.prison else {
            throw NexoError(
                .usage,
                "\(prison.id) (\(prison.label)) is \(prison.type.map { "a \($0)" } ?? "a place without a type"), "
                    + "not a prison",
                hint: "record the prison with: add place NAME --prop type=prison")
        }
        let from = try Inputs.required(Self.from, in: arguments, "the first day held")
        let to = arguments[Self.to]
        if let to, to < from {
            throw NexoError(
                .usage, "--to \(to) is before --from \(from)", hint: "give the last day held, on or after --from")
        }
        let charge = try arguments[Self.charge].map { text throws(NexoError) in
            try Inputs.name(text, of: "charge", example: "extorsión")
        }
        try Inputs.checkBorn(person, before: from, option: Self.from)
        let upper = to ?? CivilDate(year: 9999, month: 12, day: 31)!
        for term in try Prisons.terms(of: person.id, in: store)
        where (term.validFrom ?? from) <= upper && from <= (term.validTo ?? CivilDate(year: 9999, month: 12, day: 31)!)
        {
            throw NexoError(
                .conflict,
                "the term overlaps \(person.id)'s term in \(term.to) from "
                    + "\(term.validFrom?.description ?? "an unknown date")"
                    + "\(term.validTo.map { " to \($0)" } ?? " (still held)") "
                    + "(\(term.id))",
                hint: term.validTo == nil ? "end it first: gang release \(person.id) --on DATE" : "check the dates")
        }
        let source = try Inputs.source(arguments, context)
        let edge = try store.addEdge(
            EdgeDraft(
                kind: GangSchema.incarceratedIn, from: person.id, to: prison.id,
                properties: charge.map { ["charge": .string($0)] } ?? [:], validFrom: from, validTo: to),
            source: source.id)
        let row = GangHistory.Row(person: person.ref, edge: edge, event: "prison", at: prison.ref, gang: nil)
        return CommandResult(
            table: ResultTable(columns: GangHistory.columns, rows: [row.cells]),
            message: "\(person.id) held in \(prison.id) from \(from)\(to.map { " to \($0)" } ?? "") (\(edge.id))")
    }
}

/// `gang release <person> --on DATE`: ends a person's open prison term.
enum GangRelease {
    static let command = Command(spec, run: run)

    static let person = ArgumentKey("person", .entity(kind: CoreSchema.Kind.person), "Who was released")
    static let on = OptionKey("on", .date, "Last day held (required)")

    static let spec = CommandSpec(
        ["gang", "release"],
        summary: "Record that a person was released: ends their open prison term",
        discussion: """
            Ends the person's open incarcerated_in term on --on (the last day held). As with 'gang \
            leave', the open edge is replaced by a closed one with the same prison, charge and start, \
            carrying this command's source. Refused when no term is open or --on is before it began.
            """,
        arguments: [person],
        options: [on] + SourceOptions.options,
        examples: ["gang release P-13 --on 2026-03-31 --source S-1"],
        writes: true)

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let store = context.store
        let person = try Inputs.person(try arguments[Self.person], in: store)
        let on = try Inputs.required(Self.on, in: arguments, "the last day held")
        guard let open = try Prisons.terms(of: person.id, in: store).last(where: { $0.validTo == nil }) else {
            throw NexoError(
                .notFound, "\(person.id) (\(person.label)) has no open prison term",
                hint: "see 'gang history \(person.id)'")
        }
        if let since = open.validFrom, on < since {
            throw NexoError(
                .usage, "--on \(on) is before the term began (\(since))", hint: "give a date on or after \(since)")
        }
        let source = try Inputs.source(arguments, context)
        let closed = try Edges.close(open, on: on, adding: [:], source: source.id, in: store)
        guard let prison = try store.entity(closed.to) else {
            throw NexoError(.failed, "prison \(closed.to) vanished while writing")
        }
        let row = GangHistory.Row(person: person.ref, edge: closed, event: "prison", at: prison.ref, gang: nil)
        return CommandResult(
            table: ResultTable(columns: GangHistory.columns, rows: [row.cells]),
            message: "\(person.id) released from \(prison.id) on \(on): open \(open.id) replaced by closed \(closed.id)"
        )
    }
}

/// Reading prison terms.
enum Prisons {
    /// The `incarcerated_in` edges of a person, in edge-id order.
    static func terms(of person: EntityID, in store: any GraphStoreAccess) throws(NexoError) -> [Edge] {
        try store.edges(EdgeQuery(entity: person, direction: .outgoing, kinds: [GangSchema.incarceratedIn])).filter {
            $0.from == person
        }
    }
}
