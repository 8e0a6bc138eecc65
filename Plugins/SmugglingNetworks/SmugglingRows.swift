import NexoKit

/// Entities a command works on: its argument(s) first, then the piped entities, without repeats.
enum Piped {
    /// `argument` and the piped entities of `kinds` (any kind when `nil`), in that order.
    static func entities(_ argument: EntityRef?, _ context: CommandContext, kinds: Set<String>?) -> [EntityRef] {
        entities(argument.map { [$0] } ?? [], context, kinds: kinds)
    }

    /// `arguments` and the piped entities of `kinds` (any kind when `nil`), in that order.
    static func entities(_ arguments: [EntityRef], _ context: CommandContext, kinds: Set<String>?) -> [EntityRef] {
        var seen = Set<EntityID>()
        var result: [EntityRef] = []
        for ref in arguments + (context.input?.entityRefs ?? [])
        where (kinds?.contains(ref.kind) ?? true) && seen.insert(ref.id).inserted {
            result.append(ref)
        }
        return result
    }
}

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
    var role: String? { properties["role"]?.stringValue }
}
