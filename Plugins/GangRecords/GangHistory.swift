import NexoKit

/// `gang history [<person>]`: a person's memberships and prison terms, in date order.
enum GangHistory {
    static let command = Command(spec, run: run)

    static let person = OptionalArgumentKey(
        "person", .entity(kind: CoreSchema.Kind.person), "The person (leave out when piping)")

    static let spec = CommandSpec(
        ["gang", "history"],
        summary: "Show a person's gang memberships and prison terms in date order",
        discussion: """
            One row per period: event is member (a member_of edge to a clique or gang; detail is why \
            they left) or prison (an incarcerated_in edge; detail is the charge). People may be piped \
            in (the first column of people is used). Rows are ordered by person as given, then start \
            date (unknown first), end date (still running last), event, edge id. --provenance adds each \
            period's edge with the source it cites and its grading.
            """,
        arguments: [person],
        options: [EdgeProvenanceColumns.flag],
        examples: [
            "gang history P-12", "gang history \"Kevin García Romero\"",
            "gang members G-4 --role palabrero --all | gang history",
            "gang history P-13 --provenance | select event at_name from source grading",
        ],
        input: .entities(kind: CoreSchema.Kind.person))

    static let columns = [
        Column("person", .entity(kind: CoreSchema.Kind.person)), Column("name", .string), Column("from", .date),
        Column("to", .date),
        Column("event", .string), Column("at", .entity(kind: nil)), Column("at_name", .string),
        Column("gang", .entity(kind: CoreSchema.Kind.group)), Column("role", .string), Column("moniker", .string),
        Column("detail", .string),
    ]

    /// One period of a person's history.
    struct Row {
        let person: EntityRef
        let edge: Edge
        let event: String
        let at: EntityRef
        let gang: EntityRef?

        var cells: [Value] {
            let detail = event == "member" ? edge.properties["left_reason"] : edge.properties["charge"]
            return [
                .entity(person), .string(person.label), .day(edge.validFrom), .day(edge.validTo), .string(event),
                .entity(at), .string(at.label), .ref(gang), edge.properties[CoreSchema.MemberOf.role] ?? .null,
                edge.properties["moniker"] ?? .null, detail ?? .null,
            ]
        }

        static func precedes(_ a: Row, _ b: Row) -> Bool {
            if a.edge.validFrom != b.edge.validFrom { return Order.date(a.edge.validFrom, b.edge.validFrom) }
            if a.edge.validTo != b.edge.validTo { return Order.end(a.edge.validTo, b.edge.validTo) }
            if a.event != b.event { return a.event < b.event }
            return a.edge.id < b.edge.id
        }
    }

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let people = try Inputs.requireTargets(
            Inputs.targets(given: arguments[person], kind: CoreSchema.Kind.person, input: context.input),
            command: "gang history", what: "a person", example: "P-12")
        let index = try GangIndex(context.store)
        let withProvenance = arguments[EdgeProvenanceColumns.flag]
        var table = ResultTable(columns: columns + (withProvenance ? EdgeProvenanceColumns.columns : []))
        for person in people {
            try context.checkCancellation()
            for row in try rows(of: person, in: context.store, index: index) {
                table.append(row.cells + (withProvenance ? EdgeProvenanceColumns.cells(row.edge) : []))
            }
        }
        return CommandResult(table: table)
    }

    /// The history of one person, in the documented order.
    static func rows(of person: EntityRef, in store: any GraphStoreAccess, index: GangIndex) throws(NexoError) -> [Row]
    {
        let edges = try store.edges(
            EdgeQuery(
                entity: person.id, direction: .outgoing,
                kinds: [CoreSchema.Edge.memberOf, GangSchema.incarceratedIn])
        )
        .filter { $0.from == person.id }
        let prisons = try People.refs(
            edges.filter { $0.kind == GangSchema.incarceratedIn }.map(\.to), in: store, kind: CoreSchema.Kind.place)
        var rows: [Row] = []
        for edge in edges {
            if edge.kind == CoreSchema.Edge.memberOf, let group = index.ref(edge.to) {
                rows.append(
                    Row(
                        person: person, edge: edge, event: "member", at: group,
                        gang: index.gang(of: edge.to).flatMap(index.ref)))
            } else if edge.kind == GangSchema.incarceratedIn, let prison = prisons[edge.to] {
                rows.append(Row(person: person, edge: edge, event: "prison", at: prison, gang: nil))
            }
        }
        return rows.sorted(by: Row.precedes)
    }
}
