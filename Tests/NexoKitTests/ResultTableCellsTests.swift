import NexoKit
import Testing

/// A table given by its columns' cells reads exactly like the same table given row by row.
@Suite struct ResultTableCellsTests {
    private func view() throws -> GraphView {
        try GraphView(
            dataVersion: 1, ids: ["G-1", "P-1", "P-2"], nodeKinds: ["group", "person", "person"],
            labels: ["Clique", "Ana López", "Luis"], edgeKindNames: ["member_of"],
            links: [GraphView.Link(from: 1, to: 0, kind: 0, edge: EdgeID(1))])
    }

    private let columns = [
        Column("entity", .entity(kind: nil)), Column("n", .int), Column("x", .double), Column("kind", .string),
        Column("other", .entity(kind: nil)),
    ]

    /// The same four rows, by columns and by rows.
    private func tables() throws -> (byCells: ResultTable, byRows: ResultTable) {
        let view = try view()
        let byCells = ResultTable(
            columns: columns,
            cells: [
                .entities(nodes: [2, 1, -1, 0], of: view), .ints([5, 6, 7, 8]), .doubles([0.5, 1, 1.5, 2]),
                .coded([1, 0, -1, 1], dictionary: [.string("a"), .string("b")]),
                .values([.entity(view.entityRef(ofNode: 0)), .null, .entity(view.entityRef(ofNode: 2)), .null]),
            ])
        func ref(_ node: Int) -> Value { .entity(view.entityRef(ofNode: node)) }
        let byRows = ResultTable(
            columns: columns,
            rows: [
                [ref(2), .int(5), .double(0.5), .string("b"), ref(0)],
                [ref(1), .int(6), .double(1), .string("a"), .null],
                [.null, .int(7), .double(1.5), .null, ref(2)],
                [ref(0), .int(8), .double(2), .string("b"), .null],
            ])
        return (byCells, byRows)
    }

    @Test func readsLikeRows() throws {
        let (byCells, byRows) = try tables()
        #expect(byCells.rowCount == 4)
        #expect(byCells == byRows)
        #expect(byCells.hashValue == byRows.hashValue)
        #expect(byCells.rows == byRows.rows)
        for row in 0..<4 {
            #expect(byCells.row(row) == byRows.row(row))
            for column in columns.indices {
                #expect(byCells.cell(row: row, column: column) == byRows.cell(row: row, column: column))
                #expect(byCells.cells(ofColumn: column)[row] == byRows.cells(ofColumn: column)[row])
            }
        }
        let first = try #require(byCells.row(0).first?.entityValue)
        #expect(first.id == "P-2" && first.kind == "person" && first.label == "Luis")
    }

    @Test func gathersAndSelectsLikeRows() throws {
        let (byCells, byRows) = try tables()
        #expect(byCells.gatheringRows([3, 0, 0]) == byRows.gatheringRows([3, 0, 0]))
        #expect(byCells.gatheringRows([3, 0, 0]).rowCount == 3)
        #expect(byCells.gatheringRows(1..<1).isEmpty)
        #expect(byCells.selectingColumns([3, 0, 3]) == byRows.selectingColumns([3, 0, 3]))
        let none = byCells.selectingColumns([])
        #expect(none.rowCount == 4 && none.columns.isEmpty && none.row(2).isEmpty)
    }

    /// Entity references come row by row, left to right, each once: not column after column.
    @Test func entityReferencesInRowOrder() throws {
        let (byCells, byRows) = try tables()
        #expect(byCells.entityRefs.map(\.id) == ["P-2", "G-1", "P-1"])
        #expect(byCells.entityRefs == byRows.entityRefs)
    }

    /// Changing the rows of a table given by columns turns it into rows, keeping every cell.
    @Test func editingRowsKeepsTheCells() throws {
        var (byCells, byRows) = try tables()
        byCells.rows[1][1] = .int(60)
        byRows.rows[1][1] = .int(60)
        byCells.append([.null, .int(9), .double(3), .null, .null])
        byRows.append([.null, .int(9), .double(3), .null, .null])
        #expect(byCells == byRows)
        #expect(byCells.rowCount == 5)
    }

    @Test func emptyTableByColumns() {
        let table = ResultTable(columns: [Column("n", .int)], cells: [.ints([])])
        #expect(table.isEmpty && table.rows.isEmpty && table.entityRefs.isEmpty)
        #expect(table == ResultTable(columns: [Column("n", .int)]))
    }
}
