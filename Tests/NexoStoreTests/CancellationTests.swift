import NexoKit
import Synchronization
import Testing

@testable import NexoStore

/// Ctrl-C reaches SQL: a long statement stops, the command fails with `cancelled`, nothing is written.
@Suite struct CancellationTests {
    @Test func aCancelledCommandStopsAndChangesNothing() throws {
        let directory = TemporaryDirectory()
        let cancelled = Atomic<Bool>(false)
        let store = try Store.open(
            path: directory.file("c.db"), schema: TestSchema.schema,
            isCancelled: { cancelled.load(ordering: .relaxed) })
        let request = RunRequest(
            user: "ana", caseID: nil, command: "seed", plugin: "core", pluginVersion: "1",
            time: "2026-01-01T00:00:00Z")
        _ = try store.perform(request, writes: true, dryRun: false) { s throws(NexoError) in
            for i in 0..<200 { try s.addEntity(EntityDraft(kind: "person", label: "Person \(i)"), source: nil) }
        }
        let before = try store.dataVersion()
        cancelled.store(true, ordering: .relaxed)
        let error = nexoError {
            _ = try store.perform(request, writes: true, dryRun: false) { s throws(NexoError) in
                try s.addEntity(EntityDraft(kind: "person", label: "Late"), source: nil)
                _ = try s.search("person", kind: nil, limit: 1000)
            }
        }
        #expect(error == NexoError(.cancelled, "cancelled: nothing was changed"))
        cancelled.store(false, ordering: .relaxed)
        #expect(try store.dataVersion() == before)
        let late = try store.perform(request, writes: false, dryRun: false) { s throws(NexoError) in
            try s.search("late", kind: nil, limit: 10)
        }
        #expect(late.value.isEmpty)
    }

    @Test func aBulkImportChecksForCancellationBetweenBatches() throws {
        let directory = TemporaryDirectory()
        let cancelled = Atomic<Bool>(false)
        let store = try Store.open(
            path: directory.file("i.db"), schema: TestSchema.schema,
            isCancelled: { cancelled.load(ordering: .relaxed) })
        let request = RunRequest(
            user: "ana", caseID: nil, command: "import", plugin: "core", pluginVersion: "1",
            time: "2026-01-01T00:00:00Z")
        let records = (0..<25_000).map {
            ImportRecord.entity(EntityDraft(kind: "person", label: "P \($0)"), aliases: [])
        }
        let error = nexoError {
            _ = try store.perform(request, writes: true, dryRun: false) { s throws(NexoError) in
                try s.importRecords(records, skipInvalid: false) { done in
                    if done >= 10_000 { cancelled.store(true, ordering: .relaxed) }
                }
            }
        }
        #expect(error?.code == .cancelled)
        cancelled.store(false, ordering: .relaxed)
        #expect(try store.dataVersion() == 0)
    }
}
