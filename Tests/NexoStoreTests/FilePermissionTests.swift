import Glibc
import NexoFiles
import NexoKit
import Testing

@testable import NexoStore

/// The store holds personal data: a new database file (and so its WAL) is readable by its owner only.
@Suite struct FilePermissionTests {
    @Test func newDatabaseFilesArePrivate() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("private.db")
        let fixture = try Fixture(path: path)
        try fixture.write { s throws in try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil) }
        for file in [path, path + "-wal"] {
            var info = stat()
            #expect(stat(file, &info) == 0, "\(file) missing")
            #expect(info.st_mode & 0o777 == 0o600, "\(file) has mode \(String(info.st_mode & 0o777, radix: 8))")
        }
    }
}

/// Every output file may hold personal or biometric data: it is created 0600, also when it
/// replaces a file that was readable by others.
@Suite struct OutputFilePermissionTests {
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }

    @Test func exportsAndHostWritesArePrivate() throws {
        let directory = TemporaryDirectory()
        let fixture = try Fixture(path: directory.file("s.db"))
        defer { fixture.store.close() }
        try fixture.seedGraph()
        let replaced = try directory.write("replaced.ndjson", "readable by all\n")
        #expect(chmod(replaced, 0o644) == 0)
        _ = try fixture.read { s in try s.exportFile(path: replaced, format: .ndjson, kinds: []) }
        _ = try fixture.read { s in try s.exportFile(path: directory.file("all.csv"), format: .csv, kinds: []) }
        try LocalFiles.write([1, 2, 3], to: directory.file("template.f32"))
        let truth = try NDJSONRecordWriter(path: directory.file("truth.ndjson"))
        try truth.writeObject([("person", .string("P-1"))])
        try truth.close()
        for name in ["replaced.ndjson", "all.csv", "all-edges.csv", "template.f32", "truth.ndjson"] {
            #expect(Self.mode(directory.file(name)) == 0o600, "\(name)")
        }
    }
}

/// Closing folds the write-ahead log back: no `-wal`/`-shm` files stay behind, later use is refused.
@Suite struct StoreCloseTests {
    @Test func closeRemovesTheLogFilesAndRefusesLaterUse() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("closing.db")
        let fixture = try Fixture(path: path)
        try fixture.write { s throws in try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil) }
        fixture.store.close()
        fixture.store.close()
        #expect(access(path + "-wal", F_OK) != 0)
        #expect(access(path + "-shm", F_OK) != 0)
        #expect(
            nexoError { _ = try fixture.store.dataVersion() }
                == NexoError(.failed, "the store is closed", hint: "open it again"))
        let reopened = try Store.open(path: path, schema: TestSchema.schema)
        #expect(try reopened.dataVersion() == 1)
    }
}
