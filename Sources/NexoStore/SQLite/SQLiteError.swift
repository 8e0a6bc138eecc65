import NexoKit

/// A failed SQLite call: the (extended) result code, SQLite's message, and the SQL it ran.
///
/// Bound parameter values are never part of the message, so user data does not leak into error
/// output or logs.
///
/// Related SQLite documentation: <https://www.sqlite.org/rescode.html>,
/// <https://www.sqlite.org/c3ref/errcode.html>
struct SQLiteError: Error, Hashable {
    /// The extended result code (`SQLITE_CONSTRAINT_PRIMARYKEY` is 1555).
    var extendedCode: Int32
    /// `sqlite3_errmsg` at the time of the failure.
    var message: String
    /// The SQL text being executed, if any.
    var sql: String?
    /// For a lock waited for in vain (`SQLITE_BUSY` after the busy handler gave up): the wait's limit.
    var waitedMilliseconds: Int?

    /// The primary result code (low byte of the extended code).
    var primaryCode: Int32 { extendedCode & 0xFF }

    /// Result codes this module inspects.
    enum Code {
        static let constraint: Int32 = 19
        static let constraintForeignKey: Int32 = 19 | (3 << 8)
        static let constraintPrimaryKey: Int32 = 19 | (6 << 8)
        static let constraintUnique: Int32 = 19 | (8 << 8)
        static let busy: Int32 = 5
        static let interrupt: Int32 = 9
    }

    /// Whether the failure is a uniqueness violation (duplicate primary key or unique index).
    var isUniqueViolation: Bool {
        extendedCode == Code.constraintPrimaryKey || extendedCode == Code.constraintUnique
    }

    /// `SQLite error 19: UNIQUE constraint failed: entities.id - while executing 'INSERT …'`.
    var description: String {
        var text = "SQLite error \(primaryCode): \(message)"
        if let sql { text += " - while executing '\(sql)'" }
        return text
    }

    /// The error as users see it. Constraint failures are conflicts; an interrupted statement
    /// (Ctrl-C, see ``SQLiteConnection/setCancellation(_:)``) is a cancellation; everything else failed.
    var nexoError: NexoError {
        switch primaryCode {
        case Code.constraint: NexoError(.conflict, description)
        case Code.interrupt: NexoError(.cancelled, "cancelled: nothing was changed")
        case Code.busy:
            if let waitedMilliseconds {
                NexoError(
                    .busy,
                    "gave up waiting for the store's write lock after \(BusyWait.seconds(waitedMilliseconds)) s: "
                        + "another writer (another nexo process or a background feed) held it all that time",
                    hint: "nothing was changed; run the command again once the other writer has finished")
            } else {
                NexoError(
                    .busy, "the store is locked by another writer (\(message))",
                    hint: "try again when the other command, process or feed has finished writing")
            }
        default: NexoError(.failed, description)
        }
    }
}
