import NexoKit
import NexoWorld

/// A world sink that keeps only the people, as biographic records: the label as the name, the
/// aliases as other names, date of birth, sex, nationality and document. Edges and ground-truth
/// lines are dropped (each person is their own identity in the world's truth).
final class WorldPeople: WorldSink {
    private(set) var ids: [EntityID] = []
    private(set) var records: [BiographicRecord] = []

    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError) {
        guard draft.kind == "person", let id = draft.id else { return }
        func text(_ key: String) -> String? {
            if case .string(let s)? = draft.properties[key], !s.isEmpty { return s }
            return nil
        }
        var born: PartialDate?
        if case .date(let d)? = draft.properties["date_of_birth"] {
            born = PartialDate(year: d.year, month: d.month, day: d.day)
        }
        ids.append(id)
        records.append(
            BiographicRecord(
                name: draft.label, otherNames: aliases, dateOfBirth: born, sex: text("sex"),
                nationality: text("nationality"), documents: text("document").map { [$0] } ?? []))
    }

    func edge(_ draft: EdgeDraft) throws(NexoError) {}

    func truth(_ fields: [(String, Value)]) throws(NexoError) {}
}
