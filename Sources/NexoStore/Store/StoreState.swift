import NexoKit

/// The store's connection and caches. Used only under ``Store``'s lock.
final class StoreState {
    let connection: SQLiteConnection
    /// Graph views by data version and edge kinds; only views of the latest version are kept.
    var graphViews: [GraphViewKey: GraphView] = [:]

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Last committed data version.
    func committedVersion() throws(NexoError) -> Int64 {
        try connection.scalarInt("SELECT COALESCE(MAX(id), 0) FROM runs WHERE undone = 0") ?? 0
    }

    /// See ``Store/perform(_:writes:dryRun:_:)``.
    ///
    /// Writers open the transaction with `BEGIN IMMEDIATE` (an outer `SAVEPOINT` would be a deferred
    /// `BEGIN`), so a second process that is writing makes this one wait on the busy timeout rather
    /// than fail when it upgrades its read snapshot.
    func perform<T, E: Error>(
        _ request: RunRequest, writes: Bool, dryRun: Bool, tables: SchemaTables,
        _ body: (StoreSession) throws(E) -> T
    ) throws -> CommandOutcome<T> {
        try connection.execute(writes ? "BEGIN IMMEDIATE" : "BEGIN")
        var runID: Int64?
        if writes {
            do { runID = try insertRun(request, undoes: nil) } catch {
                rollback()
                throw error
            }
        }
        let session = StoreSession(state: self, tables: tables, request: request, runID: runID, visibility: .all)
        session.mayCommitProgress = writes && !dryRun
        defer { session.close() }
        let value: T
        do { value = try body(session) } catch {
            rollback()
            throw error
        }
        let changes = session.changes
        guard writes, !dryRun, session.touched, let runID else {
            rollback()
            return CommandOutcome(value: value, changes: changes, run: nil)
        }
        // A command that committed its progress may have nothing open since (see ``StoreSession/commitProgress()``).
        if !connection.isAutocommit { try commit() }
        checkpointAfterLargeWrite(changes)
        let run = RunInfo(
            id: runID, user: request.user, time: request.time, caseID: request.caseID,
            command: request.command, plugin: request.plugin, pluginVersion: request.pluginVersion)
        return CommandOutcome(value: value, changes: changes, run: run)
    }

    func insertRun(_ request: RunRequest, undoes: Int64?) throws(NexoError) -> Int64 {
        try connection.run(
            """
            INSERT INTO runs(user, time, case_id, command, plugin, plugin_version, undoes, job) VALUES (?, ?, ?, ?, ?, \
            ?, ?, ?)
            """,
            [
                .text(request.user), .text(request.time), request.caseID.map(SQLiteValue.text) ?? .null,
                .text(request.command), .text(request.plugin), .text(request.pluginVersion),
                undoes.map(SQLiteValue.int) ?? .null, request.job.map(SQLiteValue.text) ?? .null,
            ])
        return connection.lastInsertRowID
    }

    func runInfo(_ id: Int64) throws(NexoError) -> RunInfo? {
        try connection.withStatement(
            "SELECT id, user, time, case_id, command, plugin, plugin_version FROM runs WHERE id = ?"
        ) { s throws(NexoError) in
            s.bind(id, at: 1)
            guard try s.step() else { return nil }
            return RunInfo(
                id: s.int64(0), user: s.text(1), time: s.text(2), caseID: s.optionalText(3),
                command: s.text(4), plugin: s.text(5), pluginVersion: s.text(6))
        }
    }

    func commit() throws(NexoError) {
        do { try connection.execute("COMMIT") } catch {
            rollback()
            throw error
        }
    }

    /// A large commit leaves a write-ahead log as big as what it wrote, and every later read
    /// searches that log until a checkpoint copies it into the database (measured: a 546 MB log
    /// after importing 6M rows made point lookups 2x slower). After big writes, checkpoint at once
    /// and truncate the log. Failure (a reader holding an old snapshot) only postpones it.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/pragma.html#pragma_wal_checkpoint>
    func checkpointAfterLargeWrite(_ changes: ChangeSummary) {
        let rows =
            changes.entitiesAdded + changes.entitiesUpdated + changes.entitiesRemoved
            + changes.edgesAdded + changes.edgesRemoved
        guard rows >= 10_000, connection.path != ":memory:" else { return }
        try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    func rollback() {
        if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
    }
}

/// Cache key of a graph view.
struct GraphViewKey: Hashable {
    var version: Int64
    /// Requested edge kinds, sorted.
    var kinds: [String]
    /// The schema's edge kinds (they name the view's kind indexes when none are requested).
    var schemaKinds: [String]
}
