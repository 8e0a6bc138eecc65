import NexoKit
import NexoText
import Testing

@testable import NexoOutput

@Suite struct RecordAndTextTests {
    let record = Record(
        title: "P-1042 José Hernández",
        fields: [
            .init("id", .string("P-1042")), .init("kind", .string("person")),
            .init("date_of_birth", Samples.date("1994-03-02")), .init("alias", .string("El \u{1B}[5mFlaco")),
            .init("alias", .string("Chepe")), .init("note", .null),
        ])

    @Test func recordsPrintAsAlignedFieldLinesInTableFormat() {
        #expect(
            Renderer(format: .table, isTerminal: false, terminalWidth: nil).render(record) == """
                P-1042 José Hernández
                id             P-1042
                kind           person
                date_of_birth  1994-03-02
                alias          El \\e[5mFlaco
                alias          Chepe
                note

                """)
    }

    @Test func recordsAreFieldValueRowsInOtherFormats() {
        #expect(
            Renderer(format: .ndjson, isTerminal: false, terminalWidth: nil).render(record) == """
                {"field":"id","value":"P-1042"}
                {"field":"kind","value":"person"}
                {"field":"date_of_birth","value":"1994-03-02"}
                {"field":"alias","value":"El \\u001b[5mFlaco"}
                {"field":"alias","value":"Chepe"}
                {"field":"note","value":null}

                """)
        #expect(
            Renderer(format: .csv, isTerminal: false, terminalWidth: nil).render(Record(fields: [.init("n", .int(-1))]))
                == "field,value\nn,-1\n")
    }

    @Test func aRecordCanBeReadBackFromAFieldValueTable() {
        #expect(Record(table: record.table, title: record.title) == record)
        #expect(Record(table: Samples.people) == nil)
    }

    @Test func escapeForTerminalKeepsLayoutButNotControls() {
        #expect(Renderer.escapeForTerminal("line1\n\tline2") == "line1\n\tline2")
        #expect(
            Renderer.escapeForTerminal("\u{1B}]0;title\u{7}\u{8}\r\u{7F}\u{85}\u{202A}\u{2069}ok")
                == "\\e]0;title\\x07\\x08\\r\\x7F\\u{85}\\u{202A}\\u{2069}ok")
        #expect(Renderer.escapeCell("a\nb\tc") == "a\\nb\\tc")
        #expect(Renderer.escapeForTerminal("José 王 👍 \u{200F}") == "José 王 👍 \u{200F}")
    }

    @Test func displayWidthCountsTerminalColumns() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("王小明") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("🇸🇻") == 2)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("ｱＡ") == 3)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("\u{1100}\u{1161}") == 2)
    }

    @Test func truncationRespectsWidthAndAddsAnEllipsis() {
        #expect(DisplayWidth.truncate("abcdef", to: 4) == "abc…")
        #expect(DisplayWidth.truncate("ab", to: 5) == "ab")
        #expect(DisplayWidth.truncate("王小明", to: 5) == "王小…")
        #expect(DisplayWidth.truncate("王小明", to: 4) == "王…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func formatsHaveTheirNames() {
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "json", "ndjson", "csv", "tsv"])
        #expect(OutputFormat(rawValue: "csv") == .csv)
    }
}
