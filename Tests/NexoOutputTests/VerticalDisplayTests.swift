import NexoKit
import Testing

@testable import NexoOutput

/// `set display vertical`: one field per line, record by record, names aligned, nothing cut.
@Suite struct VerticalDisplayTests {
    @Test func oneFieldPerLineRecordByRecord() {
        var table = ResultTable(columns: [Column("id", .string), Column("description", .string), Column("n", .int)])
        table.append([.string("S-1"), .string("PNC informant 7"), .int(2)])
        table.append([.string("S-2"), .null, .int(10)])
        var renderer = Renderer(format: .table, isTerminal: false, terminalWidth: nil)
        renderer.vertical = true
        #expect(
            renderer.render(table) == """
                -[ 1 ]---------
                id           S-1
                description  PNC informant 7
                n            2
                -[ 2 ]---------
                id           S-2
                description
                n            10
                2 rows

                """)
        #expect(renderer.render(ResultTable(columns: [Column("id", .string)])) == "(no rows)\n")
        renderer.format = .csv
        #expect(renderer.render(table).hasPrefix("id,description,n\n"), "other formats are not affected")
    }
}
