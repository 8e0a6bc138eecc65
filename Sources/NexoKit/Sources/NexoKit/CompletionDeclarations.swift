/// Where tab completion finds the words a text argument or option takes, when its type alone
/// (``ValueType/string``) cannot say. Declared with ``ArgumentType/string(completing:)``:
///
/// ```swift
/// static let role = OptionKey(
///     "role", .string(completing: .edgeProperty(edge: "member_of", property: "role")), "Only this role")
/// static let column = ArgumentKey("column", .string(completing: .inputColumns), "Column name")
/// ```
///
/// Completion only reads: it never runs a command and never writes to the store.
public enum CompletionSource: Sendable, Hashable {
    /// The names of the columns of the table piped in: the columns the command before the `|`
    /// declares (``CommandSpec/columns``), or those of the table a `$variable` holds.
    case inputColumns
    /// Like ``inputColumns``; a word typed with a leading `-` completes to `-name` (descending), as
    /// `sort` takes them.
    case sortKeys
    /// The ids of the background jobs of `kind` (`feed` for `feed-1`) the command's plugin started
    /// in this session; of every kind when `nil`.
    case jobs(kind: String?)
    /// The values stored in property `property` of edges of kind `edge` (`role` of `member_of`):
    /// the words already in use, read from a bounded number of edges.
    case edgeProperty(edge: String, property: String)
}

/// The columns of the table a command returns, as its spec declares them (``CommandSpec/columns``),
/// so that completion offers them after `| where`, `| sort`, `| select` and `| count --by` without
/// running the command.
public enum ResultColumns: Sendable, Hashable {
    /// A table with these columns, in this order.
    case fixed([Column])
    /// The table piped in, its columns unchanged (`where`, `sort`, `limit`).
    case input
}
