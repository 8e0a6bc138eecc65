import NexoFiles
import NexoKit
import Testing

@testable import NexoStore

/// Exported CSV files are for spreadsheets: text cells that a spreadsheet would run as formulas
/// get a leading `'`, numbers do not, and import takes exactly that `'` off again.
@Suite struct SpreadsheetCSVTests {
    /// Labels and text properties a spreadsheet would take for formulas, or that look like the quote
    /// neutralisation adds, with tabs, CR and LF.
    static let hostileLabels = [
        "=cmd|'/C calc'!A0", "+503 7477 1235", "-5", "@SUM(A1)", "'quoted", "''x", "\tlead tab", "new\nline", "'",
    ]
    static let hostileTexts = ["=1+1", "-5", "'-5", "\rcarriage", "a\r\nb", "\t=x", "plain", "'"]

    func hostileStore() throws -> Fixture {
        let f = try Fixture()
        try f.write { s in
            for (i, label) in Self.hostileLabels.enumerated() {
                let text = Self.hostileTexts[i % Self.hostileTexts.count]
                try s.addEntity(
                    EntityDraft(
                        kind: "person", label: label,
                        properties: [
                            "given_names": .string(text), "children": .int(-5),
                            "height": .double(-0.5),
                        ]), source: nil)
            }
            try s.addAlias("=HYPERLINK(\"http://x\")", to: "P-1")
            try s.addEntity(
                EntityDraft(kind: "phone", label: "+503 7477 1235", properties: ["number": .string("+50374771235")]),
                source: nil)
            try s.addEntity(EntityDraft(kind: "group", label: "-Locos-"), source: nil)
            try s.addEdge(
                EdgeDraft(kind: "member_of", from: "P-1", to: "G-1", properties: ["role": .string("@admin")]),
                source: nil)
        }
        return f
    }

    @Test func exportedTextCellsAreNeutralisedAndNumbersAreNot() throws {
        let f = try Fixture()
        try f.write { s in
            try s.addEntity(
                EntityDraft(
                    kind: "person", label: "=cmd|'/C calc'!A0",
                    properties: ["given_names": .string("-5"), "children": .int(-5)]),
                source: nil)
            try s.addEntity(
                EntityDraft(
                    kind: "person", label: "'quoted",
                    properties: ["given_names": .string("\rx"), "height": .double(-0.5)]),
                source: nil)
            try s.addEntity(
                EntityDraft(kind: "phone", label: "+503 7477 1235", properties: ["number": .string("@SUM(A1)")]),
                source: nil)
            try s.addEntity(EntityDraft(kind: "group", label: "Locos"), source: nil)
            try s.addEdge(
                EdgeDraft(kind: "member_of", from: "P-1", to: "G-1", properties: ["role": .string("=1+1")]), source: nil
            )
        }
        _ = try f.read { try $0.exportFile(path: f.directory.file("x.csv"), format: .csv, kinds: []) }
        #expect(
            f.directory.read("x.csv") == """
                id,kind,label,aliases,children,date_of_birth,deceased,founded,given_names,height,number,sex,type
                G-1,group,Locos,,,,,,,,,,
                P-1,person,'=cmd|'/C calc'!A0,,-5,,,,'-5,,,,
                P-2,person,''quoted,,,,,,"'\rx",-0.5,,,
                PH-1,phone,'+503 7477 1235,,,,,,,,'@SUM(A1),,

                """)
        #expect(
            f.directory.read("x-edges.csv")
                == "kind,from,to,valid_from,valid_to,confidence,calls,role\nmember_of,P-1,G-1,,,1.0,,'=1+1\n")
    }

    @Test func exportThenImportGivesBackEveryHostileValueByteForByte() throws {
        let f = try hostileStore()
        _ = try f.read { try $0.exportFile(path: f.directory.file("out.csv"), format: .csv, kinds: []) }
        let copy = try Fixture(path: f.directory.file("copy.db"))
        try copy.write { s in
            _ = try s.importFile(path: f.directory.file("out.csv"), format: .csv, skipInvalid: false) { _ in }
            _ = try s.importFile(path: f.directory.file("out-edges.csv"), format: .csv, skipInvalid: false) { _ in }
        }
        func entities(_ fixture: Fixture) throws -> [Entity] {
            try fixture.read { s in
                try s.entities(EntityQuery()).map {
                    Entity(id: $0.id, kind: $0.kind, label: $0.label, properties: $0.properties)
                }
            }
        }
        let imported = try entities(copy)
        #expect(try entities(f) == imported)
        #expect(imported.map(\.label) == ["-Locos-"] + Self.hostileLabels + ["+503 7477 1235"])
        #expect(try copy.read { try $0.aliases(of: "P-1") } == ["=HYPERLINK(\"http://x\")"])
        #expect(
            try copy.read { try $0.edges(EdgeQuery(entity: "P-1")) }.first?.properties == ["role": .string("@admin")])
        _ = try copy.read { try $0.exportFile(path: f.directory.file("again.csv"), format: .csv, kinds: []) }
        #expect(f.directory.read("out.csv") == f.directory.read("again.csv"))
        #expect(f.directory.read("out-edges.csv") == f.directory.read("again-edges.csv"))
    }

    /// Exactly one `'` comes off, and only before `= + - @` TAB CR or another `'`; a number column
    /// takes a neutralised number too.
    @Test func importTakesOffExactlyTheQuoteExportAdds() throws {
        let f = try Fixture()
        let file = try f.directory.write(
            "in.csv",
            """
            id,kind,label,given_names,children
            P-1,person,'=x,'quoted,'-5
            P-2,person,''x,''',
            P-3,person,'+1,"'\tt",
            P-4,person,'@a,'a'b,

            """)
        try f.write { _ = try $0.importFile(path: file, format: .csv, skipInvalid: false) { _ in } }
        let people = try f.read { s in
            try s.entities(EntityQuery()).map { [$0.label, $0.properties["given_names"]?.description ?? ""] }
        }
        #expect(people == [["=x", "'quoted"], ["'x", "''"], ["+1", "\tt"], ["@a", "'a'b"]])
        #expect(try f.read { try $0.entity("P-1")?.properties["children"] } == .int(-5))
    }

    /// A control character other than tab, CR and LF cannot enter the store any more, but a file
    /// must never carry one raw outside quotes: the field is quoted, and the reader gives it back.
    @Test func controlCharactersTravelInsideQuotes() throws {
        let line = CSVRow.line(["a\u{07}b", "'=\u{07}", "plain"])
        #expect(line == "\"a\u{07}b\",\"'=\u{07}\",plain\n")
        let directory = TemporaryDirectory()
        let path = try directory.write("c.csv", line)
        var reader = CSVRecordReader(try FileReader(path: path))
        #expect(try reader.next())
        #expect((0..<reader.fieldCount).map { reader.string($0) } == ["a\u{07}b", "=\u{07}", "plain"])
    }
}
