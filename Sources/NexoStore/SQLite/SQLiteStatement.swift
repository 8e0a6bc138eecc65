import CSQLite
import NexoKit

/// A value bound to a statement parameter.
enum SQLiteValue: Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
}

/// One prepared statement. Owns its `sqlite3_stmt` and finalizes it in `deinit`.
///
/// Parameters are 1-based, columns 0-based, as in the C API. A statement belongs to one
/// connection and is not Sendable.
///
/// Related SQLite documentation: <https://www.sqlite.org/c3ref/stmt.html>,
/// <https://www.sqlite.org/c3ref/bind_blob.html>, <https://www.sqlite.org/c3ref/step.html>,
/// <https://www.sqlite.org/c3ref/column_blob.html>
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let database: OpaquePointer
    /// The SQL text, for error messages.
    let sql: String
    /// The error of the last failed ``step()``, for callers that need its code.
    private(set) var lastError: SQLiteError?
    /// Whether a scoped user currently holds this cached statement (see `SQLiteConnection`).
    var isInUse = false

    /// Prepares `sql` on `database`.
    init(database: OpaquePointer, sql: String) throws(NexoError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(
                extendedCode: sqlite3_extended_errcode(database),
                message: String(cString: sqlite3_errmsg(database)), sql: sql
            ).nexoError
        }
        self.handle = statement
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: Binding

    /// Binds an integer to parameter `index`.
    func bind(_ value: Int64, at index: Int32) { sqlite3_bind_int64(handle, index, value) }
    /// Binds a double to parameter `index`.
    func bind(_ value: Double, at index: Int32) { sqlite3_bind_double(handle, index, value) }
    /// Binds NULL to parameter `index`.
    func bindNull(at index: Int32) { sqlite3_bind_null(handle, index) }
    /// Binds a copy of `text` (or NULL) to parameter `index`.
    func bind(_ text: String?, at index: Int32) {
        guard var text else { return bindNull(at: index) }
        text.withUTF8 { bindText($0, at: index) }
    }
    /// Binds an optional integer.
    func bind(_ value: Int64?, at index: Int32) {
        if let value { bind(value, at: index) } else { bindNull(at: index) }
    }
    /// Binds an optional double.
    func bind(_ value: Double?, at index: Int32) {
        if let value { bind(value, at: index) } else { bindNull(at: index) }
    }
    /// Binds UTF-8 bytes WITHOUT copying: `bytes` must stay valid and unchanged until the next
    /// ``step()`` has run and the parameter has been rebound or the statement reset.
    func bindUnsafeText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        if let base = bytes.baseAddress {
            _ = nexo_sqlite_bind_text_static(
                handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        } else {
            _ = nexo_sqlite_bind_text(handle, index, "", 0)
        }
    }
    /// Binds a copy of UTF-8 bytes as text.
    func bindText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int32) {
        if let base = bytes.baseAddress {
            _ = nexo_sqlite_bind_text(
                handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        } else {
            _ = nexo_sqlite_bind_text(handle, index, "", 0)
        }
    }
    /// Binds a copy of `bytes` as a blob.
    func bindBlob(_ bytes: [UInt8], at index: Int32) {
        bytes.withUnsafeBytes { raw in
            _ = nexo_sqlite_bind_blob(
                handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(raw.count))
        }
    }
    /// Binds a value.
    func bind(_ value: SQLiteValue, at index: Int32) {
        switch value {
        case .null: bindNull(at: index)
        case .int(let v): bind(v, at: index)
        case .double(let v): bind(v, at: index)
        case .text(let v): bind(v, at: index)
        }
    }
    /// Binds `values` to parameters `first`, `first + 1`, …
    func bind(_ values: [SQLiteValue], from first: Int32 = 1) {
        for (offset, value) in values.enumerated() { bind(value, at: first + Int32(offset)) }
    }

    // MARK: Stepping

    /// Runs the statement one step. Returns `true` when a row is available.
    ///
    /// Related SQLite documentation: <https://www.sqlite.org/c3ref/step.html>
    @discardableResult
    func step() throws(NexoError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(
                extendedCode: sqlite3_extended_errcode(database),
                message: String(cString: sqlite3_errmsg(database)), sql: sql)
            lastError = error
            sqlite3_reset(handle)
            throw error.nexoError
        }
    }

    /// Steps until done (for statements that return no rows).
    func run() throws(NexoError) {
        while try step() {}
    }

    /// Resets the statement so it can run again; bindings are kept.
    func reset() { sqlite3_reset(handle) }
    /// Sets every parameter to NULL.
    func clearBindings() { sqlite3_clear_bindings(handle) }

    // MARK: Columns

    /// Whether column `index` of the current row is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }
    /// Column `index` as an integer.
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }
    /// Column `index` as a double.
    func double(_ index: Int32) -> Double { sqlite3_column_double(handle, index) }
    /// Column `index` as an integer, or `nil` when NULL.
    func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }
    /// Column `index` as text ("" when NULL).
    func text(_ index: Int32) -> String {
        withText(index) { String(decoding: $0, as: UTF8.self) }
    }
    /// Column `index` as bytes (a blob; empty when NULL).
    func blob(_ index: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, index) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, index))
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
    /// Column `index` as text, or `nil` when NULL.
    func optionalText(_ index: Int32) -> String? { isNull(index) ? nil : text(index) }
    /// Calls `body` with the UTF-8 bytes of column `index`, valid only during the call.
    func withText<R>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws(NexoError) -> R) throws(NexoError) -> R
    {
        let pointer = sqlite3_column_text(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }
    /// Non-throwing variant of ``withText(_:_:)``.
    func withText<R>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let pointer = sqlite3_column_text(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return body(UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}
