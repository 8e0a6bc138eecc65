#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline void (*nexo_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }

static inline int nexo_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

static inline int nexo_sqlite_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

// Binds text that the caller keeps alive and unchanged until the statement is stepped and reset
// (SQLITE_STATIC: no copy). Used by the bulk importer, which binds straight from its read buffer.
static inline int nexo_sqlite_bind_text_static(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_STATIC);
}

// Returns a copy of `text` as the result of an application-defined SQL function.
static inline void nexo_sqlite_result_text(sqlite3_context *context, const char *text, int length) {
    sqlite3_result_text(context, text, length, SQLITE_TRANSIENT);
}
