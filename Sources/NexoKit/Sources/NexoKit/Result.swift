/// A named, typed column of a result table.
public struct Column: Sendable, Hashable {
    /// Column name (`id`, `label`, `score`); `where`, `sort` and `select` refer to it.
    public var name: String
    /// Type of the cells (cells may also be null).
    public var type: ValueType

    /// Declares a column.
    public init(_ name: String, _ type: ValueType) {
        self.name = name
        self.type = type
    }
}

/// What a command returns. The shell renders it: the table (in the chosen format) and the text go
/// to standard output, the message to standard error, so scripts can capture data without notes.
public struct CommandResult: Sendable, Hashable {
    /// Rows, or `nil` when the command returns no table.
    public var table: ResultTable?
    /// Text that is itself the result (a help page, a report), printed to standard output as is.
    public var text: String?
    /// A one-line status note for a human (`added P-12`), printed to standard error.
    public var message: String?
    /// A summary line about the table (a total, an average), shown below the table when it is
    /// rendered as a table and on standard error in the other formats.
    ///
    /// A footer is never a row of the result: pipes, `count`, `sort`, `where`, variables and the
    /// json, ndjson, csv and tsv rows never see it. Put totals here, not in an extra row.
    public var footer: String?

    /// Creates a result.
    public init(table: ResultTable? = nil, text: String? = nil, message: String? = nil, footer: String? = nil) {
        self.table = table
        self.text = text
        self.message = message
        self.footer = footer
    }

    /// A result with nothing to show.
    public static let empty = CommandResult()
}
