import NexoKit
import Testing

@testable import NexoOutput

@Suite struct DelimitedFormatTests {
    let csv = Renderer(format: .csv, isTerminal: false, terminalWidth: nil)
    let tsv = Renderer(format: .tsv, isTerminal: false, terminalWidth: nil)

    @Test func csvHasAHeaderAndPlainCells() {
        #expect(
            csv.render(CommandResult(table: Samples.people, message: "not in the data")) == """
                id,label,score,hits
                P-1042,José Hernández,0.93,12
                P-7,Ana,1.0,3

                """)
    }

    @Test func csvQuotesCellsThatNeedItAndDoublesQuotes() {
        let table = ResultTable(
            columns: [Column("text", .string)],
            rows: [
                [.string("a,b")], [.string("say \"hi\"")], [.string("two\nlines")], [.string("cr\rhere")],
                [.null], [.string("plain")], [.string("bell\u{07}")], [.string("tab\there")],
            ])
        #expect(
            csv.render(table)
                == ("text\n\"a,b\"\n\"say "
                    + "\"\"hi\"\"\"\n\"two\nlines\"\n\"cr\rhere\"\n\nplain\n\"bell\u{07}\"\n\"tab\there\"\n")
        )
    }

    @Test func tsvEscapesTabsNewlinesAndBackslashes() {
        let table = ResultTable(
            columns: [Column("a", .string), Column("b", .int)],
            rows: [[.string("x\ty\nz\r\\w"), .int(1)], [.string("a,\"b\""), .null]])
        #expect(tsv.render(table) == "a\tb\nx\\ty\\nz\\r\\\\w\t1\na,\"b\"\t\n")
    }

    /// Standard output is data, byte for byte: no `'` before cells a spreadsheet would run (that is
    /// for exported files), so a phone number `+503 7477 1235` stays as it is.
    @Test func formulaLikeCellsAreLeftExactOnStandardOutput() {
        let table = ResultTable(
            columns: [Column("text", .string)],
            rows: [
                [.string("=cmd|'/C calc'!A0")], [.string("+503 7477 1235")], [.string("-5")], [.string("@SUM(A1)")],
                [.string("'quoted")], [.string("''x")], [.string("a=b")],
            ])
        #expect(csv.render(table) == "text\n=cmd|'/C calc'!A0\n+503 7477 1235\n-5\n@SUM(A1)\n'quoted\n''x\na=b\n")
        #expect(tsv.render(table) == "text\n=cmd|'/C calc'!A0\n+503 7477 1235\n-5\n@SUM(A1)\n'quoted\n''x\na=b\n")
        #expect(Renderer(format: .csv, isTerminal: true, terminalWidth: nil).render(table) == csv.render(table))
    }

    @Test func headersAreQuotedLikeCells() {
        let table = ResultTable(columns: [Column("=x", .string), Column("a,b", .string)], rows: [])
        #expect(csv.render(table) == "=x,\"a,b\"\n")
    }

    @Test func valuesFlattenToText() {
        let table = ResultTable(
            columns: [Column("who", .entity(kind: nil)), Column("born", .date), Column("ok", .bool)],
            rows: [[.entity(Samples.jose), Samples.date("1994-03-02"), .bool(true)]])
        #expect(csv.render(table) == "who,born,ok\nP-1042,1994-03-02,true\n")
    }

    /// Control characters are escaped for a terminal only; into a pipe or a file the data keeps
    /// its bytes (a CSV cell with one is quoted, a TSV cell's CR is `\r` as TSV writes it).
    @Test func controlCharactersAreEscapedOnATerminalOnly() {
        let table = ResultTable(columns: [Column("x", .string)], rows: [[.string("a\u{1B}[2Jb\u{202E}")]])
        #expect(
            Renderer(format: .csv, isTerminal: true, terminalWidth: nil).render(table) == "x\n\"a\\e[2Jb\\u{202E}\"\n")
        #expect(Renderer(format: .tsv, isTerminal: true, terminalWidth: nil).render(table) == "x\na\\e[2Jb\\u{202E}\n")
        #expect(csv.render(table) == "x\n\"a\u{1B}[2Jb\u{202E}\"\n")
        #expect(tsv.render(table) == "x\na\u{1B}[2Jb\u{202E}\n")
    }
}
