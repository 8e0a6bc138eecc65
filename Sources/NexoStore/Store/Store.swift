import Glibc
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
    private let lock = Mutex<Void>(())
    private let box: StateBox

    private init(path: String, state: StoreState) {
        self.path = path
        box = StateBox(state)
    }

    /// Opens the store at `path` (creating the file and its parent directory when needed), or an
    /// in-memory store for `:memory:`, and migrates it to the current schema version.
    /// A database written by a newer Nexo is refused.
    public static func open(path: String, schema: Schema) throws(NexoError) -> Store {
        if path != ":memory:" { try makeParentDirectory(of: path) }
        let connection = try SQLiteConnection(path: path)
        try Migrations.migrate(connection)
        return Store(path: path, state: StoreState(connection: connection, tables: SchemaTables(schema)))
    }

    /// The shared schema used to validate writes.
    public var schema: Schema { lock.withLock { _ in box.state.tables.schema } }

    /// Replaces the schema (after plugins have loaded: core kinds plus plugin kinds).
    public func setSchema(_ schema: Schema) {
        let tables = SchemaTables(schema)
        lock.withLock { _ in box.state.tables = tables }
    }

    /// The id of the last non-undone run that changed something (0 for a new store).
    public func dataVersion() throws(NexoError) -> Int64 {
        try lock.withLock { _ throws(NexoError) in try box.state.committedVersion() }
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
    public func perform<T>(_ run: RunRequest, writes: Bool, dryRun: Bool,
                           _ body: (StoreSession) throws -> T) throws -> CommandOutcome<T> {
        var result: Result<CommandOutcome<T>, any Error>?
        lock.withLock { _ in
            result = Result { try box.state.perform(run, writes: writes, dryRun: dryRun, body) }
        }
        return try result!.get()
    }

    /// ``perform(_:writes:dryRun:_:)`` for bodies that throw only ``NexoError``
    /// (annotate the closure: `{ session throws(NexoError) in … }`).
    public func perform<T>(_ run: RunRequest, writes: Bool, dryRun: Bool,
                           _ body: (StoreSession) throws(NexoError) -> T) throws(NexoError) -> CommandOutcome<T> {
        var result: Result<CommandOutcome<T>, any Error>?
        lock.withLock { _ in
            result = Result { try box.state.perform(run, writes: writes, dryRun: dryRun, body) }
        }
        switch result! {
        case .success(let outcome): return outcome
        case .failure(let error as NexoError): throw error
        case .failure(let error): throw NexoError(.failed, "\(error)")
        }
    }

    /// Reverts the newest writing run that is not undone and not itself an undo: deletes what it
    /// inserted, restores what it updated or removed (from the undo journal), marks it undone, and
    /// records the undo as a run of its own. Returns `nil` when there is nothing to undo.
    public func undoLastRun(by request: RunRequest) throws(NexoError) -> (undone: RunInfo, changes: ChangeSummary)? {
        try lock.withLock { _ throws(NexoError) in try box.state.undoLastRun(by: request) }
    }

    /// `mkdir -p` of the directory holding `path`.
    private static func makeParentDirectory(of path: String) throws(NexoError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        var built = path.hasPrefix("/") ? "" : "."
        for component in path[..<slash].split(separator: "/") {
            built += "/" + component
            if mkdir(built, 0o755) != 0 && errno != EEXIST {
                throw NexoError(.failed, "cannot create directory '\(built)': \(String(cString: strerror(errno)))")
            }
        }
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
