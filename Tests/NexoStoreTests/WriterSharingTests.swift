import Glibc
import NexoKit
import NexoThreads
import Testing

@testable import NexoStore

/// Writers sharing one store file: a long command commits its progress so others get in, a
/// waiting writer says what it waits for, and a wait in vain ends with an error that says so.
@Suite struct WriterSharingTests {
    /// A writing command on a second connection to the same file.
    private func other(_ f: Fixture) throws -> Store {
        try Store.open(path: f.directory.file("nexo.db"), schema: TestSchema.schema)
    }

    /// Holds the write lock on `store` (a command inside its transaction) until `release` turns true.
    private func holdWriteLock(_ store: Store, until release: Guarded<Bool>, holding: Guarded<Bool>) throws {
        try BackgroundThread.start {
            _ = try? store.perform(
                RunRequest(
                    user: "maria", caseID: nil, command: "long write", plugin: "core",
                    pluginVersion: "0.1.0", time: "2026-03-01T09:00:00Z"),
                writes: true, dryRun: false
            ) { session throws(NexoError) in
                _ = try session.addEntity(EntityDraft(kind: "person", label: "Held"), source: nil)
                holding.withLock { $0 = true }
                _ = release.wait(milliseconds: 60_000) { $0 }
            }
        }
        _ = holding.wait(milliseconds: 60_000) { $0 }
    }

    @Test func aWaitingWriterSaysWhatItWaitsForAndGetsInWhenTheLockIsFree() throws {
        let f = try Fixture()
        let holder = try other(f)
        let release = Guarded(false), holding = Guarded(false)
        try holdWriteLock(holder, until: release, holding: holding)
        let notices = Guarded<[String]>([])
        // The notice is what frees the lock: the writer got in because it waited, not by luck.
        f.store.setBusyWait(
            BusyWait(
                limitMilliseconds: 60_000, noticeAfterMilliseconds: 0,
                notice: { text in
                    notices.withLock { $0.append(text) }
                    release.withLock { $0 = true }
                }))
        let added = try f.write("add person Ana") {
            try $0.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil).id
        }
        #expect(added.value == "P-2")
        #expect(
            notices.withLock { $0 } == [
                "waiting for the store's write lock (held by another writer: another nexo process or a background "
                    + "feed); giving up after 60 s"
            ])
        holder.close()
    }

    @Test func aWriterGivesUpAfterItsBoundWithAClearError() throws {
        let f = try Fixture()
        let holder = try other(f)
        let release = Guarded(false), holding = Guarded(false)
        try holdWriteLock(holder, until: release, holding: holding)
        f.store.setBusyWait(BusyWait(limitMilliseconds: 50, noticeAfterMilliseconds: 60_000))
        let error = nexoError {
            try f.write("add person Ana") { try $0.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil) }
        }
        release.withLock { $0 = true }
        #expect(
            error
                == NexoError(
                    .busy,
                    "gave up waiting for the store's write lock after 0.05 s: another writer (another nexo process or "
                        + "a background feed) held it all that time",
                    hint: "nothing was changed; run the command again once the other writer has finished"))
        holder.close()
    }

    @Test func committedProgressLetsOtherWritersInAndStaysOneRun() throws {
        let f = try Fixture()
        let second = try other(f)
        second.setBusyWait(BusyWait(limitMilliseconds: 50))
        var between: Int64?
        let outcome = try f.write("bio feed run encounters.ndjson") { s throws in
            _ = try s.addEntity(EntityDraft(kind: "person", label: "First batch"), source: nil)
            try s.commitProgress()
            // Between batches the feed holds no lock: another connection writes at once.
            between = try second.perform(f.request("add person Maria", user: "maria"), writes: true, dryRun: false) {
                t throws(NexoError) in
                try t.addEntity(EntityDraft(kind: "person", label: "Maria"), source: nil).id
            }.run?.id
            _ = try s.addEntity(EntityDraft(kind: "person", label: "Second batch"), source: nil)
        }
        #expect(outcome.changes.entitiesAdded == 2)
        #expect(between == 2)
        // Both batches belong to the feed's run: undo by its user reverts both.
        let undone = try #require(try f.store.undoLastRun(by: f.request("undo")))
        #expect(undone.undone.id == 1)
        #expect(undone.changes.entitiesRemoved == 2)
        second.close()
    }

    @Test func aDryRunDoesNotCommitItsProgress() throws {
        let f = try Fixture()
        _ = try f.store.perform(f.request("add person X --dry-run"), writes: true, dryRun: true) { s throws in
            _ = try s.addEntity(EntityDraft(kind: "person", label: "X"), source: nil)
            try s.commitProgress()
            _ = try s.addEntity(EntityDraft(kind: "person", label: "Y"), source: nil)
        }
        #expect(try f.read { try $0.countEntities(kind: nil) } == 0)
    }
}
