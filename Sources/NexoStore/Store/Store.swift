import Glibc
import NexoFiles
import NexoKit
import Synchronization

/// The shared graph store: a Sendable handle over one SQLite database.
///
/// All work happens in scoped closures: ``perform(_:writes:dryRun:_:)`` hands the closure a
/// ``StoreSession`` that is valid only while it runs. One command at a time uses the connection;
/// others wait on the lock.
///
/// ```swift
/// let store = try Store.open(path: "nexo.db", schema: schema)
/// let outcome = try store.perform(request, writes: true, dryRun: false) { session in
///     try session.addEntity(EntityDraft(kind: "person", label: "Ana"), source: nil)
/// }
/// ```
public final class Store: Sendable {
    /// The database path (or `:memory:`).
    public let path: String
    /// The database file's absolute path with links resolved (`:memory:` for an in-memory store),
    /// for saying which store is in use.
    public let resolvedPath: String
    /// The schema version of the database.
    public let schemaVersion: Int64
    /// This store's entry in ``OpenStoreFiles`` (0 for an in-memory store), so no output is written onto its files.
    private let registration: Int
    /// Checkpoints the write-ahead log off the committing thread (none for an in-memory store).
    let checkpointer: WALCheckpointer?
    private let lock = Mutex<Void>(())
    private let box: StateBox
    /// The thread inside ``lock`` (0 when none), so a nested call fails instead of deadlocking.
    private let owner = Atomic<UInt>(0)
    private let tables: Mutex<SchemaTables>

    private init(
        path: String, state: StoreState, tables: SchemaTables, schemaVersion: Int64, registration: Int,
        checkpointer: WALCheckpointer?
    ) {
        self.path = path
        self.checkpointer = checkpointer
        self.schemaVersion = schemaVersion
        self.registration = registration
        resolvedPath = OpenStoreFiles.resolvedPath(registration) ?? path
        box = StateBox(state)
        self.tables = Mutex(tables)
    }

    /// Opens the store at `path` (creating the file when needed), or an in-memory store for
    /// `:memory:`, and migrates it to the current schema version. A database written by a newer
    /// Nexo is refused. A missing directory is refused (`notFound`, naming it) unless
    /// `creatingDirectory` is set, which creates that one directory, private (0700): only Nexo's
    /// own default place (`~/.nexo`) is created, never a directory the user may have mistyped.
    ///
    /// `isCancelled` is polled while SQL runs; when it turns true the running statement stops and
    /// its command fails with `cancelled` (the REPL passes its Ctrl-C flag).
    ///
    /// While the store is open, no output file is written onto its main file, `-wal`, `-shm` or
    /// `-journal` (see ``FileWriter``); ``close()`` ends that protection.
    public static func open(
        path: String, schema: Schema, creatingDirectory: Bool = false,
        isCancelled: (@Sendable () -> Bool)? = nil
    ) throws(NexoError) -> Store {
        var registration = 0
        if path != ":memory:" {
            try checkDirectory(of: path, creating: creatingDirectory)
            try createPrivately(path)
        }
        let connection = try SQLiteConnection(path: path)
        try Migrations.migrate(connection)
        let version = try Migrations.version(of: connection)
        if path != ":memory:" { registration = try OpenStoreFiles.register(path) }
        if let isCancelled { connection.setCancellation(isCancelled) }
        let checkpointer = path == ":memory:" ? nil : WALCheckpointer(path: path)
        checkpointer?.install(on: connection)
        return Store(
            path: path, state: StoreState(connection: connection), tables: SchemaTables(schema),
            schemaVersion: version, registration: registration, checkpointer: checkpointer)
    }

    deinit {
        if let checkpointer { lock.withLock { _ in checkpointer.stop(uninstallingFrom: box.state.connection) } }
        OpenStoreFiles.unregister(registration)
    }

    /// How this store's commands wait for a lock another connection holds (see ``BusyWait``).
    public func setBusyWait(_ wait: BusyWait) {
        lock.withLock { _ in box.state.connection.setBusyWait(wait) }
    }

    /// The shared schema used to validate writes.
    public var schema: Schema { tables.withLock { $0.schema } }

    /// Replaces the schema (after plugins have loaded: core kinds plus plugin kinds). Commands
    /// that start afterwards validate against it.
    public func setSchema(_ schema: Schema) {
        let new = SchemaTables(schema)
        tables.withLock { $0 = new }
    }

    /// The id of the last non-undone run that changed something (0 for a new store).
    public func dataVersion() throws(NexoError) -> Int64 {
        try locked { state throws(NexoError) in try state.committedVersion() }
    }

    /// Runs one command against the store.
    ///
    /// - Read-only (`writes: false`): the session refuses writes with `denied`; all reads see one
    ///   snapshot (one read transaction).
    /// - Writing: in one write transaction, a `runs` row is inserted and stamped on every row the
    ///   command writes. When the body returns, the transaction commits; when it changed nothing,
    ///   it rolls back instead so the data version does not move. When the body throws, everything
    ///   rolls back and the error is rethrown.
    /// - `dryRun`: the body runs and its ``ChangeSummary`` is captured, then everything rolls back.
    public func perform<T>(
        _ run: RunRequest, writes: Bool, dryRun: Bool,
        _ body: (StoreSession) throws -> T
    ) throws -> CommandOutcome<T> {
        let tables = tables.withLock { $0 }
        return try locked { state throws(NexoError) in
            Result { try state.perform(run, writes: writes, dryRun: dryRun, tables: tables, body) }
        }.get()
    }

    /// ``perform(_:writes:dryRun:_:)`` for bodies that throw only ``NexoError``
    /// (annotate the closure: `{ session throws(NexoError) in … }`).
    public func perform<T>(
        _ run: RunRequest, writes: Bool, dryRun: Bool,
        _ body: (StoreSession) throws(NexoError) -> T
    ) throws(NexoError) -> CommandOutcome<T> {
        let tables = tables.withLock { $0 }
        let result = try locked { state throws(NexoError) in
            Result { try state.perform(run, writes: writes, dryRun: dryRun, tables: tables, body) }
        }
        switch result {
        case .success(let outcome): return outcome
        case .failure(let error as NexoError): throw error
        case .failure(let error): throw NexoError(.failed, "\(error)")
        }
    }

    /// Reverts the newest writing run of `request.user` that is not undone, not itself an undo and
    /// not made by a background job (a feed): deletes what it inserted, restores what it updated or
    /// removed (from the undo journal), marks it undone, and records the undo as a run of its own.
    /// Returns `nil` when this user has nothing to undo. Fails with `conflict`, naming them, when
    /// later runs (of anyone) stand on what the run wrote. With `dryRun`, the same checks and counts, and the
    /// transaction rolled back: nothing changes.
    public func undoLastRun(by request: RunRequest, dryRun: Bool = false) throws(NexoError) -> (
        undone: RunInfo, changes: ChangeSummary
    )? {
        try locked { state throws(NexoError) in try state.undoLastRun(by: request, dryRun: dryRun) }
    }

    /// Reverts run `id`, whoever made it, like ``undoLastRun(by:dryRun:)``. Fails with `not-found` for an
    /// unknown run, and names why a run cannot be undone (undone already, an undo, a job's batch,
    /// later runs depend on it).
    public func undoRun(_ id: Int64, by request: RunRequest, dryRun: Bool = false) throws(NexoError) -> (
        undone: RunInfo, changes: ChangeSummary
    ) {
        try locked { state throws(NexoError) in try state.undoRun(id, by: request, dryRun: dryRun) }
    }

    /// Closes the database (SQLite then folds the write-ahead log back and removes its files).
    /// Later calls fail with a clear error. The shell calls it when nexo exits.
    public func close() {
        lock.withLock { _ in
            checkpointer?.stop(uninstallingFrom: box.state.connection)
            box.state.connection.close()
        }
        OpenStoreFiles.unregister(registration)
    }

    /// Runs `body` with the state while holding the lock. A call from the thread that already
    /// holds it (a `perform` inside a `perform`) fails instead of deadlocking.
    private func locked<R>(_ body: (StoreState) throws(NexoError) -> R) throws(NexoError) -> R {
        let me = UInt(bitPattern: Int(bitPattern: pthread_self()))
        if owner.load(ordering: .relaxed) == me {
            throw NexoError(
                .failed, "the store is already in use by this command",
                hint: "use the StoreSession you were given instead of calling the Store again")
        }
        var result: Result<R, NexoError>?
        lock.withLock { _ in
            owner.store(me, ordering: .relaxed)
            defer { owner.store(0, ordering: .relaxed) }
            result = Result { () throws(NexoError) in
                guard !box.state.connection.isClosed else {
                    throw NexoError(.failed, "the store is closed", hint: "open it again")
                }
                return try body(box.state)
            }
        }
        return try result!.get()
    }

    /// Creates a missing database file readable by its owner only: the store holds personal data,
    /// and SQLite gives the `-wal` and `-shm` files the same permissions as the database.
    private static func createPrivately(_ path: String) throws(NexoError) {
        do {
            try LocalFiles.createPrivateFile(path)
        } catch {
            throw NexoError(
                .failed, "cannot create database '\(path)': \(error.message)",
                hint: "check that the directory exists and is writable")
        }
    }

    /// Refuses a store whose directory is missing (or creates it when `creating`, one level, 0700).
    private static func checkDirectory(of path: String, creating: Bool) throws(NexoError) {
        let directory = FileWriter.split(path).directory
        let found: Bool?
        var failure = FileSystem.Failure(message: "")
        do {
            found = try LocalFiles.isDirectory(directory)
        } catch {
            found = nil
            failure = error
        }
        if let found {
            guard found else {
                throw NexoError(
                    .invalidInput, "cannot open the store '\(path)': '\(directory)' is not a directory",
                    hint: "choose another store path (--db)")
            }
            return
        }
        if creating && failure.isNotFound {
            do {
                try FileSystem.makeDirectory(directory, mode: 0o700)
                return
            } catch {
                failure = error
            }
        }
        if failure.isNotFound {
            throw NexoError(
                .notFound, "cannot open the store '\(path)': the directory '\(directory)' does not exist",
                hint: "create it first, or choose another store path (--db)")
        }
        throw NexoError(.failed, "cannot open the store '\(path)': directory '\(directory)': \(failure.message)")
    }
}

/// Holds the store's non-Sendable state (the connection and caches).
///
/// `@unchecked Sendable` is safe because ``Store`` touches `state` only while holding its mutex,
/// so at most one thread uses the connection at a time, and ``StoreSession`` objects that refer
/// to it cannot escape the locked `perform` closure (they are not Sendable, and are closed
/// when it returns).
private final class StateBox: @unchecked Sendable {
    let state: StoreState
    init(_ state: StoreState) { self.state = state }
}
