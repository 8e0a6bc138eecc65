/// The cells of one column of a ``ResultTable``, stored by type.
///
/// A command that returns one row per entity of a large graph (a million rows) builds its table
/// from a few flat arrays instead of a million row arrays: a column of integers is one `[Int64]`,
/// a column of entities is one array of ``GraphView`` node numbers that become references (id,
/// kind, label) only when a row is read. Pipes (`count`, `limit`, `select`, `where`, `sort`) then
/// work on the columns, and a row is built only for what is printed or handed on as rows.
///
/// ```swift
/// let table = ResultTable(
///     columns: [Column("entity", .entity(kind: nil)), Column("component", .int)],
///     cells: [.entities(nodes: members, of: view), .ints(numbers)])
/// ```
public struct ColumnCells: Sendable {
    enum Storage: Sendable {
        case values([Value])
        case ints([Int64])
        case doubles([Double])
        case coded([Int32], dictionary: [Value])
        case nodes([Int32], view: GraphView)
    }

    let storage: Storage

    init(_ storage: Storage) { self.storage = storage }

    /// Cells given as values, one per row.
    public static func values(_ values: [Value]) -> ColumnCells { ColumnCells(.values(values)) }

    /// Integer cells, one per row.
    public static func ints(_ values: [Int64]) -> ColumnCells { ColumnCells(.ints(values)) }

    /// Floating-point cells, one per row.
    public static func doubles(_ values: [Double]) -> ColumnCells { ColumnCells(.doubles(values)) }

    /// Cells drawn from a short list of values: row `i` holds `dictionary[codes[i]]`, or null
    /// where the code is negative. For a column that repeats a few values over many rows (a link
    /// kind, a depth, a community's size). Every non-negative code must index `dictionary`.
    public static func coded(_ codes: [Int32], dictionary: [Value]) -> ColumnCells {
        precondition(
            codes.allSatisfy { $0 < Int32(clamping: dictionary.count) }, "a code is outside the column's dictionary")
        return ColumnCells(.coded(codes, dictionary: dictionary))
    }

    /// Entity cells: row `i` holds the entity of node `nodes[i]` of `view` (its id, kind and
    /// label, as ``GraphView/entityRef(ofNode:)`` gives them), or null where the node is negative.
    /// Every non-negative node must be a node of `view`.
    public static func entities(nodes: [Int32], of view: GraphView) -> ColumnCells {
        precondition(
            nodes.allSatisfy { $0 < Int32(clamping: view.nodeCount) }, "a node is outside the column's graph view")
        return ColumnCells(.nodes(nodes, view: view))
    }

    /// Number of cells (rows).
    public var count: Int {
        switch storage {
        case .values(let values): values.count
        case .ints(let values): values.count
        case .doubles(let values): values.count
        case .coded(let codes, _): codes.count
        case .nodes(let nodes, _): nodes.count
        }
    }

    /// The cell of row `row`.
    public subscript(row: Int) -> Value {
        switch storage {
        case .values(let values): return values[row]
        case .ints(let values): return .int(values[row])
        case .doubles(let values): return .double(values[row])
        case .coded(let codes, let dictionary):
            let code = codes[row]
            return code < 0 ? .null : dictionary[Int(code)]
        case .nodes(let nodes, let view):
            let node = nodes[row]
            return node < 0 ? .null : .entity(view.entityRef(ofNode: Int(node)))
        }
    }

    /// Every cell as a value, in row order.
    public var values: [Value] {
        if case .values(let values) = storage { return values }
        return (0..<count).map { self[$0] }
    }

    /// The cells of the rows at `rows`, in that order.
    public func gathering(_ rows: some Collection<Int>) -> ColumnCells {
        switch storage {
        case .values(let values): .values(rows.map { values[$0] })
        case .ints(let values): .ints(rows.map { values[$0] })
        case .doubles(let values): .doubles(rows.map { values[$0] })
        case .coded(let codes, let dictionary): ColumnCells(.coded(rows.map { codes[$0] }, dictionary: dictionary))
        case .nodes(let nodes, let view): ColumnCells(.nodes(rows.map { nodes[$0] }, view: view))
        }
    }

    /// Whether a cell of this column can hold an entity reference.
    var mayHoldEntities: Bool {
        switch storage {
        case .ints, .doubles: false
        case .values, .coded, .nodes: true
        }
    }
}
