import NexoKit

/// The match engine's gallery in the store: templates with provenance, undone with their run.
extension StoreSession {
    /// The template at one entity, modality and position (?1, ?2, ?3), found through the entity index.
    static let templateKey = "entity_id = ?1 AND +modality = ?2 AND +position = ?3"

    /// Stores a template of `entity`, replacing one of the same modality and position.
    public func addTemplate(_ template: EncodedTemplate) throws(NexoError) {
        let run = try writeRun()
        guard try entity(template.entity) != nil else { throw noEntity(template.entity) }
        guard !template.data.isEmpty else { throw NexoError(.invalidInput, "an empty template cannot be stored") }
        let key: [SQLiteValue] = [
            .text(template.entity.rawValue), .text(template.modality.rawValue), .int(Int64(template.position)),
        ]
        // A replaced template goes to undo_templates so undo brings it back. `+modality`/`+position`
        // keep SQLite on the entity index: through the modality index (every face shares one value)
        // each insert read every face template, and enrolling 100,000 faces took hours.
        try connection.run(
            """
            INSERT INTO undo_templates(undo_run, id, entity_id, modality, position, data, run_id)
            SELECT ?4, id, entity_id, modality, position, data, run_id FROM templates
            WHERE \(Self.templateKey)
            """, key + [.int(run)])
        try connection.run("DELETE FROM templates WHERE \(Self.templateKey)", key)
        try connection.withStatement(
            """
            INSERT INTO templates(entity_id, modality, position, data, run_id) VALUES (?1, ?2, ?3, ?4, ?5)
            """
        ) { s throws(NexoError) in
            s.bind(key)
            s.bindBlob(template.data, at: 4)
            s.bind(run, at: 5)
            try s.run()
        }
        changes.templatesAdded += 1
    }

    /// The templates of `entity`, by modality then position.
    public func templates(of entity: EntityID) throws(NexoError) -> [EncodedTemplate] {
        try checkOpen()
        let v = visible(.entities, "e", from: 2)
        return try connection.withStatement(
            """
            SELECT t.entity_id, t.modality, t.position, t.data, t.id
            FROM templates t JOIN entities e ON e.id = t.entity_id
            WHERE t.entity_id = ?1 AND \(v.sql) ORDER BY t.modality, t.position
            """
        ) { s throws(NexoError) in
            s.bind(entity.rawValue, at: 1)
            v.bind(to: s)
            var result: [EncodedTemplate] = []
            while try s.step() {
                if let template = Self.template(at: s) { result.append(template) }
            }
            return result
        }
    }

    /// The templates of `entity` as `show` lists them, by modality then position: each with the run that stored
    /// it (its provenance), without reading the templates themselves.
    public func templateRecords(of entity: EntityID) throws(NexoError) -> [(
        modality: String, position: Int, run: Int64
    )] {
        try checkOpen()
        let v = visible(.entities, "e", from: 2)
        return try connection.withStatement(
            """
            SELECT t.modality, t.position, t.run_id
            FROM templates t JOIN entities e ON e.id = t.entity_id
            WHERE t.entity_id = ?1 AND \(v.sql) ORDER BY t.modality, t.position
            """
        ) { s throws(NexoError) in
            s.bind(entity.rawValue, at: 1)
            v.bind(to: s)
            var result: [(modality: String, position: Int, run: Int64)] = []
            while try s.step() { result.append((s.text(0), Int(s.int64(1)), s.int64(2))) }
            return result
        }
    }

    /// The newest template id, the number of templates and the number of template insertions and deletions ever:
    /// when all are unchanged, so is the gallery; when the changes since are exactly the templates with newer ids,
    /// the engine loads just those. Index lookups (the counts are kept by triggers), cheap enough to ask before
    /// every search.
    public func templateState() throws(NexoError) -> (newest: Int64, count: Int, changes: Int64) {
        try checkOpen()
        return try connection.withStatement(
            """
            SELECT (SELECT COALESCE(MAX(id), 0) FROM templates), rows, changes FROM template_count WHERE id = 1
            """
        ) { s throws(NexoError) in
            _ = try s.step()
            return (s.int64(0), Int(s.int64(1)), s.int64(2))
        }
    }

    /// Calls `body` with every visible template whose id is above `afterID`, in id order.
    public func forEachTemplate(after afterID: Int64 = 0, _ body: (EncodedTemplate) throws(NexoError) -> Void)
        throws(NexoError)
    {
        try checkOpen()
        let v = visible(.entities, "e", from: 2)
        try connection.withStatement(
            """
            SELECT t.entity_id, t.modality, t.position, t.data, t.id
            FROM templates t JOIN entities e ON e.id = t.entity_id
            WHERE t.id > ?1 AND \(v.sql) ORDER BY t.id
            """
        ) { s throws(NexoError) in
            s.bind(afterID, at: 1)
            v.bind(to: s)
            while try s.step() {
                if let template = Self.template(at: s) { try body(template) }
            }
        }
    }

    /// Calls `body` with every visible template of `modalities` (raw values) whose id is at most `lastID`, in id
    /// order: what a saved index of the other modalities leaves to load.
    public func forEachTemplate(
        of modalities: [String], through lastID: Int64, _ body: (EncodedTemplate) throws(NexoError) -> Void
    ) throws(NexoError) {
        try checkOpen()
        guard !modalities.isEmpty else { return }
        let first = Int32(modalities.count + 2)
        let v = visible(.entities, "e", from: first)
        let list = (0..<modalities.count).map { "?\($0 + 2)" }.joined(separator: ", ")
        try connection.withStatement(
            """
            SELECT t.entity_id, t.modality, t.position, t.data, t.id
            FROM templates t JOIN entities e ON e.id = t.entity_id
            WHERE t.id <= ?1 AND t.modality IN (\(list)) AND \(v.sql) ORDER BY t.id
            """
        ) { s throws(NexoError) in
            s.bind(lastID, at: 1)
            for (offset, modality) in modalities.enumerated() { s.bind(modality, at: Int32(offset + 2)) }
            v.bind(to: s)
            while try s.step() {
                if let template = Self.template(at: s) { try body(template) }
            }
        }
    }

    /// The ids of every visible template of `modality` (a raw value), ascending: what a saved index compares its
    /// rows with to find the templates removed or brought back since it was written. Seeing the whole store, an
    /// index-only read (no entity is looked up).
    public func templateIDs(of modality: String) throws(NexoError) -> [Int64] {
        try checkOpen()
        let sql: String
        let v = visible(.entities, "e", from: 2)
        if visibility == .all {
            sql = "SELECT id FROM templates WHERE modality = ?1 ORDER BY id"
        } else {
            sql = """
                SELECT t.id FROM templates t JOIN entities e ON e.id = t.entity_id
                WHERE t.modality = ?1 AND \(v.sql) ORDER BY t.id
                """
        }
        return try connection.withStatement(sql) { s throws(NexoError) in
            s.bind(modality, at: 1)
            if visibility != .all { v.bind(to: s) }
            var ids: [Int64] = []
            while try s.step() { ids.append(s.int64(0)) }
            return ids
        }
    }

    /// Calls `body` with the visible templates among `ids`, in the order given (those no longer stored are
    /// skipped).
    public func forEachTemplate(ids: [Int64], _ body: (EncodedTemplate) throws(NexoError) -> Void) throws(NexoError) {
        try checkOpen()
        let v = visible(.entities, "e", from: 2)
        try connection.withStatement(
            """
            SELECT t.entity_id, t.modality, t.position, t.data, t.id
            FROM templates t JOIN entities e ON e.id = t.entity_id
            WHERE t.id = ?1 AND \(v.sql)
            """
        ) { s throws(NexoError) in
            for id in ids {
                s.reset()
                s.bind(id, at: 1)
                v.bind(to: s)
                while try s.step() {
                    if let template = Self.template(at: s) { try body(template) }
                }
            }
        }
    }

    /// Where a file derived from the store's content may be kept beside it: `<store file>.<name>`; `nil` for an
    /// in-memory store, or when this session sees less than the whole store (the file would describe other data).
    public func derivedFilePath(_ name: String) -> String? {
        guard visibility == .all, connection.path != ":memory:", !connection.path.isEmpty else { return nil }
        return connection.path + "." + name
    }

    /// The template in the current row of a `SELECT t.entity_id, t.modality, t.position, t.data,
    /// t.id`; `nil` for a modality this version does not know (a row written by a newer one).
    private static func template(at s: SQLiteStatement) -> EncodedTemplate? {
        Modality(rawValue: s.text(1)).map {
            EncodedTemplate(
                id: s.int64(4), entity: EntityID(s.text(0)), modality: $0, position: Int(s.int64(2)), data: s.blob(3))
        }
    }
}
