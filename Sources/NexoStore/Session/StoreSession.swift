import NexoKit

/// The store as one command sees it: valid only inside the closure given to
/// ``Store/perform(_:writes:dryRun:_:)``, inside that command's transaction.
///
/// Implements NexoKit's ``GraphStoreAccess`` (what plugins see) plus host-only operations: cases,
/// provenance, runs, neighbours, completion, resolution, bulk import and export.
///
/// Reads pass through one ``VisibilityScope`` (see ``visible(_:_:from:)``). Writes are validated
/// against the schema, stamped with the command's run, and counted in ``changes``; updates and
/// removals are journaled so ``Store/undoLastRun(by:dryRun:)`` can revert them.
public final class StoreSession: GraphStoreAccess {
    let connection: SQLiteConnection
    let state: StoreState
    let tables: SchemaTables
    let request: RunRequest
    /// The run of a writing command; `nil` when the command is read-only.
    let runID: Int64?
    /// What this session's user may see; every read applies it.
    let visibility: VisibilityScope
    /// Everything this session changed.
    public internal(set) var changes = ChangeSummary()
    /// Whether a journaled write happened (covers changes ``ChangeSummary`` does not count, like cases).
    var journaled = false
    /// Whether anything was written: the run is kept only then.
    var touched: Bool { journaled || !changes.isEmpty }
    private var isOpen = true
    /// Whether ``commitProgress()`` may commit: a writing command that is not a dry run.
    var mayCommitProgress = false
    /// Whether ``commitProgress()`` committed and the next use of the store must begin a new
    /// transaction (begun lazily, so a command waiting for input holds no lock).
    private var needsBegin = false
    var journalSequence: Int64 = 0
    private var runCache: [Int64: RunInfo] = [:]
    private var sourceCache: [String: SourceInfo?] = [:]

    init(state: StoreState, tables: SchemaTables, request: RunRequest, runID: Int64?, visibility: VisibilityScope) {
        self.state = state
        connection = state.connection
        self.tables = tables
        self.request = request
        self.runID = runID
        self.visibility = visibility
    }

    /// Ends the session: any later use fails.
    func close() { isOpen = false }

    /// The shared schema (core and plugin kinds).
    public var schema: Schema { tables.schema }

    /// The visibility predicate for `table` aliased as `alias`: every read query ANDs it in.
    /// Its parameters are numbered from `firstParameter`, which must follow every other parameter
    /// of the query.
    func visible(_ table: VisibilityScope.Table, _ alias: String, from firstParameter: Int32) -> SQLFragment {
        visibility.predicate(table, alias: alias, firstParameter: firstParameter)
    }

    /// Fails when the session is used after its command ended; begins the next transaction after
    /// ``commitProgress()``. Every use of the session passes here first.
    func checkOpen() throws(NexoError) {
        guard isOpen else {
            throw NexoError(
                .failed, "store session used after its command ended",
                hint: "do not keep the StoreSession outside the perform closure")
        }
        if needsBegin {
            try connection.execute("BEGIN IMMEDIATE")
            needsBegin = false
        }
    }

    /// See ``GraphStoreAccess/commitProgress()``.
    public func commitProgress() throws(NexoError) {
        try checkOpen()
        guard mayCommitProgress, touched, !connection.isAutocommit else { return }
        try connection.execute("COMMIT")
        needsBegin = true
    }

    /// The run to stamp on a write; fails with `denied` for read-only commands.
    func writeRun() throws(NexoError) -> Int64 {
        try checkOpen()
        guard let runID else {
            throw NexoError(
                .denied, "'\(request.command)' is read-only and cannot change the store",
                hint: "a command that writes must declare writes: true in its CommandSpec")
        }
        return runID
    }

    /// The data version: the last committed run, or this command's run once it has written.
    public func dataVersion() throws(NexoError) -> Int64 {
        try checkOpen()
        if touched, let runID { return runID }
        return try connection.scalarInt(
            "SELECT COALESCE(MAX(id), 0) FROM runs WHERE undone = 0 AND id IS NOT ?",
            [runID.map(SQLiteValue.int) ?? .null]) ?? 0
    }

    // MARK: Provenance helpers

    /// The run with `id` (cached for the session; runs never change).
    func runInfo(_ id: Int64) throws(NexoError) -> RunInfo? {
        if let cached = runCache[id] { return cached }
        let info = try state.runInfo(id)
        if let info { runCache[id] = info }
        return info
    }

    /// The source with `id`, through visibility (cached for the session).
    func sourceInfo(_ id: String) throws(NexoError) -> SourceInfo? {
        if let cached = sourceCache[id] { return cached }
        let v = visible(.sources, "s", from: 2)
        let info = try connection.withStatement(
            "SELECT id, description, reliability, credibility, origin FROM sources s WHERE s.id = ?1 AND \(v.sql)"
        ) { s throws(NexoError) -> SourceInfo? in
            s.bind(id, at: 1)
            v.bind(to: s)
            guard try s.step() else { return nil }
            return SourceInfo(
                id: EntityID(s.text(0)), description: s.text(1),
                reliability: SourceReliability(rawValue: s.text(2)) ?? .f,
                credibility: InformationCredibility(rawValue: Int(s.int64(3))) ?? .cannotBeJudged,
                origin: s.optionalText(4))
        }
        sourceCache[id] = info
        return info
    }

    /// Provenance from a row's run and source columns.
    func provenance(run: Int64, source: String?) throws(NexoError) -> Provenance? {
        guard let info = try runInfo(run) else { return nil }
        return Provenance(run: info, source: try source.flatMap { id throws(NexoError) in try sourceInfo(id) })
    }

    /// Appends a journal entry holding a row's old values as JSON, built in SQL by `rowJSON`
    /// from the row selected by `key`.
    func journal(table: String, op: String, rowJSON: String, from: String, key: SQLiteValue) throws(NexoError) {
        let run = try writeRun()
        journaled = true
        journalSequence += 1
        try connection.run(
            "INSERT INTO undo_journal(run_id, seq, tbl, op, row) SELECT ?, ?, ?, ?, \(rowJSON) FROM \(from) "
                + "WHERE id = ?",
            [.int(run), .int(journalSequence), .text(table), .text(op), key])
    }
}

@available(*, unavailable)
extension StoreSession: Sendable {}
