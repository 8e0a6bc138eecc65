import NexoKit

/// Reverting a run.
///
/// Rows a run inserted carry its `run_id`, so they need no journal. Rows it updated or removed
/// are journaled first (`undo_journal`: run, sequence, table, operation, old row as JSON built by
/// SQLite's `json_object`). Reverting replays the journal newest first, then deletes the rows the
/// run inserted, then re-derives the name index of every entity it touched.
///
/// Undo runs are not themselves undoable (there is no redo), and ids are never reused: the id
/// sequences are not rolled back.
struct UndoJournal {
    let connection: SQLiteConnection

    /// JSON of an old `entities` row (select from `entities`).
    static let entityRow = """
        json_object('id', id, 'kind', kind, 'label', label, 'props', props, 'run_id', run_id, \
        'source_id', source_id, 'case_id', case_id)
        """
    /// JSON of an old `edges` row; `quote()` keeps the confidence exact (a 15-digit float would not).
    static let edgeRow = """
        json_object('id', id, 'kind', kind, 'from_id', from_id, 'to_id', to_id, 'props', props, \
        'valid_from', valid_from, 'valid_to', valid_to, 'confidence', quote(confidence), 'run_id', run_id, \
        'source_id', source_id)
        """
    /// JSON of an old `aliases` row.
    static let aliasRow = "json_object('id', id, 'entity_id', entity_id, 'alias', alias, 'run_id', run_id)"
    /// JSON of an old `cases` row.
    static let caseRow = """
        json_object('id', id, 'title', title, 'purpose', purpose, 'is_open', is_open, 'opened_by', opened_by, \
        'opened_at', opened_at)
        """

    /// Restores one journal entry (the row JSON is parameter 1).
    private static let restore: [String: String] = [
        "entities/update": """
        UPDATE entities SET label = json_extract(?1, '$.label'), props = json_extract(?1, '$.props')
        WHERE id = json_extract(?1, '$.id')
        """,
        "entities/delete": """
        INSERT INTO entities(id, kind, label, props, run_id, source_id, case_id)
        VALUES (json_extract(?1, '$.id'), json_extract(?1, '$.kind'), json_extract(?1, '$.label'),
                json_extract(?1, '$.props'), json_extract(?1, '$.run_id'), json_extract(?1, '$.source_id'),
                json_extract(?1, '$.case_id'))
        """,
        "edges/delete": """
        INSERT INTO edges(id, kind, from_id, to_id, props, valid_from, valid_to, confidence, run_id, source_id)
        VALUES (json_extract(?1, '$.id'), json_extract(?1, '$.kind'), json_extract(?1, '$.from_id'),
                json_extract(?1, '$.to_id'), json_extract(?1, '$.props'), json_extract(?1, '$.valid_from'),
                json_extract(?1, '$.valid_to'), CAST(json_extract(?1, '$.confidence') AS REAL),
                json_extract(?1, '$.run_id'), json_extract(?1, '$.source_id'))
        """,
        "aliases/delete": """
        INSERT INTO aliases(id, entity_id, alias, run_id)
        VALUES (json_extract(?1, '$.id'), json_extract(?1, '$.entity_id'), json_extract(?1, '$.alias'),
                json_extract(?1, '$.run_id'))
        """,
        "cases/insert": "DELETE FROM cases WHERE id = json_extract(?1, '$.id')",
        "cases/update": """
        UPDATE cases SET title = json_extract(?1, '$.title'), purpose = json_extract(?1, '$.purpose'),
            is_open = json_extract(?1, '$.is_open') WHERE id = json_extract(?1, '$.id')
        """,
    ]

    /// Reverts `run` and returns what the reversal changed.
    func revert(run: Int64) throws(NexoError) -> ChangeSummary {
        // Reverting an import deletes millions of rows: give SQLite room (256 MiB, allocated only
        // as pages are used) so evicted pages need not be re-read from the WAL.
        let savedCacheSize = try connection.scalarInt("PRAGMA cache_size") ?? -2000
        try connection.execute("PRAGMA cache_size = -262144")
        defer { try? connection.execute("PRAGMA cache_size = \(savedCacheSize)") } // an integer SQLite gave us
        var changes = ChangeSummary()
        var touchedEntities = Set<String>()
        // 1. Journal, newest first.
        var entries: [(table: String, op: String, row: String, entity: String?)] = []
        try connection.withStatement(
            """
            SELECT tbl, op, row, CASE tbl WHEN 'entities' THEN json_extract(row, '$.id')
                                          WHEN 'aliases' THEN json_extract(row, '$.entity_id') END
            FROM undo_journal WHERE run_id = ? ORDER BY seq DESC
            """
        ) { s throws(NexoError) in
            s.bind(run, at: 1)
            while try s.step() { entries.append((s.text(0), s.text(1), s.text(2), s.optionalText(3))) }
        }
        for entry in entries {
            guard let sql = Self.restore["\(entry.table)/\(entry.op)"] else {
                throw NexoError(.failed, "undo journal entry \(entry.table)/\(entry.op) is not understood by this nexo")
            }
            try connection.run(sql, [.text(entry.row)])
            if let entity = entry.entity { touchedEntities.insert(entity) }
            switch (entry.table, entry.op) {
            case ("entities", "update"): changes.entitiesUpdated += 1
            case ("entities", "delete"): changes.entitiesAdded += 1
            case ("edges", "delete"): changes.edgesAdded += 1
            default: break
            }
        }
        // Templates the run removed (with their entity) come back from their own table.
        let r: [SQLiteValue] = [.int(run)]
        try connection.run(
            """
            INSERT INTO templates(id, entity_id, modality, position, data, run_id)
            SELECT id, entity_id, modality, position, data, run_id FROM undo_templates WHERE undo_run = ?
            """, r)
        try connection.run("DELETE FROM undo_templates WHERE undo_run = ?", r)
        // 2. Rows the run inserted, children first; their name-index rows go with them.
        try connection.run("DELETE FROM templates WHERE run_id = ?", r)
        changes.templatesRemoved += connection.changes
        try NameIndex(connection: connection).removeWords(addedBy: run)
        try connection.run("DELETE FROM names WHERE rowid IN (SELECT id * 2 + 1 FROM aliases WHERE run_id = ?)", r)
        try connection.run("DELETE FROM names WHERE rowid IN (SELECT rowid * 2 FROM entities WHERE run_id = ?)", r)
        try connection.run("DELETE FROM edges WHERE run_id = ?", r)
        changes.edgesRemoved += connection.changes
        try connection.run("DELETE FROM aliases WHERE run_id = ?", r)
        try connection.run("DELETE FROM entities WHERE run_id = ?", r)
        changes.entitiesRemoved += connection.changes
        try connection.run("DELETE FROM sources WHERE run_id = ?", r)
        changes.sourcesRemoved += connection.changes
        try connection.run("DELETE FROM undo_journal WHERE run_id = ?", r)
        // 3. Name index of every surviving entity whose journaled rows were restored.
        for id in touchedEntities.sorted() { try NameIndex(connection: connection).refresh(entity: id) }
        return changes
    }
}
