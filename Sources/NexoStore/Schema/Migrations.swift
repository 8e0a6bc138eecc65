import NexoKit

/// The store's table layout, versioned in `PRAGMA user_version`, with forward migrations.
///
/// Rule: a migration that has shipped is never edited. To change the layout, append a step.
/// Step `n` takes a database at version `n` to version `n + 1`; each runs in its own
/// transaction together with the version bump, so a crash leaves the previous version intact.
///
/// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_user_version>,
/// <https://www.sqlite.org/lang_altertable.html>, <https://www.sqlite.org/fts5.html>
enum Migrations {
    /// The ordered steps; `steps[n]` migrates version `n` to `n + 1`.
    static let steps: [String] = [
        v0ToV1, v1ToV2, v2ToV3, v3ToV4, v4ToV5, v5ToV6, v6ToV7, v7ToV8, v8ToV9, v9ToV10, v10ToV11, v11ToV12,
        v12ToV13, v13ToV14, v14ToV15,
    ]

    /// The version this code writes.
    static var currentVersion: Int64 { Int64(steps.count) }

    /// v1: the core graph (runs, sources, cases, entities, edges, id sequences).
    static let v0ToV1 = """
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY,
            user TEXT NOT NULL,
            time TEXT NOT NULL,
            case_id TEXT,
            command TEXT NOT NULL,
            plugin TEXT NOT NULL,
            plugin_version TEXT NOT NULL,
            undone INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE sources(
            id TEXT PRIMARY KEY NOT NULL,
            description TEXT NOT NULL,
            reliability TEXT NOT NULL CHECK (reliability IN ('A','B','C','D','E','F')),
            credibility INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
            run_id INTEGER NOT NULL REFERENCES runs(id));
        CREATE TABLE cases(
            id TEXT PRIMARY KEY NOT NULL,
            title TEXT NOT NULL,
            purpose TEXT NOT NULL,
            is_open INTEGER NOT NULL DEFAULT 1,
            opened_by TEXT NOT NULL,
            opened_at TEXT NOT NULL);
        CREATE TABLE entities(
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            label TEXT NOT NULL,
            props TEXT NOT NULL DEFAULT '{}',
            run_id INTEGER NOT NULL REFERENCES runs(id),
            source_id TEXT REFERENCES sources(id),
            case_id TEXT);
        CREATE INDEX entities_source ON entities(source_id) WHERE source_id IS NOT NULL;
        CREATE TABLE edges(
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            from_id TEXT NOT NULL REFERENCES entities(id),
            to_id TEXT NOT NULL REFERENCES entities(id),
            props TEXT NOT NULL DEFAULT '{}',
            valid_from TEXT,
            valid_to TEXT,
            confidence REAL NOT NULL DEFAULT 1,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            source_id TEXT REFERENCES sources(id));
        CREATE INDEX edges_from ON edges(from_id, kind);
        CREATE INDEX edges_to ON edges(to_id, kind);
        CREATE INDEX edges_source ON edges(source_id) WHERE source_id IS NOT NULL;
        CREATE TABLE id_sequences(prefix TEXT PRIMARY KEY NOT NULL, next INTEGER NOT NULL) WITHOUT ROWID;
        """

    /// v2: aliases, the trigram name index (filled from existing labels), the undo journal, and
    /// `runs.undoes` marking runs that are undos.
    ///
    /// Name index rows: an entity's label has rowid `2 × entities.rowid`, an alias
    /// `2 × aliases.id + 1`, so either can be found and deleted by rowid.
    static let v1ToV2 = """
        ALTER TABLE runs ADD COLUMN undoes INTEGER REFERENCES runs(id);
        CREATE TABLE aliases(
            id INTEGER PRIMARY KEY,
            entity_id TEXT NOT NULL REFERENCES entities(id),
            alias TEXT NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id));
        CREATE INDEX aliases_entity ON aliases(entity_id);
        CREATE VIRTUAL TABLE names USING fts5(entity_id UNINDEXED, name UNINDEXED, folded, tokenize='trigram');
        INSERT INTO names(rowid, entity_id, name, folded) SELECT rowid * 2, id, label, nexo_fold(label) FROM entities;
        CREATE TABLE undo_journal(
            run_id INTEGER NOT NULL REFERENCES runs(id),
            seq INTEGER NOT NULL,
            tbl TEXT NOT NULL,
            op TEXT NOT NULL,
            row TEXT NOT NULL,
            PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
        """

    /// v3: edge ids are never reused (`AUTOINCREMENT`: before, removing the newest edge and adding
    /// one gave the new edge the old id, so provenance and undo could confuse the two), and kind
    /// indexes for kind-only queries (`gang list`, every `taxes` edge) on large stores.
    static let v2ToV3 = """
        CREATE TABLE edges_v3(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            from_id TEXT NOT NULL REFERENCES entities(id),
            to_id TEXT NOT NULL REFERENCES entities(id),
            props TEXT NOT NULL DEFAULT '{}',
            valid_from TEXT,
            valid_to TEXT,
            confidence REAL NOT NULL DEFAULT 1,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            source_id TEXT REFERENCES sources(id));
        INSERT INTO edges_v3(id, kind, from_id, to_id, props, valid_from, valid_to, confidence, run_id, source_id)
            SELECT id, kind, from_id, to_id, props, valid_from, valid_to, confidence, run_id, source_id FROM edges;
        DROP TABLE edges;
        ALTER TABLE edges_v3 RENAME TO edges;
        CREATE INDEX edges_from ON edges(from_id, kind);
        CREATE INDEX edges_to ON edges(to_id, kind);
        CREATE INDEX edges_kind ON edges(kind);
        CREATE INDEX edges_source ON edges(source_id) WHERE source_id IS NOT NULL;
        CREATE INDEX entities_kind ON entities(kind);
        """

    /// v4: biometric templates (the match engine's gallery), with provenance like every other row,
    /// and a table that keeps templates removed by a run so `undo` can put them back.
    static let v3ToV4 = """
        CREATE TABLE templates(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entity_id TEXT NOT NULL REFERENCES entities(id),
            modality TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            data BLOB NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id));
        CREATE INDEX templates_entity ON templates(entity_id);
        CREATE INDEX templates_modality ON templates(modality);
        CREATE TABLE undo_templates(
            undo_run INTEGER NOT NULL REFERENCES runs(id),
            id INTEGER NOT NULL,
            entity_id TEXT NOT NULL,
            modality TEXT NOT NULL,
            position INTEGER NOT NULL,
            data BLOB NOT NULL,
            run_id INTEGER NOT NULL);
        CREATE INDEX undo_templates_run ON undo_templates(undo_run);
        """

    /// v5: runs recorded by a background job (a feed) name it, so `undo` — which reverts the
    /// user's own last command — passes over them.
    static let v4ToV5 = """
        ALTER TABLE runs ADD COLUMN job TEXT;
        """

    /// v6: people found by document number (the match engine's candidates for a probe that
    /// carries a document, whatever its name looks like).
    static let v5ToV6 = """
        CREATE INDEX entities_document ON entities(json_extract(props, '$.document')) WHERE kind = 'person';
        """

    /// v7: the number of templates, kept by triggers, so the match engine's "has the gallery
    /// changed?" before each search is two index lookups instead of a count over every template
    /// (5–10 ms at a million).
    static let v6ToV7 = """
        CREATE TABLE template_count(id INTEGER PRIMARY KEY CHECK (id = 1), rows INTEGER NOT NULL);
        INSERT INTO template_count(id, rows) SELECT 1, count(*) FROM templates;
        CREATE TRIGGER templates_counted_insert AFTER INSERT ON templates
            BEGIN UPDATE template_count SET rows = rows + 1 WHERE id = 1; END;
        CREATE TRIGGER templates_counted_delete AFTER DELETE ON templates
            BEGIN UPDATE template_count SET rows = rows - 1 WHERE id = 1; END;
        """

    /// v8: names folded by NexoKit's ``NameFolding``, which also lower-cases other scripts and
    /// removes the accents of Greek, Cyrillic and Vietnamese letters: index rows whose folded form
    /// differs are re-folded (ASCII and Latin names fold as before and are left alone). The
    /// indexed form is cut at 2,000 characters — a name of at most 1,000 (``TextRules``) never
    /// folds longer — so a name stored before that limit no longer makes `find` slow.
    static let v7ToV8 = """
        UPDATE names SET folded = substr(nexo_fold(name), 1, 2000) WHERE folded IS NOT substr(nexo_fold(name), 1, 2000);
        """

    /// v9: template insertions and deletions counted, ever (`template_count.changes`): the match engine's saved
    /// index is current when the count of changes since it was written equals the templates added since, and
    /// otherwise compares its rows with the store (a deletion balanced by an undo's restore, which left the
    /// newest id and the count as they were, went unnoticed).
    static let v8ToV9 = """
        ALTER TABLE template_count ADD COLUMN changes INTEGER NOT NULL DEFAULT 0;
        UPDATE template_count SET changes = rows WHERE id = 1;
        DROP TRIGGER templates_counted_insert;
        DROP TRIGGER templates_counted_delete;
        CREATE TRIGGER templates_counted_insert AFTER INSERT ON templates
            BEGIN UPDATE template_count SET rows = rows + 1, changes = changes + 1 WHERE id = 1; END;
        CREATE TRIGGER templates_counted_delete AFTER DELETE ON templates
            BEGIN UPDATE template_count SET rows = rows - 1, changes = changes + 1 WHERE id = 1; END;
        """

    /// v10: people found by date of birth (the match engine's candidates for a probe whose name is misspelt
    /// beyond the name search: its date, and the date with day and month swapped, find them).
    static let v9ToV10 = """
        CREATE INDEX entities_birth ON entities(json_extract(props, '$.date_of_birth')) WHERE kind = 'person';
        """

    /// v11: people found by the postcode of their address (the match engine's candidates for a probe whose name
    /// and date of birth are both written wrong).
    static let v10ToV11 = """
        CREATE INDEX entities_postcode ON entities(json_extract(props, '$.postcode')) WHERE kind = 'person';
        """

    /// v12: entities counted per kind as they are added and removed (`kind_count`): the match engine asks how many
    /// people the store holds for every search (the bar rises with the gallery), and counting a million rows each
    /// time cost more than the search.
    static let v11ToV12 = """
        CREATE TABLE kind_count(kind TEXT PRIMARY KEY NOT NULL, rows INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO kind_count(kind, rows) SELECT kind, count(*) FROM entities GROUP BY kind;
        CREATE TRIGGER entities_counted_insert AFTER INSERT ON entities
            BEGIN
                INSERT INTO kind_count(kind, rows) VALUES (new.kind, 1)
                ON CONFLICT(kind) DO UPDATE SET rows = rows + 1;
            END;
        CREATE TRIGGER entities_counted_delete AFTER DELETE ON entities
            BEGIN UPDATE kind_count SET rows = rows - 1 WHERE kind = old.kind; END;
        CREATE TRIGGER entities_counted_kind AFTER UPDATE OF kind ON entities WHEN new.kind IS NOT old.kind
            BEGIN
                UPDATE kind_count SET rows = rows - 1 WHERE kind = old.kind;
                INSERT INTO kind_count(kind, rows) VALUES (new.kind, 1)
                ON CONFLICT(kind) DO UPDATE SET rows = rows + 1;
            END;
        """

    /// v13: the words of every label and alias (`name_words`, folded into words by `nexo_words`, two letters or
    /// more) with their entity and name row: the match engine finds people sharing a word of a probe's name by one
    /// index range, where the trigram index merged the position lists of every trigram of the word.
    static let v12ToV13 = """
        CREATE TABLE name_words(
            word TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            name_row INTEGER NOT NULL,
            PRIMARY KEY(word, entity_id, name_row)) WITHOUT ROWID;
        CREATE INDEX name_words_row ON name_words(name_row);
        CREATE INDEX name_words_entity ON name_words(entity_id);
        WITH RECURSIVE source(r, e, n) AS (
            SELECT rowid * 2, id, label FROM entities UNION ALL SELECT id * 2 + 1, entity_id, alias FROM aliases),
        named(row, entity, rest) AS (SELECT r, e, nexo_words(n) || ' ' FROM source),
        split(row, entity, word, rest) AS (
            SELECT row, entity, '', rest FROM named
            UNION ALL SELECT row, entity, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
            FROM split WHERE rest <> '')
        INSERT OR IGNORE INTO name_words(word, entity_id, name_row)
        SELECT word, entity, row FROM split WHERE length(word) >= 2;
        """

    /// v14: document entities found by their number and address places by their postcode: the match engine's
    /// candidates through the documents a person holds and the places they live or lived at.
    static let v13ToV14 = """
        CREATE INDEX entities_document_number ON entities(json_extract(props, '$.number')) WHERE kind = 'document';
        CREATE INDEX entities_place_postcode ON entities(json_extract(props, '$.postcode')) WHERE kind = 'place';
        """

    /// v15: where an imported source came from (`sources.origin`: its id and recording run in the exporting store),
    /// so an export and import keep every source and grading and say which were imported.
    static let v14ToV15 = """
        ALTER TABLE sources ADD COLUMN origin TEXT;
        """

    /// Reads `PRAGMA user_version`.
    static func version(of connection: SQLiteConnection) throws(NexoError) -> Int64 {
        try connection.scalarInt("PRAGMA user_version") ?? 0
    }

    /// Brings the database to ``currentVersion``, or refuses one written by a newer Nexo.
    static func migrate(_ connection: SQLiteConnection) throws(NexoError) {
        let found = try version(of: connection)
        if found > currentVersion {
            throw NexoError(
                .failed, "database schema version \(found) is newer than this nexo (\(currentVersion)); upgrade nexo")
        }
        try migrate(connection, upTo: currentVersion)
    }

    /// Applies the steps from the database's version up to `target` (tests use this to build
    /// databases at earlier versions).
    static func migrate(_ connection: SQLiteConnection, upTo target: Int64) throws(NexoError) {
        guard try version(of: connection) < target else { return }
        while true {
            // Read the version inside the write transaction: another process may have migrated.
            try connection.execute("BEGIN IMMEDIATE")
            let found: Int64
            do { found = try version(of: connection) } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
            if found >= target {
                try connection.execute("COMMIT")
                return
            }
            do {
                try connection.execute(steps[Int(found)])
                try connection.execute("PRAGMA user_version = \(found + 1)") // an integer we computed
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw NexoError(
                    .failed, "cannot migrate database from schema version \(found) to \(found + 1): \(error.message)")
            }
        }
    }
}
