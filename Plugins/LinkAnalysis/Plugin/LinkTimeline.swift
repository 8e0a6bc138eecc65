import NexoKit

/// `link timeline <entity|input>`: the dated events and links around entities, in date order.
enum LinkTimeline {
    static let command = Command(spec, run: run)

    static let entity = OptionalArgumentKey("entity", .entity(kind: nil), "Whose timeline (or pipe entities in)")
    static let during = OptionKey("during", .dateRange, "Only what happened in this period")

    static let spec = CommandSpec(
        ["link", "timeline"],
        summary: "Dated events and links around entities, in date order",
        discussion:
            "One row per dated fact: the entity's own dated properties (born, founded), each link with its "
            + "validity (a link valid on one day is one event: a crossing, a payment, an encounter; an undated "
            + "link to an event takes the event's date), and the dated properties of what it links to. Dates are shown "
            + "as recorded; rows are ordered by date, then by entity and link. Undated links are listed last, "
            + "without a date.",
        arguments: [entity],
        options: [during],
        examples: ["link timeline P-42", "find person \"Erick Díaz\" | link timeline --during 2024-07..2024-08"],
        input: .entities(kind: nil))

    private struct Row {
        var date: CivilDate?
        var until: CivilDate?
        var subject: EntityRef
        var what: String
        var other: EntityRef?
        var detail: String
    }

    @Sendable static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> CommandResult {
        let targets = context.entities(given: arguments[entity].map { [$0] } ?? [])
        guard !targets.isEmpty else {
            throw NexoError(.usage, "whose timeline?", hint: "give an entity (link timeline P-1) or pipe entities in")
        }
        let period = arguments[during]
        let store = context.store
        var rows: [Row] = []
        for target in targets {
            try context.checkCancellation()
            guard let subject = try store.entity(target.id) else {
                throw NexoError(.notFound, "no entity \(target.id)", hint: "see 'find'")
            }
            for (name, value) in subject.properties.sorted(by: { $0.key < $1.key }) {
                if let date = value.dateValue {
                    rows.append(Row(date: date, subject: subject.ref, what: name, detail: ""))
                }
            }
            let edges = try store.edges(EdgeQuery(entity: subject.id))
            let others = try store.entities(
                EntityQuery(ids: Array(Set(edges.map { $0.from == subject.id ? $0.to : $0.from }))))
            var byID: [EntityID: Entity] = [:]
            for other in others { byID[other.id] = other }
            for edge in edges {
                let otherID = edge.from == subject.id ? edge.to : edge.from
                let other = byID[otherID]
                let direction = edge.from == subject.id ? "" : " (from)"
                // An event the link leads to (a crossing, a payment, an encounter) dates an undated link.
                let eventDate = other?.properties["date"]?.dateValue
                let dated = other.map { datedProperties($0) } ?? []
                let detail = dated.map { "\($0.name) \($0.date)" }.joined(separator: ", ")
                let start = edge.validFrom ?? eventDate
                rows.append(
                    Row(
                        date: start, until: edge.validTo == start ? nil : edge.validTo, subject: subject.ref,
                        what: edge.kind + direction, other: other?.ref ?? EntityRef(id: otherID, kind: "", label: ""),
                        detail: detail))
            }
        }
        if let period {
            rows = rows.filter { row in
                guard let date = row.date else { return false }
                let end = row.until ?? date
                return period.lower.map { end >= $0 } ?? true && (period.upper.map { date <= $0 } ?? true)
            }
        }
        rows.sort { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (a.subject.id, a.what, a.other?.id ?? "") < (b.subject.id, b.what, b.other?.id ?? "")
            }
        }
        var table = ResultTable(columns: [
            Column("date", .date), Column("until", .date), Column("entity", .entity(kind: nil)),
            Column("what", .string),
            Column("other", .entity(kind: nil)), Column("detail", .string),
        ])
        for row in rows {
            table.append([
                row.date.map(Value.date) ?? .null, row.until.map(Value.date) ?? .null, .entity(row.subject),
                .string(row.what), row.other.map(Value.entity) ?? .null, .string(row.detail),
            ])
        }
        return CommandResult(table: table)
    }

    /// An entity's date-valued properties, by name.
    private static func datedProperties(_ entity: Entity) -> [(name: String, date: CivilDate)] {
        entity.properties.sorted { $0.key < $1.key }.compactMap { name, value in
            value.dateValue.map { (name, $0) }
        }
    }
}
