import CSQLite
import NexoKit
import NexoThreads

/// Checkpoints a store's write-ahead log on a thread of its own, so that no commit waits for a checkpoint.
///
/// SQLite's default (`wal_autocheckpoint`, 1,000 pages) runs the checkpoint inside the commit that crossed the
/// threshold: that commit copies the log into the database and syncs it, tens to hundreds of milliseconds on a
/// busy disk, paid by whichever command or feed batch happened to commit then (the feed's latency tail). Here the
/// committing connection's WAL hook only wakes this thread, which runs a PASSIVE checkpoint through a connection
/// of its own: it never blocks a writer or a reader, and what it cannot copy yet (pages a reader still needs) waits
/// for the next one. The log restarts from its beginning at the first commit after a complete checkpoint.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/wal_hook.html>,
/// <https://www.sqlite.org/c3ref/wal_checkpoint_v2.html>, <https://www.sqlite.org/wal.html#ckpt>
final class WALCheckpointer: Sendable {
    /// Log pages after a commit that wake the thread (SQLite's default threshold).
    static let thresholdPages: Int32 = 1_000

    private struct State {
        var requested = false
        var checkpointing = false
        var stopping = false
        var threadRunning = false
        /// Checkpoints run, for tests.
        var runs = 0
    }

    private let path: String
    private let state = Guarded(State())

    /// A checkpointer for the database at `path`.
    init(path: String) { self.path = path }

    /// Hands `connection`'s checkpoints to this thread: its commits no longer checkpoint (the hook replaces
    /// SQLite's automatic one). Call ``stop(uninstallingFrom:)`` before closing the connection.
    func install(on connection: SQLiteConnection) {
        sqlite3_wal_hook(
            connection.handle,
            { context, _, _, pages in
                if pages >= WALCheckpointer.thresholdPages, let context {
                    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().request()
                }
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// How many checkpoints the thread has run.
    var checkpointsRun: Int { state.withLock { $0.runs } }

    /// Asks for a checkpoint, starting the thread the first time.
    func request() {
        let start = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.requested = true
            defer { state.threadRunning = true }
            return !state.threadRunning
        }
        guard start else { return }
        do {
            try BackgroundThread.start { [self] in run() }
        } catch {
            // No thread: the log is checkpointed when the store closes, as before the first request.
            state.withLock { $0.threadRunning = false }
        }
    }

    /// Waits for a checkpoint requested so far to finish (tests).
    func waitUntilIdle() {
        while !state.wait(milliseconds: 1_000, until: { !$0.requested && !$0.checkpointing }) {}
    }

    /// Ends the thread (after the checkpoint it is running) and removes the hook from `connection`.
    func stop(uninstallingFrom connection: SQLiteConnection) {
        state.withLock { $0.stopping = true }
        while !state.wait(milliseconds: 1_000, until: { !$0.threadRunning }) {}
        if !connection.isClosed { sqlite3_wal_hook(connection.handle, nil, nil) }
    }

    private func run() {
        let connection = try? SQLiteConnection(path: path)
        while true {
            _ = state.wait(milliseconds: 60_000) { $0.requested || $0.stopping }
            let go = state.withLock { state -> Bool in
                guard !state.stopping, state.requested else { return false }
                // A request arriving during this checkpoint asks for the next one.
                state.requested = false
                state.checkpointing = true
                return true
            }
            if state.withLock({ $0.stopping }) { break }
            guard go else { continue }
            try? connection?.execute("PRAGMA wal_checkpoint(PASSIVE)")
            state.withLock { state in
                state.checkpointing = false
                state.runs += 1
            }
        }
        connection?.close()
        state.withLock { $0.threadRunning = false }
    }
}
