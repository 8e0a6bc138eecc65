import Glibc
import NexoFiles
import NexoKit
import Testing

@testable import NexoStore

/// Output files never land on the open store's files, never go through links, and replace their
/// target only once they are complete.
@Suite struct OutputFileTests {
    /// A store in `S.db` holding two people (so its files are not empty), plus `alias`, a symbolic
    /// link to the store's directory.
    final class StoreInUse {
        let directory = TemporaryDirectory()
        let fixture: Fixture
        var path: String { directory.file("S.db") }

        init() throws {
            fixture = try Fixture(path: directory.file("S.db"))
            try fixture.write { s throws in
                try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil)
                try s.addEntity(EntityDraft(kind: "person", label: "Bob"), source: nil)
            }
            #expect(symlink(directory.path, directory.file("alias")) == 0)
        }

        /// Closed first, so the log files it removes are gone before the directory is.
        deinit { fixture.store.close() }

        /// Whether the store still holds its two people, read through a fresh connection.
        func isIntact() throws -> Bool {
            let reopened = try Store.open(path: path, schema: TestSchema.schema)
            defer { reopened.close() }
            let request = RunRequest(
                user: "t", caseID: nil, command: "count", plugin: "core", pluginVersion: "0.1.0",
                time: "2026-03-01T10:00:00Z")
            return try reopened.perform(request, writes: false, dryRun: false) { s throws(NexoError) in
                try s.countEntities(kind: "person")
            }.value == 2
        }
    }

    static func storeFileError(_ path: String, role: String? = nil, store: String) -> NexoError {
        guard let role else {
            return NexoError(
                .failed, "'\(path)' is the store in use ('\(store)'); writing there would destroy it",
                hint: "choose another file name")
        }
        return NexoError(
            .failed, "'\(path)' is the \(role) of the store in use ('\(store)'); writing there would corrupt it",
            hint: "choose another file name")
    }

    @Test func theStoreInUseIsRefusedHoweverItsPathIsSpelt() throws {
        let store = try StoreInUse()
        let dir = store.directory.path
        let parentSpelling = dir + "/../" + String(dir.split(separator: "/").last!) + "/S.db"
        #expect(link(store.path, store.directory.file("hard.db")) == 0)
        for spelling in [
            store.path, dir + "/./S.db", parentSpelling, dir + "/alias/S.db", store.directory.file("hard.db"),
        ] {
            #expect(
                nexoError { try LocalFiles.write([1, 2, 3], to: spelling) }
                    == Self.storeFileError(spelling, store: store.path))
            #expect(
                nexoError {
                    _ = try store.fixture.read { s in try s.exportFile(path: spelling, format: .ndjson, kinds: []) }
                }
                    == Self.storeFileError(spelling, store: store.path))
        }
        #expect(try store.isIntact())
    }

    @Test(arguments: [("-wal", "write-ahead log"), ("-shm", "shared-memory index"), ("-journal", "rollback journal")])
    func theStoresLogAndJournalAreRefusedEvenBeforeTheyExist(suffix: String, role: String) throws {
        let store = try StoreInUse()
        let spelling = store.directory.file("alias/S.db" + suffix)
        #expect(
            nexoError { try LocalFiles.write([1], to: spelling) }
                == Self.storeFileError(spelling, role: role, store: store.path))
        #expect(try store.isIntact())
    }

    @Test func theEdgesFileOfACSVExportIsCheckedToo() throws {
        let directory = TemporaryDirectory()
        let fixture = try Fixture(path: directory.file("out-edges.csv"))
        defer { fixture.store.close() }
        try fixture.write { s throws in try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil) }
        let target = directory.file("out.csv")
        let edges = directory.file("out-edges.csv")
        #expect(
            nexoError { _ = try fixture.read { s in try s.exportFile(path: target, format: .csv, kinds: []) } }
                == Self.storeFileError(edges, store: edges))
        #expect(access(target, F_OK) != 0, "the entities file is abandoned with the export")
        #expect(try fixture.read { s in try s.countEntities(kind: nil) } == 1)
    }

    @Test func aClosedStoreNoLongerProtectsItsFiles() throws {
        let store = try StoreInUse()
        store.fixture.store.close()
        try LocalFiles.write(Array("replaced".utf8), to: store.path)
        #expect(store.directory.read("S.db") == "replaced")
    }

    @Test func aSymbolicLinkIsRefusedAndWhatItPointsToIsUntouched() throws {
        let directory = TemporaryDirectory()
        let victim = try directory.write("victim.txt", "precious")
        let link = directory.file("out.ndjson")
        #expect(symlink(victim, link) == 0)
        let dangling = directory.file("dangling.ndjson")
        #expect(symlink(directory.file("created-through-link"), dangling) == 0)
        let fixture = try Fixture(path: directory.file("s.db"))
        defer { fixture.store.close() }
        for path in [link, dangling] {
            let refusal = NexoError(
                .failed, "'\(path)' is a symbolic link; Nexo does not write through links",
                hint: "remove it or choose another name")
            #expect(nexoError { try LocalFiles.write(Array("overwritten".utf8), to: path) } == refusal)
            #expect(
                nexoError { _ = try fixture.read { s in try s.exportFile(path: path, format: .ndjson, kinds: []) } }
                    == refusal)
            #expect(nexoError { _ = try FileWriter(path: path, publish: .whenCreated) } == refusal)
        }
        #expect(directory.read("victim.txt") == "precious")
        #expect(access(directory.file("created-through-link"), F_OK) != 0)
    }

    @Test func aDirectoryOrAFIFOIsRefusedSayingWhichItIs() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.file("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(
            nexoError { try LocalFiles.write([1], to: fifo) }
                == NexoError(
                    .failed, "'\(fifo)' is a named pipe (FIFO); Nexo writes only regular files",
                    hint: "choose another name"))
        #expect(
            nexoError { try LocalFiles.write([1], to: "/tmp") }
                == NexoError(
                    .failed, "'/tmp' is a directory; Nexo writes only regular files", hint: "choose another name"))
        let missing = directory.file("no-such-dir/out.ndjson")
        #expect(
            nexoError { try LocalFiles.write([1], to: missing) }
                == NexoError(
                    .notFound,
                    "cannot write '\(missing)': the directory '\(directory.file("no-such-dir"))' does not exist",
                    hint: "create it first, or choose another place"))
    }

    @Test func anAbandonedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws {
        let directory = TemporaryDirectory()
        let target = try directory.write("keep.ndjson", "old content\n")
        do {
            let writer = try FileWriter(path: target)
            try writer.write("new content that never completes\n")
            #expect(directory.read("keep.ndjson") == "old content\n", "nothing replaces the target before close")
        }
        #expect(directory.read("keep.ndjson") == "old content\n")
        #expect(Self.names(in: directory.path) == ["keep.ndjson"])
    }

    @Test func aWholeFileReplacesTheTargetAtCloseAndAHardLinkedCopyKeepsItsContent() throws {
        let directory = TemporaryDirectory()
        let target = try directory.write("out.ndjson", "old\n")
        #expect(link(target, directory.file("other-name.ndjson")) == 0)
        let writer = try FileWriter(path: target)
        try writer.write("new\n")
        try writer.close()
        #expect(directory.read("out.ndjson") == "new\n")
        #expect(directory.read("other-name.ndjson") == "old\n")
        #expect(Self.names(in: directory.path) == ["other-name.ndjson", "out.ndjson"])
    }

    @Test func aGrowingFileTakesItsNameAtOnceAndKeepsWhatWasFlushed() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("session.nexo")
        let writer = try FileWriter(path: path, publish: .whenCreated)
        #expect(access(path, F_OK) == 0)
        try writer.write("show P-1\n")
        try writer.flush()
        #expect(directory.read("session.nexo") == "show P-1\n", "a killed session keeps what was flushed")
        try writer.close()
        #expect(Self.names(in: directory.path) == ["session.nexo"])
    }

    /// The names in `path`, sorted (without `.` and `..`).
    static func names(in path: String) -> [String] {
        var names: [String] = []
        guard let dir = opendir(path) else { return [] }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(dir)
        return names.sorted()
    }
}

/// `--db` with a missing directory: refused, naming it, and nothing is created.
@Suite struct StoreDirectoryTests {
    @Test func aMissingDirectoryIsRefusedAndNotCreated() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("missing/x.db")
        #expect(
            nexoError { _ = try Store.open(path: path, schema: TestSchema.schema) }
                == NexoError(
                    .notFound,
                    "cannot open the store '\(path)': the directory '\(directory.file("missing"))' does not exist",
                    hint: "create it first, or choose another store path (--db)"))
        #expect(access(directory.file("missing"), F_OK) != 0)
    }

    @Test func nexosOwnDirectoryIsCreatedPrivatelyWhenAsked() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("own/nexo.db")
        let store = try Store.open(path: path, schema: TestSchema.schema, creatingDirectory: true)
        store.close()
        var info = stat()
        #expect(stat(directory.file("own"), &info) == 0 && info.st_mode & 0o777 == 0o700)
        for name in ["nexo.db", "nexo.db-wal", "nexo.db-shm"] { unlink(directory.file("own/" + name)) }
        rmdir(directory.file("own"))
    }
}
