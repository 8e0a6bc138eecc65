/// What the current user may see: the ONE place where case membership and need-to-know rules
/// apply to reads.
///
/// Every read path of ``StoreSession`` asks ``predicate(_:alias:firstParameter:)`` for a SQL
/// fragment and ANDs it into its WHERE clause (fragments are fixed SQL text; any values are bound
/// to numbered parameters `?N` starting at `firstParameter`). Today the only scope is ``all``,
/// whose fragment is `1`. Later access rules (case members, restricted sources, protected persons)
/// plug in here as new cases, and every query — lookups, lists, search, neighbours, graph views,
/// exports — obeys them without further changes.
public struct VisibilityScope: Sendable, Hashable {
    enum Rule: Sendable, Hashable {
        case all
    }

    let rule: Rule

    /// Everything is visible.
    public static let all = VisibilityScope(rule: .all)

    /// Tables a fragment can be asked for.
    enum Table {
        case entities, edges, sources, aliases, cases
    }

    /// A WHERE fragment over `alias` (the table's alias in the query) and its bound values, which
    /// go to parameters `?firstParameter`, `?firstParameter+1`, …
    func predicate(_ table: Table, alias: String, firstParameter: Int32) -> SQLFragment {
        switch rule {
        case .all: SQLFragment(sql: "1", bindings: [], firstParameter: firstParameter)
        }
    }
}

/// Fixed SQL text with the values bound to its `?` placeholders, in order.
struct SQLFragment {
    var sql: String
    var bindings: [SQLiteValue]
    /// Number of the first parameter the fragment uses.
    var firstParameter: Int32

    /// Binds the fragment's values.
    func bind(to statement: SQLiteStatement) { statement.bind(bindings, from: firstParameter) }
}
