import NexoKit
import Testing
@testable import NexoOutput

@Suite struct DelimitedFormatTests {
    let csv = Renderer(format: .csv, isTerminal: false, terminalWidth: nil)
    let tsv = Renderer(format: .tsv, isTerminal: false, terminalWidth: nil)

    @Test func csvHasAHeaderAndPlainCells() {
        #expect(csv.render(CommandResult(table: Samples.people, message: "not in the data")) == """
            id,label,score,hits
            P-1042,José Hernández,0.93,12
            P-7,Ana,1.0,3

            """)
    }

    @Test func csvQuotesCellsThatNeedItAndDoublesQuotes() {
        let table = ResultTable(columns: [Column("text", .string)],
                                rows: [[.string("a,b")], [.string("say \"hi\"")], [.string("two\nlines")], [.string("cr\rhere")],
                                       [.null], [.string("plain")]])
        #expect(csv.render(table) == "text\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"cr\\rhere\"\n\nplain\n")
    }

    @Test func tsvEscapesTabsNewlinesAndBackslashes() {
        let table = ResultTable(columns: [Column("a", .string), Column("b", .int)],
                                rows: [[.string("x\ty\nz\r\\w"), .int(1)], [.string("a,\"b\""), .null]])
        #expect(tsv.render(table) == "a\tb\nx\\ty\\nz\\r\\\\w\t1\na,\"b\"\t\n")
    }

    @Test func formulaLikeCellsGetALeadingQuote() {
        let table = ResultTable(columns: [Column("text", .string)],
                                rows: [[.string("=SUM(A1:A9)")], [.string("+1")], [.string("-5")], [.string("@cmd")],
                                       [.string("\tx")], [.string("\rx")], [.string("a=b")], [.string("'quoted")]])
        #expect(csv.render(table) == "text\n'=SUM(A1:A9)\n'+1\n'-5\n'@cmd\n'\tx\n\"'\\rx\"\na=b\n'quoted\n")
        #expect(tsv.render(table) == "text\n'=SUM(A1:A9)\n'+1\n'-5\n'@cmd\n'\\tx\n'\\rx\na=b\n'quoted\n")
    }

    @Test func negativeNumbersInNumberColumnsAreLeftAlone() {
        let table = ResultTable(columns: [Column("delta", .int), Column("score", .double), Column("note", .string)],
                                rows: [[.int(-3), .double(-0.5), .int(-7)], [.string("-x"), .null, .string("=1,2")]])
        #expect(csv.render(table) == "delta,score,note\n-3,-0.5,'-7\n'-x,,\"'=1,2\"\n")
    }

    @Test func headersAreNeutralisedAndQuotedLikeCells() {
        let table = ResultTable(columns: [Column("=x", .string), Column("a,b", .string)], rows: [])
        #expect(csv.render(table) == "'=x,\"a,b\"\n")
    }

    @Test func valuesFlattenToText() {
        let table = ResultTable(columns: [Column("who", .entity(kind: nil)), Column("born", .date), Column("ok", .bool)],
                                rows: [[.entity(Samples.jose), Samples.date("1994-03-02"), .bool(true)]])
        #expect(csv.render(table) == "who,born,ok\nP-1042,1994-03-02,true\n")
    }

    /// Files written from a pipe end up on terminals too: control characters are escaped whether
    /// or not standard output is a terminal (a CR inside a CSV cell becomes `\r`).
    @Test func controlCharactersAreEscapedOnAndOffATerminal() {
        let table = ResultTable(columns: [Column("x", .string)], rows: [[.string("a\u{1B}[2Jb\u{202E}")]])
        #expect(Renderer(format: .csv, isTerminal: true, terminalWidth: nil).render(table) == "x\na\\e[2Jb\\u{202E}\n")
        #expect(Renderer(format: .tsv, isTerminal: true, terminalWidth: nil).render(table) == "x\na\\e[2Jb\\u{202E}\n")
        #expect(csv.render(table) == "x\na\\e[2Jb\\u{202E}\n")
    }
}
