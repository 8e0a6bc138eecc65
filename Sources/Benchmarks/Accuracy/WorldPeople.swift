import NexoKit
import NexoWorld

/// A world sink that keeps only the people, as biographic records read as nexo reads a stored person
/// (``BiographicRecord/init(person:aliases:)``). Edges and ground-truth
/// lines are dropped (each person is their own identity in the world's truth).
final class WorldPeople: WorldSink {
    private(set) var ids: [EntityID] = []
    private(set) var records: [BiographicRecord] = []

    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) {
        guard let id = draft.id,
            // Read as nexo reads a stored person (given names and surnames apart, address), not a copy of it.
            let record = BiographicRecord(
                person: Entity(id: id, kind: draft.kind, label: draft.label, properties: draft.properties),
                aliases: aliases)
        else { return }
        ids.append(id)
        records.append(record)
    }

    func edge(_ draft: EdgeDraft) throws(NexoError) {}

    func truth(_ fields: [(String, Value)]) throws(NexoError) {}
}
