import NexoKit

/// The tables writing commands return: what they created, so it pipes on.
enum WriteRows {
    /// `id`, `kind`, `label` of each entity, like the core `add`.
    static func entities(_ refs: [EntityRef]) -> ResultTable {
        ResultTable(
            columns: [Column("id", .entity(kind: nil)), Column("kind", .string), Column("label", .string)],
            rows: refs.map { [.entity($0), .string($0.kind), .string($0.label)] })
    }

    /// `edge`, `from`, `kind`, `to`, `valid_from`, `valid_to` of each edge, like the core `link add`.
    static func edges(_ edges: [Edge], graph: SmugglingGraph) -> ResultTable {
        ResultTable(
            columns: [
                Column("edge", .string), Column("from", .entity(kind: nil)), Column("kind", .string),
                Column("to", .entity(kind: nil)), Column("valid_from", .date), Column("valid_to", .date),
            ],
            rows: edges.map {
                [
                    .string($0.id.description), graph.cell($0.from), .string($0.kind), graph.cell($0.to),
                    .from($0.validFrom), .from($0.validTo),
                ]
            })
    }
}

extension Edge {
    /// The `role` property (memberships, operated legs).
    var role: String? { properties[CoreSchema.MemberOf.role]?.stringValue }
}
