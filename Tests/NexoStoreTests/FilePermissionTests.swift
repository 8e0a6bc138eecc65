import Glibc
import NexoKit
@testable import NexoStore

import Testing

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
        #expect(nexoError { _ = try fixture.store.dataVersion() } == NexoError(.failed, "the store is closed", hint: "open it again"))
        let reopened = try Store.open(path: path, schema: TestSchema.schema)
        #expect(try reopened.dataVersion() == 1)
    }
}
