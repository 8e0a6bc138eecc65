import NexoKit

/// Keeps the `names` full-text table (FTS5, trigram tokenizer) in step with labels and aliases.
///
/// Maintained by the store's write methods rather than triggers, so bulk import can fill it with
/// one `INSERT … SELECT` at the end. Each row holds the entity id, the name as written, and its
/// folded form (``NameFolding``, via the SQL function `nexo_fold`), which is the indexed column.
/// A label's row is `2 × entities.rowid`, an alias's `2 × aliases.id + 1`.
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
    }

    /// Removes the label row of the entity with `id`.
    func removeLabel(entity id: String) throws(NexoError) {
        try connection.run("DELETE FROM names WHERE rowid = (SELECT rowid * 2 FROM entities WHERE id = ?)", [.text(id)])
    }

    /// Indexes the alias row `aliasID`.
    func addAlias(_ aliasID: Int64) throws(NexoError) {
        try connection.run(
            """
            INSERT INTO names(rowid, entity_id, name, folded) SELECT id * 2 + 1, entity_id, alias, nexo_fold(alias) \
            FROM aliases WHERE id = ?
            """, [.int(aliasID)])
    }

    /// Removes every row of the entity with `id` (label and aliases); call before deleting it.
    func removeAll(entity id: String) throws(NexoError) {
        try removeLabel(entity: id)
        try connection.run(
            "DELETE FROM names WHERE rowid IN (SELECT id * 2 + 1 FROM aliases WHERE entity_id = ?)", [.text(id)])
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
    }
}
