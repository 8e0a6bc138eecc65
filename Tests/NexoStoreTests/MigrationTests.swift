import Glibc
import NexoKit
import Testing

@testable import NexoStore

@Suite struct MigrationTests {
    /// Every label and alias as `row, entity id, name`, the rows of the `names` index.
    static let everyName =
        "SELECT rowid * 2, id, label FROM entities UNION ALL SELECT id * 2 + 1, entity_id, alias FROM aliases"

    /// Builds a database at `version` with the migration steps up to it, and stores data the way
    /// that version could.
    func database(at version: Int64, in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("v\(version).db")
        let connection = try SQLiteConnection(path: path)
        try Migrations.migrate(connection, upTo: version)
        #expect(try Migrations.version(of: connection) == version)
        if version >= 1 {
            try connection.execute(
                """
                INSERT INTO runs(id, user, time, command, plugin, plugin_version) VALUES (1, 'old', \
                '2025-01-01T00:00:00Z', 'legacy import', 'core', '0.0.1');
                INSERT INTO sources(id, description, reliability, credibility, run_id) VALUES ('S-1', 'archive', 'C', \
                3, 1);
                INSERT INTO entities(id, kind, label, props, run_id, source_id) VALUES ('P-1', 'person', 'José \
                Hernández', '{"sex":"M"}', 1, 'S-1');
                INSERT INTO entities(id, kind, label, props, run_id) VALUES ('G-1', 'group', 'Sonsonate Locos', '{}', \
                1);
                INSERT INTO edges(kind, from_id, to_id, valid_from, confidence, run_id) VALUES ('member_of', 'P-1', \
                'G-1', '2020-01-01', 0.8, 1);
                INSERT INTO id_sequences(prefix, next) VALUES ('P', 2), ('G', 2), ('S', 2);
                """)
        }
        if version >= 2 {
            try connection.execute(
                """
                INSERT INTO aliases(entity_id, alias, run_id) VALUES ('P-1', 'El Chepe', 1);
                INSERT INTO names(rowid, entity_id, name, folded) SELECT id * 2 + 1, entity_id, alias, \
                nexo_fold(alias) FROM aliases;
                INSERT INTO names(rowid, entity_id, name, folded) SELECT rowid * 2, id, label, nexo_fold(label) FROM \
                entities;
                """)
        }
        if version >= 13 {
            // The words of those names, as the store writes them beside the names from version 13 on.
            try connection.execute(
                NameIndex.insertWords(from: Self.everyName) + ";")
        }
        return path
    }

    @Test(arguments: 0..<Migrations.currentVersion)
    func olderDatabasesAreMigratedWithTheirData(_ version: Int64) throws {
        let directory = TemporaryDirectory()
        let path = try database(at: version, in: directory)
        let store = try Store.open(path: path, schema: TestSchema.schema)
        let connection = try SQLiteConnection(path: path)
        #expect(try Migrations.version(of: connection) == Migrations.currentVersion)
        let request = RunRequest(
            user: "u", caseID: nil, command: "check", plugin: "core", pluginVersion: "1", time: "2026-01-01T00:00:00Z")
        _ = try store.perform(request, writes: false, dryRun: false) { s throws in
            if version == 0 {
                #expect(try s.countEntities(kind: nil) == 0)
                return
            }
            let person = try #require(try s.entity("P-1"))
            #expect(person.properties == ["sex": .string("M")])
            #expect(person.provenance?.run.command == "legacy import")
            #expect(person.provenance?.source?.grading == "C3")
            #expect(try s.edges(EdgeQuery(entity: "P-1")).first?.confidence == 0.8)
            #expect(
                try s.search("jose", kind: nil, limit: 5).map(\.entity.id) == ["P-1"], "names indexed by the migration")
            #expect(try s.search("sonsonate", kind: nil, limit: 5).map(\.entity.id) == ["G-1"])
            #expect(
                try s.nameWordCandidates("Jose", kind: "person", limit: 5).entities == ["P-1"],
                "name words indexed by the migration")
        }
        let added = try store.perform(
            RunRequest(
                user: "u", caseID: nil, command: "add", plugin: "core", pluginVersion: "1",
                time: "2026-01-01T00:00:01Z"), writes: true, dryRun: false
        ) { s in
            try s.addEntity(EntityDraft(kind: "person", label: "New"), source: nil).id
        }
        #expect(added.value == (version == 0 ? "P-1" : "P-2"))
    }

    @Test func edgeIdsAreNeverReusedAfterTheNewestIsRemoved() throws {
        let directory = TemporaryDirectory()
        let store = try Store.open(path: directory.file("ids.db"), schema: TestSchema.schema)
        func write<T>(_ body: (StoreSession) throws(NexoError) -> T) throws -> T {
            try store.perform(
                RunRequest(
                    user: "u", caseID: nil, command: "w", plugin: "core", pluginVersion: "1",
                    time: "2026-01-01T00:00:00Z"), writes: true, dryRun: false, body
            ).value
        }
        let first = try write { s throws(NexoError) in
            let a = try s.addEntity(EntityDraft(kind: "person", label: "A"), source: nil).id
            let b = try s.addEntity(EntityDraft(kind: "group", label: "B"), source: nil).id
            return try s.addEdge(EdgeDraft(kind: "member_of", from: a, to: b), source: nil).id
        }
        try write { s throws(NexoError) in try s.removeEdge(first) }
        let second = try write { s throws(NexoError) in
            try s.addEdge(EdgeDraft(kind: "member_of", from: "P-1", to: "G-1"), source: nil).id
        }
        #expect(second.rawValue > first.rawValue)
    }

    @Test func namesIndexedByTheOldFoldingAreFoldedAgain() throws {
        let directory = TemporaryDirectory()
        let path = try database(at: 7, in: directory)
        do {
            // What version 7 stored: Greek and Cyrillic names kept their accents and case.
            let connection = try SQLiteConnection(path: path)
            try connection.execute(
                """
                INSERT INTO entities(id, kind, label, props, run_id) VALUES ('P-2', 'person', 'Δέλτα Йорданова', '{}', \
                1);
                INSERT INTO names(rowid, entity_id, name, folded) SELECT rowid * 2, id, label, label FROM entities \
                WHERE id = 'P-2';
                """)
        }
        let store = try Store.open(path: path, schema: TestSchema.schema)
        let request = RunRequest(
            user: "u", caseID: nil, command: "find", plugin: "core", pluginVersion: "1", time: "2026-01-01T00:00:00Z")
        let found = try store.perform(request, writes: false, dryRun: false) { s throws in
            [
                try s.search("δελτα", kind: nil, limit: 5), try s.search("иорданова", kind: nil, limit: 5),
                try s.search("jose", kind: nil, limit: 5),
            ].map { $0.map(\.entity.id.rawValue) }
        }.value
        #expect(found == [["P-2"], ["P-2"], ["P-1"]])
    }

    @Test func newerDatabasesAreRefused() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("future.db")
        do {
            let connection = try SQLiteConnection(path: path)
            try connection.execute("PRAGMA user_version = \(Migrations.currentVersion + 1)")
        }
        #expect(
            nexoError { _ = try Store.open(path: path, schema: TestSchema.schema) }
                == NexoError(
                    .failed,
                    "database schema version \(Migrations.currentVersion + 1) is newer than this nexo "
                        + "(\(Migrations.currentVersion)); upgrade nexo"
                ))
    }

    @Test func openCreatesItsOwnDirectoryWhenAskedAndInMemoryWorks() throws {
        let directory = TemporaryDirectory()
        let nested = directory.file("a")
        let store = try Store.open(path: nested + "/nexo.db", schema: TestSchema.schema, creatingDirectory: true)
        #expect(try store.dataVersion() == 0)
        let memory = try Store.open(path: ":memory:", schema: TestSchema.schema)
        #expect(try memory.dataVersion() == 0)
        _ = store
        let connection = try SQLiteConnection(path: nested + "/nexo.db")
        #expect(
            try connection.withStatement("PRAGMA journal_mode") { s throws(NexoError) in try s.step() ? s.text(0) : "" }
                == "wal")
        #expect(try connection.scalarInt("PRAGMA foreign_keys") == 1)
        #expect(try connection.scalarInt("PRAGMA synchronous") == 2)
        unlink(nested + "/nexo.db"); unlink(nested + "/nexo.db-wal"); unlink(nested + "/nexo.db-shm"); rmdir(nested)
    }

    @Test func sqliteErrorsNameTheStatementButNotTheValues() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try Migrations.migrate(connection)
        let error = nexoError {
            try connection.run(
                "INSERT INTO runs(id, user, time, command, plugin, plugin_version) VALUES (?, ?, ?, ?, ?, ?)",
                [.int(1), .text("secret-user"), .null, .text("c"), .text("p"), .text("v")])
        }
        #expect(
            error
                == NexoError(
                    .conflict,
                    "SQLite error 19: NOT NULL constraint failed: runs.time - while executing 'INSERT INTO runs(id, "
                        + "user, time, command, plugin, plugin_version) VALUES (?, ?, ?, ?, ?, ?)'"
                ))
    }
}
