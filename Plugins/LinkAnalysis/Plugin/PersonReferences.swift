import NexoKit

/// Rows that name people by id (co-travel pairs, shared-thing links) show them as entity references
/// with their labels, read in one query.
struct PersonReferences {
    private var labels: [EntityID: String] = [:]

    /// The labels of `ids`, read from `store` at once.
    init(_ ids: some Sequence<EntityID>, in store: any GraphStoreAccess) throws(NexoError) {
        for entity in try store.entities(EntityQuery(ids: Array(Set(ids)))) { labels[entity.id] = entity.label }
    }

    /// The person `id` as a row value (its id stands for a label the store no longer has).
    func value(_ id: EntityID) -> Value {
        .entity(EntityRef(id: id, kind: CoreSchema.Kind.person, label: labels[id] ?? id.rawValue))
    }
}
