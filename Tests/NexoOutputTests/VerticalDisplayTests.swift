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

/// On a terminal, entities are shown with their names beside their ids, unless the table names them itself.
@Suite struct NamesBesideIDsTests {
    @Test func aTerminalTableShowsTheLabelBesideTheID() {
        let ref = EntityRef(id: "PL-51", kind: "place", label: "San Miguel")
        var routes = ResultTable(columns: [Column("route", .string), Column("start", .entity(kind: "place"))])
        routes.append([.string("RT-1"), .entity(ref)])
        let terminal = Renderer(format: .table, isTerminal: true, terminalWidth: 80)
        #expect(terminal.render(routes).contains("RT-1   PL-51 San Miguel"), "\(terminal.render(routes))")
        let file = Renderer(format: .table, isTerminal: false, terminalWidth: nil)
        #expect(!file.render(routes).contains("San Miguel"), "off a terminal the data stays ids")
        var found = ResultTable(columns: [Column("id", .entity(kind: nil)), Column("label", .string)])
        found.append([.entity(ref), .string("San Miguel")])
        #expect(!terminal.render(found).contains("PL-51 San Miguel"), "a label column of its own: not twice")
    }
}

/// On a terminal, columns no row fills are left out and named under the table.
@Suite struct EmptyColumnsTests {
    @Test func emptyColumnsAreNamedNotDrawn() {
        var table = ResultTable(columns: [
            Column("rank", .int), Column("face", .double), Column("iris", .double), Column("why", .string),
        ])
        table.append([.int(1), .null, .null, .string("biographic")])
        let terminal = Renderer(format: .table, isTerminal: true, terminalWidth: 80)
        let shown = terminal.render(table)
        #expect(shown.hasPrefix("rank  why"), "\(shown)")
        #expect(shown.hasSuffix("1 row\n(empty: face, iris)\n"), "\(shown)")
        let file = Renderer(format: .table, isTerminal: false, terminalWidth: nil)
        #expect(file.render(table).hasPrefix("rank  face  iris  why"), "off a terminal every column stays")
    }
}
