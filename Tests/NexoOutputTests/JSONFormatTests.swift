import NexoKit
import Testing

@testable import NexoOutput

@Suite struct JSONFormatTests {
    let json = Renderer(format: .json, isTerminal: false, terminalWidth: nil)
    let ndjson = Renderer(format: .ndjson, isTerminal: false, terminalWidth: nil)

    @Test func jsonIsOneArrayOfObjectsWithKeysInColumnOrder() {
        #expect(
            json.render(CommandResult(table: Samples.people, message: "not in the data")) == #"""
                [
                  {"id":{"id":"P-1042","kind":"person","label":"José Hernández"},"label":"José Hernández",\#
                "score":0.93,"hits":12},
                  {"id":{"id":"P-7","kind":"person","label":"Ana \"La Flaca\" Pérez"},"label":"Ana","score":1.0,\#
                "hits":3}
                ]

                """#)
    }

    @Test func ndjsonIsOneObjectPerLine() {
        #expect(
            ndjson.render(Samples.people) == #"""
                {"id":{"id":"P-1042","kind":"person","label":"José Hernández"},"label":"José Hernández","score":0.93,\#
                "hits":12}
                {"id":{"id":"P-7","kind":"person","label":"Ana \"La Flaca\" Pérez"},"label":"Ana","score":1.0,"hits":3}

                """#)
    }

    @Test func emptyAndMissingTables() {
        #expect(json.render(ResultTable(columns: [Column("a", .int)])) == "[]\n")
        #expect(ndjson.render(ResultTable(columns: [Column("a", .int)])) == "")
        #expect(json.render(CommandResult(message: "added P-1")) == "")
    }

    @Test func valuesKeepTheirTypes() {
        let table = ResultTable(
            columns: ["null", "bool", "int", "double", "date", "range", "string"].map { Column($0, .string) },
            rows: [
                [
                    .null, .bool(false), .int(-9_007_199_254_740_993), .double(1e-5), Samples.date("1994-03-02"),
                    .dateRange(DateRange(parsing: "..2024-03")!), .string("x"),
                ],
                [.null, .bool(true), .int(0), .double(.nan), .null, .null, .string("")],
                [.null, .bool(true), .int(1), .double(-.infinity), .null, .null, .string("")],
            ])
        #expect(
            ndjson.render(table) == """
                {"null":null,"bool":false,"int":-9007199254740993,"double":1e-05,"date":"1994-03-02",\
                "range":"..2024-03-31","string":"x"}
                {"null":null,"bool":true,"int":0,"double":null,"date":null,"range":null,"string":""}
                {"null":null,"bool":true,"int":1,"double":null,"date":null,"range":null,"string":""}

                """)
    }

    @Test func stringsEscapeQuotesBackslashesControlsAndLineSeparators() {
        #expect(JSONText.string("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(JSONText.string("\u{8}\u{C}\n\r\t") == #""\b\f\n\r\t""#)
        #expect(JSONText.string("\u{0}\u{1}\u{1B}\u{1F}\u{7F}\u{9B}") == #""\u0000\u0001\u001b\u001f\u007f\u009b""#)
        #expect(JSONText.string("\u{2028}\u{2029}\u{202E}\u{2066}") == #""\u2028\u2029\u202e\u2066""#)
        #expect(JSONText.string("é日👍 ") == "\"é日👍 \"")
    }

    @Test func keysAreEscapedToo() {
        let table = ResultTable(columns: [Column("a\"b", .int)], rows: [[.int(1)]])
        #expect(ndjson.render(table) == "{\"a\\\"b\":1}\n")
    }
}
