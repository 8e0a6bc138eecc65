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
