import NexoKit

/// Keeps the `names` full-text table (FTS5, trigram tokenizer) in step with labels and aliases.
///
/// Maintained by the store's write methods rather than triggers, so bulk import can fill it with
/// one `INSERT … SELECT` at the end. Each row holds the entity id, the name as written, and its
/// folded form (``NameFolding``, via the SQL function `nexo_fold`), which is the indexed column.
/// A label's row is `2 × entities.rowid`, an alias's `2 × aliases.id + 1`.
///
/// Beside it, `name_words` holds each name's words (``NameFolding/words(_:upperCased:)`` via `nexo_words`, two
/// letters or more) with the entity and the name's row: looking a word up is one index range, where the trigram
/// index merges the position lists of every trigram of the word (the match engine's candidates in a store of a
/// million people).
///
/// Related SQLite documentation: <https://www.sqlite.org/fts5.html#the_trigram_tokenizer>
struct NameIndex {
    let connection: SQLiteConnection

    /// Indexes the label of the entity with `id`.
    func addLabel(entity id: String) throws(NexoError) {
        try connection.run(
            """
            INSERT INTO names(rowid, entity_id, name, folded) SELECT rowid * 2, id, label, nexo_fold(label) FROM \
            entities WHERE id = ?
            """, [.text(id)])
        try addWords(of: "SELECT rowid * 2, id, label FROM entities WHERE id = ?1", [.text(id)])
    }

    /// Removes the label row of the entity with `id`.
    func removeLabel(entity id: String) throws(NexoError) {
        try connection.run("DELETE FROM names WHERE rowid = (SELECT rowid * 2 FROM entities WHERE id = ?)", [.text(id)])
        try connection.run(
            "DELETE FROM name_words WHERE name_row = (SELECT rowid * 2 FROM entities WHERE id = ?)", [.text(id)])
    }

    /// Indexes the alias row `aliasID`.
    func addAlias(_ aliasID: Int64) throws(NexoError) {
        try connection.run(
            """
            INSERT INTO names(rowid, entity_id, name, folded) SELECT id * 2 + 1, entity_id, alias, nexo_fold(alias) \
            FROM aliases WHERE id = ?
            """, [.int(aliasID)])
        try addWords(of: "SELECT id * 2 + 1, entity_id, alias FROM aliases WHERE id = ?1", [.int(aliasID)])
    }

    /// Removes every row of the entity with `id` (label and aliases); call before deleting it.
    func removeAll(entity id: String) throws(NexoError) {
        try removeLabel(entity: id)
        try connection.run(
            "DELETE FROM names WHERE rowid IN (SELECT id * 2 + 1 FROM aliases WHERE entity_id = ?)", [.text(id)])
        try connection.run("DELETE FROM name_words WHERE entity_id = ?", [.text(id)])
    }

    /// Re-derives every row of the entity with `id` from its label and aliases (if it exists).
    func refresh(entity id: String) throws(NexoError) {
        try removeAll(entity: id)
        try addLabel(entity: id)
        try connection.run(
            """
            INSERT INTO names(rowid, entity_id, name, folded) SELECT id * 2 + 1, entity_id, alias, nexo_fold(alias) \
            FROM aliases WHERE entity_id = ?
            """, [.text(id)])
        try addWords(of: "SELECT id * 2 + 1, entity_id, alias FROM aliases WHERE entity_id = ?1", [.text(id)])
    }

    /// Indexes, in one statement each, the labels of entities with rowid above `entityRowid` and the
    /// aliases with id above `aliasID` (what a bulk import added).
    func fill(entitiesAfter entityRowid: Int64, aliasesAfter aliasID: Int64) throws(NexoError) {
        try connection.run(
            """
            INSERT INTO names(rowid, entity_id, name, folded) SELECT rowid * 2, id, label, nexo_fold(label) FROM \
            entities WHERE rowid > ?
            """, [.int(entityRowid)])
        try connection.run(
            """
            INSERT INTO names(rowid, entity_id, name, folded) SELECT id * 2 + 1, entity_id, alias, nexo_fold(alias) \
            FROM aliases WHERE id > ?
            """, [.int(aliasID)])
        try addWords(of: "SELECT rowid * 2, id, label FROM entities WHERE rowid > ?1", [.int(entityRowid)])
        try addWords(of: "SELECT id * 2 + 1, entity_id, alias FROM aliases WHERE id > ?1", [.int(aliasID)])
    }

    /// Removes the word rows of the names `run` added (its entities' labels and its aliases), as the undo of the
    /// run removes their `names` rows.
    func removeWords(addedBy run: Int64) throws(NexoError) {
        try connection.run(
            "DELETE FROM name_words WHERE name_row IN (SELECT id * 2 + 1 FROM aliases WHERE run_id = ?)", [.int(run)])
        try connection.run(
            "DELETE FROM name_words WHERE name_row IN (SELECT rowid * 2 FROM entities WHERE run_id = ?)", [.int(run)])
    }

    /// Adds the words of the names `source` selects (`row, entity id, name`).
    private func addWords(of source: String, _ arguments: [SQLiteValue]) throws(NexoError) {
        try connection.run(Self.insertWords(from: source), arguments)
    }

    /// The statement that splits each name `source` selects (`row, entity id, name`) into its words and adds them
    /// to `name_words` (also the v13 migration's, which fills the table from every name).
    static func insertWords(from source: String) -> String {
        """
        WITH RECURSIVE source(r, e, n) AS (\(source)),
        named(row, entity, rest) AS (SELECT r, e, nexo_words(n) || ' ' FROM source),
        split(row, entity, word, rest) AS (
            SELECT row, entity, '', rest FROM named
            UNION ALL SELECT row, entity, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
            FROM split WHERE rest <> '')
        INSERT OR IGNORE INTO name_words(word, entity_id, name_row)
        SELECT word, entity, row FROM split WHERE length(word) >= 2
        """
    }
}
