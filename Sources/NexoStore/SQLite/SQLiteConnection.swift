import CSQLite
import NexoKit

/// One SQLite database connection. Owns the `sqlite3*` handle and closes it in `deinit`.
///
/// This type and ``SQLiteStatement`` are the only places in Nexo that call `sqlite3_*`.
/// A connection is not Sendable: ``Store`` keeps it behind a mutex.
///
/// Opening applies the settings Nexo relies on: WAL journal (files only), foreign keys,
/// `synchronous=FULL`, a bounded wait for locks other connections hold (``setBusyWait(_:)``),
/// and the `nexo_fold` SQL function.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/open.html>,
/// <https://www.sqlite.org/wal.html>, <https://www.sqlite.org/pragma.html#pragma_synchronous>,
/// <https://www.sqlite.org/foreignkeys.html>, <https://www.sqlite.org/c3ref/busy_handler.html>
/// Carries a cancellation check through SQLite's C progress callback.
private final class CancellationBox {
    let isCancelled: @Sendable () -> Bool
    init(_ isCancelled: @escaping @Sendable () -> Bool) { self.isCancelled = isCancelled }
}

final class SQLiteConnection {
    /// The raw handle, for ``SQLiteStatement``.
    let handle: OpaquePointer
    /// The path it was opened with.
    let path: String
    /// Prepared statements by SQL text: each statement is prepared once per connection.
    private var cache: [String: SQLiteStatement] = [:]

    /// Opens (creating if needed) the database at `path`; `:memory:` gives a private in-memory one.
    init(path: String) throws(NexoError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            if let db { sqlite3_close_v2(db) }
            throw NexoError(
                .failed, "cannot open database '\(path)': \(message)",
                hint: "check that the directory exists and is writable")
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        setBusyWait(BusyWait())
        if path != ":memory:" { try execute("PRAGMA journal_mode=WAL") }
        try execute("PRAGMA foreign_keys=ON")
        try execute("PRAGMA synchronous=FULL")
        try registerFoldFunctions()
    }

    /// Whether ``close()`` has run.
    private(set) var isClosed = false

    deinit { close() }

    /// Finalizes every statement and closes the database. The last connection to close
    /// checkpoints the write-ahead log and removes the `-wal` and `-shm` files. Idempotent.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/close.html>
    func close() {
        guard !isClosed else { return }
        isClosed = true
        cache.removeAll()
        sqlite3_progress_handler(handle, 0, nil, nil)
        sqlite3_busy_handler(handle, nil, nil)
        sqlite3_close_v2(handle)
        cancellation?.release()
        cancellation = nil
        busyWait?.release()
        busyWait = nil
    }

    /// The retained wait state behind the busy handler's context pointer, released on close.
    private var busyWait: Unmanaged<BusyWaitState>?

    /// How a statement waits for a lock another connection holds (another process writing, a
    /// background feed committing): it retries with growing pauses, calls `wait.notice` once it
    /// has waited `wait.noticeAfterMilliseconds`, and fails with `SQLITE_BUSY` after
    /// `wait.limitMilliseconds` in all; the error then says how long it waited.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/busy_handler.html>,
    /// <https://www.sqlite.org/c3ref/sleep.html>
    func setBusyWait(_ wait: BusyWait) {
        let box = Unmanaged.passRetained(BusyWaitState(wait))
        sqlite3_busy_handler(
            handle,
            { context, attempt in
                guard let context else { return 0 }
                return Unmanaged<BusyWaitState>.fromOpaque(context).takeUnretainedValue().retry(attempt: Int(attempt))
                    ? 1 : 0
            }, box.toOpaque())
        busyWait?.release()
        busyWait = box
    }

    /// The retained box behind the progress handler's context pointer, released in `deinit`.
    private var cancellation: Unmanaged<CancellationBox>?

    /// Throws `cancelled` when the cancellation check says so: for loops of many short
    /// statements (bulk import), which the progress handler does not see, since it counts the
    /// steps of one statement at a time.
    func checkCancellation() throws(NexoError) {
        if let cancellation, cancellation.takeUnretainedValue().isCancelled() {
            throw NexoError(.cancelled, "cancelled: nothing was changed")
        }
    }

    /// Makes long statements stop when `isCancelled` turns true (Ctrl-C): SQLite calls the check
    /// every few thousand virtual-machine steps and fails the statement with `SQLITE_INTERRUPT`,
    /// which the store reports as `cancelled` after rolling the command back.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/progress_handler.html>
    func setCancellation(_ isCancelled: @escaping @Sendable () -> Bool) {
        let box = Unmanaged.passRetained(CancellationBox(isCancelled))
        sqlite3_progress_handler(
            handle, 4096,
            { context in
                guard let context else { return 0 }
                return Unmanaged<CancellationBox>.fromOpaque(context).takeUnretainedValue().isCancelled() ? 1 : 0
            }, box.toOpaque())
        cancellation?.release()
        cancellation = box
    }

    /// Runs fixed SQL (DDL, pragmas, transaction control): one or more statements, no parameters.
    /// Never pass text that contains user input.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/exec.html>
    func execute(_ sql: String) throws(NexoError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(sql: sql).nexoError }
    }

    /// Runs `body` with the cached prepared statement for `sql`, reset afterwards.
    ///
    /// The statement is prepared the first time its text is seen and reused after. When the
    /// cached statement is already in use further up the stack (a nested query with the same
    /// text), a temporary one is prepared instead.
    func withStatement<R>(_ sql: String, _ body: (SQLiteStatement) throws(NexoError) -> R) throws(NexoError) -> R {
        let statement: SQLiteStatement
        if let cached = cache[sql], !cached.isInUse {
            statement = cached
        } else if cache[sql] == nil {
            statement = try SQLiteStatement(database: handle, sql: sql)
            cache[sql] = statement
        } else {
            statement = try SQLiteStatement(database: handle, sql: sql)
        }
        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        return try body(statement)
    }

    /// A statement owned by the caller (not cached), for long-lived use such as bulk import.
    func prepare(_ sql: String) throws(NexoError) -> SQLiteStatement {
        try SQLiteStatement(database: handle, sql: sql)
    }

    /// Runs a statement that returns no rows, binding `values`.
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws(NexoError) {
        try withStatement(sql) { statement throws(NexoError) in
            statement.bind(values)
            try statement.run()
        }
    }

    /// The first column of the first row as an integer, or `nil` when there is no row or it is NULL.
    func scalarInt(_ sql: String, _ values: [SQLiteValue] = []) throws(NexoError) -> Int64? {
        try withStatement(sql) { statement throws(NexoError) in
            statement.bind(values)
            return try statement.step() ? statement.optionalInt64(0) : nil
        }
    }

    /// Rowid of the last successful INSERT.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/last_insert_rowid.html>
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/changes.html>
    var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Whether no transaction is open.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/get_autocommit.html>
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// The current error of the connection; a lock waited for in vain says for how long.
    func error(sql: String?) -> SQLiteError {
        var error = SQLiteError(
            extendedCode: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        if error.primaryCode == SQLiteError.Code.busy,
            let gaveUp = busyWait?.takeUnretainedValue().gaveUpAfterMilliseconds
        {
            error.waitedMilliseconds = gaveUp
        }
        return error
    }

    /// Registers the text functions the name indexes are filled with by a single `INSERT … SELECT`:
    /// `nexo_fold(text)`, the text folded for search (NexoKit's ``NameFolding/fold(_:)``), and `nexo_words(text)`,
    /// the text folded into words (``NameFolding/words(_:upperCased:)``).
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/create_function.html>,
    /// <https://www.sqlite.org/c3ref/value_blob.html>, <https://www.sqlite.org/c3ref/result_blob.html>
    private func registerFoldFunctions() throws(NexoError) {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS
        var code = sqlite3_create_function_v2(
            handle, "nexo_fold", 1, flags, nil,
            { context, count, arguments in
                SQLiteConnection.resultText(context, count, arguments) { NameFolding.fold(utf8: $0) }
            }, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(sql: nil).nexoError }
        code = sqlite3_create_function_v2(
            handle, "nexo_words", 1, flags, nil,
            { context, count, arguments in
                SQLiteConnection.resultText(context, count, arguments) {
                    Array(NameFolding.words(String(decoding: $0, as: UTF8.self)).utf8)
                }
            }, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(sql: nil).nexoError }
    }

    /// Sets the result of a one-argument text function: `transform` of the argument's UTF-8 bytes, `NULL` for
    /// `NULL`.
    private static func resultText(
        _ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?,
        _ transform: (UnsafeBufferPointer<UInt8>) -> [UInt8]
    ) {
        guard count == 1, let argument = arguments?[0], sqlite3_value_type(argument) != SQLITE_NULL else {
            sqlite3_result_null(context)
            return
        }
        let pointer = sqlite3_value_text(argument)
        let length = Int(sqlite3_value_bytes(argument))
        let result = transform(UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : length))
        result.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress {
                nexo_sqlite_result_text(
                    context, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count))
            } else {
                nexo_sqlite_result_text(context, "", 0)
            }
        }
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
