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

/// Rows of typed cells: what commands return and what pipes carry.
///
/// Rows keep the order the command produced; every command documents that order and keeps it
/// stable so scripted output is reproducible.
public struct ResultTable: Sendable, Hashable {
    /// The columns.
    public var columns: [Column]
    /// The rows; each has one cell per column.
    public var rows: [[Value]]

    /// Creates a table. Rows must have one cell per column.
    public init(columns: [Column], rows: [[Value]] = []) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "row width differs from column count")
        self.columns = columns
        self.rows = rows
    }

    /// Appends a row; it must have one cell per column.
    public mutating func append(_ row: [Value]) {
        precondition(row.count == columns.count, "row width differs from column count")
        rows.append(row)
    }

    /// Index of the column named `name`.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// Every entity reference in the table, row by row, left to right, without duplicates.
    /// This is how a command with ``InputSpec/entities(kind:)`` reads its piped input.
    public var entityRefs: [EntityRef] {
        var seen = Set<EntityID>()
        var refs: [EntityRef] = []
        for row in rows {
            for case .entity(let ref) in row where seen.insert(ref.id).inserted { refs.append(ref) }
        }
        return refs
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
