import Glibc
import NexoKit
import Testing

@testable import NexoStore

/// The write-ahead log is checkpointed by a thread of the store's own once a commit leaves it past 1,000 pages,
/// not inside that commit; closing the store stops the thread and folds the log back.
@Suite struct WALCheckpointerTests {
    @Test func aLargeCommitWakesTheThreadAndCloseFoldsTheLogBack() throws {
        let f = try Fixture()
        let checkpointer = try #require(f.store.checkpointer)
        #expect(checkpointer.checkpointsRun == 0)
        // A few small commits stay under the threshold: no thread.
        try f.write("small") { s in try s.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil) }
        #expect(checkpointer.checkpointsRun == 0)
        // About 6 MB in one commit (under the large-write truncation of 10,000 rows): past 1,000 pages.
        let padding = String(repeating: "x", count: 3_000)
        try f.write("large") { s in
            for n in 0..<2_000 {
                try s.addEntity(
                    EntityDraft(kind: "person", label: "Person \(n)", properties: ["given_names": .string(padding)]),
                    source: nil)
            }
        }
        checkpointer.waitUntilIdle()
        #expect(checkpointer.checkpointsRun >= 1)
        #expect(try f.read { try $0.countEntities(kind: "person") } == 2_001)
        let wal = f.directory.file("nexo.db") + "-wal"
        #expect(access(wal, F_OK) == 0)
        f.store.close()
        #expect(access(wal, F_OK) != 0)
    }

    @Test func anInMemoryStoreHasNone() throws {
        let store = try Store.open(path: ":memory:", schema: TestSchema.schema)
        #expect(store.checkpointer == nil)
    }
}
