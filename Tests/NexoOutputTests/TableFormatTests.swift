import NexoKit
import Testing

@testable import NexoOutput

@Suite struct TableFormatTests {
    let plain = Renderer(format: .table, isTerminal: false, terminalWidth: nil)

    @Test func alignsColumnsRightAlignsNumbersAndCountsRows() {
        #expect(
            plain.render(CommandResult(table: Samples.people)) == """
                id      label           score  hits
                ------  --------------  -----  ----
                P-1042  José Hernández   0.93    12
                P-7     Ana               1.0     3
                2 rows

                """)
    }

    @Test func oneRowSaysRow() {
        let table = ResultTable(columns: [Column("n", .int)], rows: [[.int(1)]])
        #expect(plain.render(table) == "n\n-\n1\n1 row\n")
    }

    @Test func emptyResultsSayNoRows() {
        #expect(plain.render(ResultTable(columns: [Column("id", .string)])) == "(no rows)\n")
        #expect(plain.render(ResultTable(columns: [])) == "(no rows)\n")
    }

    @Test func messagesFollowTheTableOrStandAlone() {
        #expect(
            plain.render(CommandResult(table: ResultTable(columns: [Column("a", .string)]), message: "nothing found"))
                == "(no rows)\nnothing found\n")
        #expect(plain.render(CommandResult(message: "added P-12")) == "added P-12\n")
        #expect(plain.render(CommandResult(message: "bad \u{1B}[2J")) == "bad \\e[2J\n")
        #expect(plain.render(.empty) == "")
    }

    @Test func widthCountsWideAndCombiningCharacters() {
        let table = ResultTable(
            columns: [Column("name", .string), Column("n", .int)],
            rows: [[.string("王小明"), .int(1)], [.string("Jose\u{301}"), .int(22)], [.string("ab"), .int(333)]])
        #expect(
            plain.render(table) == """
                name      n
                ------  ---
                王小明    1
                Jose\u{301}     22
                ab      333
                3 rows

                """)
    }

    @Test func nullsAreEmptyAndLinesHaveNoTrailingBlanks() {
        let table = ResultTable(
            columns: [Column("a", .string), Column("b", .string)],
            rows: [[.string("x"), .null], [.null, .string("long value")]])
        #expect(plain.render(table) == "a  b\n-  ----------\nx\n   long value\n2 rows\n")
    }

    @Test func everyValueKindPrints() {
        let table = ResultTable(
            columns: [Column("v", .string)],
            rows: [
                [.bool(true)], [Samples.date("2026-01-15")], [.dateRange(DateRange(parsing: "2026-01..")!)],
                [.entity(Samples.jose)], [.double(-0.5)],
            ])
        #expect(plain.render(table) == "v\n------------\ntrue\n2026-01-15\n2026-01-01..\nP-1042\n-0.5\n5 rows\n")
    }

    @Test func controlCharactersInDataAreShownEscaped() {
        let evil = "a\u{1B}[31mred\u{07}\n\tb\u{8}\u{9B}c\u{202E}d\u{2067}\r\u{0}"
        let table = ResultTable(columns: [Column("x\u{1B}", .string)], rows: [[.string(evil)]])
        let out = plain.render(table)
        #expect(
            out == "x\\e\n" + String(repeating: "-", count: 51)
                + "\na\\e[31mred\\x07\\n\\tb\\x08\\u{9B}c\\u{202E}d\\u{2067}\\r\\0\n1 row\n")
        #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x202E })
    }

    @Test func onATerminalLongTextCellsAreCutToTheMaximumWidthButNumbersAreNot() {
        let renderer = Renderer(format: .table, isTerminal: true, terminalWidth: nil, maxColumnWidth: 8)
        let table = ResultTable(
            columns: [Column("label", .string), Column("n", .int)],
            rows: [[.string("Sonsonate Locos"), .int(1)], [.string("王小明王小明"), .int(123456789)]])
        #expect(
            renderer.render(table)
                == "label             n\n--------  ---------\nSonsona…          1\n王小明…   123456789\n2 rows\n")
    }

    @Test func offATerminalNothingIsCut() {
        let renderer = Renderer(format: .table, isTerminal: false, terminalWidth: 10, maxColumnWidth: 3)
        let table = ResultTable(columns: [Column("label", .string)], rows: [[.string("Sonsonate Locos")]])
        #expect(renderer.render(table) == "label\n---------------\nSonsonate Locos\n1 row\n")
    }

    @Test func onATerminalTheWidestColumnsShrinkToFitTheWidth() {
        let renderer = Renderer(format: .table, isTerminal: true, terminalWidth: 20)
        let table = ResultTable(
            columns: [Column("a", .string), Column("b", .string)],
            rows: [[.string(String(repeating: "x", count: 20)), .string(String(repeating: "y", count: 10))]])
        #expect(renderer.render(table) == "a          b\n---------  ---------\nxxxxxxxx…  yyyyyyyy…\n1 row\n")
    }

    @Test func colourMakesOnlyTheHeaderBold() {
        let renderer = Renderer(format: .table, isTerminal: true, terminalWidth: nil, color: true)
        let table = ResultTable(columns: [Column("n", .int)], rows: [[.int(1)]])
        #expect(renderer.render(table) == "\u{1B}[1mn\u{1B}[0m\n-\n1\n1 row\n")
    }

    @Test func renderingIsDeterministic() {
        let a = plain.render(CommandResult(table: Samples.people, message: "m"))
        let b = plain.render(CommandResult(table: Samples.people, message: "m"))
        #expect(Array(a.utf8) == Array(b.utf8))
    }
}
