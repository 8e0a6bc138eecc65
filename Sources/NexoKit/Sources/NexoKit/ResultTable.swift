/// Rows of typed cells: what commands return and what pipes carry.
///
/// Rows keep the order the command produced; every command documents that order and keeps it
/// stable so scripted output is reproducible.
///
/// A table is built either row by row (``init(columns:rows:)``, ``append(_:)``) or column by
/// column (``init(columns:cells:)``, flat arrays per column, no allocation per row: the way to
/// return a row per entity of a large graph). Either way it reads the same: ``rowCount``,
/// ``row(_:)``, ``cell(row:column:)``, or ``rows`` for all of them at once (built on first use
/// when the table was given by columns).
public struct ResultTable: Sendable, Hashable {
    private enum Storage: Sendable {
        case rows([[Value]])
        case cells([ColumnCells], count: Int)
    }

    /// The columns.
    public var columns: [Column]
    private var storage: Storage

    /// Creates a table. Rows must have one cell per column.
    public init(columns: [Column], rows: [[Value]] = []) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "row width differs from column count")
        self.columns = columns
        self.storage = .rows(rows)
    }

    /// Creates a table from its columns' cells: one ``ColumnCells`` per column, all of the same
    /// length (the number of rows).
    public init(columns: [Column], cells: [ColumnCells]) {
        precondition(cells.count == columns.count, "column cells differ from column count")
        let count = cells.first?.count ?? 0
        precondition(cells.allSatisfy { $0.count == count }, "columns differ in length")
        self.columns = columns
        self.storage = .cells(cells, count: count)
    }

    /// Number of rows.
    public var rowCount: Int {
        switch storage {
        case .rows(let rows): rows.count
        case .cells(_, let count): count
        }
    }

    /// Whether the table has no rows.
    public var isEmpty: Bool { rowCount == 0 }

    /// The cells of row `index`, one per column.
    public func row(_ index: Int) -> [Value] {
        switch storage {
        case .rows(let rows): rows[index]
        case .cells(let cells, _): cells.map { $0[index] }
        }
    }

    /// The cell of row `row` in column `column`.
    public func cell(row: Int, column: Int) -> Value {
        switch storage {
        case .rows(let rows): rows[row][column]
        case .cells(let cells, _): cells[column][row]
        }
    }

    /// The cells of column `index`, in row order.
    public func cells(ofColumn index: Int) -> ColumnCells {
        switch storage {
        case .rows(let rows): .values(rows.map { $0[index] })
        case .cells(let cells, _): cells[index]
        }
    }

    /// The rows; each has one cell per column. Reading them from a table given by columns builds
    /// every row: prefer ``rowCount`` and ``row(_:)`` for large tables.
    public var rows: [[Value]] {
        get {
            switch storage {
            case .rows(let rows): rows
            case .cells(let cells, let count): (0..<count).map { index in cells.map { $0[index] } }
            }
        }
        set { storage = .rows(newValue) }
        _modify {
            var rows = self.rows
            storage = .rows([])
            defer { storage = .rows(rows) }
            yield &rows
        }
    }

    /// Appends a row; it must have one cell per column.
    public mutating func append(_ row: [Value]) {
        precondition(row.count == columns.count, "row width differs from column count")
        rows.append(row)
    }

    /// The rows at `indices`, in that order, with the same columns.
    public func gatheringRows(_ indices: some Collection<Int>) -> ResultTable {
        switch storage {
        case .rows(let rows): ResultTable(columns: columns, rows: indices.map { rows[$0] })
        case .cells(let cells, _): ResultTable(columns: columns, cells: cells.map { $0.gathering(indices) })
        }
    }

    /// Only the columns at `indices`, in that order (a column may appear twice).
    public func selectingColumns(_ indices: [Int]) -> ResultTable {
        let chosen = indices.map { columns[$0] }
        switch storage {
        case .rows(let rows): return ResultTable(columns: chosen, rows: rows.map { row in indices.map { row[$0] } })
        case .cells(let cells, let count):
            var table = ResultTable(columns: chosen, cells: indices.map { cells[$0] })
            if indices.isEmpty { table.storage = .rows(Array(repeating: [], count: count)) }
            return table
        }
    }

    /// Index of the column named `name`.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// Every entity reference in the table, row by row, left to right, without duplicates.
    /// This is how a command with ``InputSpec/entities(kind:)`` reads its piped input.
    public var entityRefs: [EntityRef] {
        var seen = Set<EntityID>()
        var refs: [EntityRef] = []
        switch storage {
        case .rows(let rows):
            for row in rows {
                for case .entity(let ref) in row where seen.insert(ref.id).inserted { refs.append(ref) }
            }
        case .cells(let cells, let count):
            let candidates = cells.filter(\.mayHoldEntities)
            for index in 0..<count {
                for column in candidates {
                    if case .entity(let ref) = column[index], seen.insert(ref.id).inserted { refs.append(ref) }
                }
            }
        }
        return refs
    }

    /// Tables are equal when their columns and their rows' cells are, however they were built.
    public static func == (a: ResultTable, b: ResultTable) -> Bool {
        guard a.columns == b.columns, a.rowCount == b.rowCount else { return false }
        return (0..<a.rowCount).allSatisfy { a.row($0) == b.row($0) }
    }

    /// Hashes the columns and the rows' cells.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(columns)
        hasher.combine(rowCount)
        for index in 0..<rowCount { hasher.combine(row(index)) }
    }
}
