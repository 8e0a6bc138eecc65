import NexoKit
import Testing

@testable import NexoShell

/// The pipe filters give the same rows whether the table came by columns (as `link components`
/// returns a million rows) or row by row.
@Suite struct ColumnTableFilterTests {
    /// Six entities of a view, numbered 1, 2, 1, 3, 2, 1, by columns and by rows.
    private func tables() throws -> (byCells: ResultTable, byRows: ResultTable) {
        let ids: [EntityID] = ["P-1", "P-2", "P-3", "P-4", "P-5", "P-6"]
        let view = try GraphView(
            dataVersion: 1, ids: ids, nodeKinds: Array(repeating: "person", count: 6),
            labels: ["Ana", "Luis", "Ána", "Pedro", "Marta", "Luisa"], edgeKindNames: [], links: [])
        let columns = [Column("entity", .entity(kind: nil)), Column("group", .int), Column("kind", .string)]
        let groups: [Int32] = [0, 1, 0, 2, 1, 0]
        let dictionary: [Value] = [.int(1), .int(2), .int(3)]
        let byCells = ResultTable(
            columns: columns,
            cells: [
                .entities(nodes: [5, 4, 3, 2, 1, 0], of: view), .coded(groups, dictionary: dictionary),
                .values(Array(repeating: .string("person"), count: 6)),
            ])
        let byRows = ResultTable(
            columns: columns,
            rows: (0..<6).map { row in
                [.entity(view.entityRef(ofNode: 5 - row)), dictionary[Int(groups[row])], .string("person")]
            })
        return (byCells, byRows)
    }

    @Test func filtersAgree() throws {
        let (byCells, byRows) = try tables()
        for (op, literal) in [("=", "1"), (">", "1"), ("!=", "2"), ("~", "ana"), ("!~", "luis"), ("=", "P-3")] {
            let column = op.contains("~") || literal.hasPrefix("P") ? "entity" : "group"
            let a = try TableFilters.filter(byCells, column: column, op: op, literal: literal)
            let b = try TableFilters.filter(byRows, column: column, op: op, literal: literal)
            #expect(a == b, "where \(column) \(op) \(literal)")
            #expect(a.rowCount > 0, "where \(column) \(op) \(literal) keeps some rows")
        }
        #expect(
            try TableFilters.sort(byCells, by: ["-group", "entity"])
                == TableFilters.sort(byRows, by: ["-group", "entity"]))
        #expect(try TableFilters.sort(byCells, by: ["group"]).row(1)[0].entityValue?.id == "P-4")
        #expect(TableFilters.limit(byCells, 2, offset: 3) == TableFilters.limit(byRows, 2, offset: 3))
        #expect(TableFilters.limit(byCells, 10, offset: 5).rowCount == 1)
        #expect(
            try TableFilters.select(byCells, ["group", "entity"]) == TableFilters.select(byRows, ["group", "entity"]))
        #expect(try TableFilters.count(byCells, by: nil) == TableFilters.count(byRows, by: nil))
        #expect(try TableFilters.count(byCells, by: "group") == TableFilters.count(byRows, by: "group"))
        #expect(
            try TableFilters.count(byCells, by: "group").rows == [
                [.int(1), .int(3)], [.int(2), .int(2)], [.int(3), .int(1)],
            ])
        #expect(try TableFilters.labels(byCells, []) == TableFilters.labels(byRows, []))
    }
}
