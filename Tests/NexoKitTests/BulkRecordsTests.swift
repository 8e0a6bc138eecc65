import NexoKit
import NexoKitTesting
import Testing

/// The SDK's bulk write and record files: the defaults a host or a test double without them gets.
@Suite struct BulkRecordsTests {
    /// A host's file access that only reads and writes whole files.
    struct WholeFiles: FileAccess {
        func read(_ path: String) throws(NexoError) -> [UInt8] { [] }
        func write(_ bytes: [UInt8], to path: String) throws(NexoError) {}
        func forEachLine(in path: String, _ body: (Result<String, NexoError>, Int) throws(NexoError) -> Void)
            throws(NexoError)
        {}
    }

    @Test func fileAccessWithoutDirectoriesOrRecordFilesRefusesThem() {
        #expect(
            throws: NexoError(.failed, "cannot create directory 'out': this host does not create directories")
        ) { try WholeFiles().makeDirectory("out") }
        #expect(throws: NexoError(.failed, "cannot write 'out/world.ndjson': this host does not write record files")) {
            _ = try WholeFiles().recordFile("out/world.ndjson")
        }
    }

    /// A store without a bulk path adds the records one at a time: entities with their aliases,
    /// then edges, under the store's usual checks.
    @Test func bulkWriteDefaultAddsEntitiesAliasesAndEdges() throws {
        let store = try MemoryStore()
        try store.importRecords(expectedEdges: 1, source: nil) { add throws(NexoError) in
            try add(.entity(EntityDraft(id: "P-1", kind: CoreSchema.Kind.person, label: "Ana"), aliases: ["La Flaca"]))
            try add(.entity(EntityDraft(id: "G-1", kind: CoreSchema.Kind.group, label: "Clica"), aliases: []))
            try add(.edge(EdgeDraft(kind: CoreSchema.Edge.memberOf, from: "P-1", to: "G-1")))
        }
        #expect(try store.countEntities(kind: nil) == 2)
        #expect(try store.aliases(of: "P-1") == ["La Flaca"])
        #expect(try store.edges(EdgeQuery(entity: "P-1")).map(\.kind) == [CoreSchema.Edge.memberOf])
    }
}
