import NexoKit
import NexoKitTesting

extension MemoryStore {
    /// Adds a person for each name (`P-1`, `P-2` … in order).
    func addPeople(_ names: [String]) throws {
        for name in names {
            _ = try addEntity(EntityDraft(kind: CoreSchema.Kind.person, label: name), source: nil)
        }
    }

    /// Adds a group for each `(name, type)` (`G-1`, `G-2` … in order); type is `gang`, `clique` …
    func addGroups(_ groups: [(name: String, type: String)]) throws {
        for (name, type) in groups {
            _ = try addEntity(
                EntityDraft(
                    kind: CoreSchema.Kind.group, label: name, properties: [CoreSchema.Group.type: .string(type)]),
                source: nil)
        }
    }
}

/// A result's rows as the words a user reads.
func rows(_ result: CommandResult) -> [[String]] {
    (result.table?.rows ?? []).map { $0.map(\.description) }
}

/// Rows of people, as `find … | where kind = person` pipes them.
func piped(_ people: [(id: EntityID, label: String)]) -> ResultTable {
    ResultTable(
        columns: [Column("id", .entity(kind: CoreSchema.Kind.person))],
        rows: people.map { [.entity(EntityRef(id: $0.id, kind: CoreSchema.Kind.person, label: $0.label))] })
}
