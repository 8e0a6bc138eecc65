import Foundation
import Testing

/// Through the real binary: standard output keeps data exact in every format, exported CSV files
/// are neutralised for spreadsheets, and importing them gives the same data back.
@Suite struct SpreadsheetExportTests {
    private func nexo(_ arguments: [String], in directory: String) throws -> NexoProcess.Output {
        try NexoProcess.run(["--plugin-dir", NexoProcess.binDirectory] + arguments, directory: directory)
    }

    @Test func standardOutputIsExactAndTheExportedFileIsNeutralised() throws {
        let temp = try TemporaryDirectory()
        let add = try nexo(
            ["--db", "S.db", "-c", #"add phone "+503 7477 1235"; add person "=cmd|'/C calc'!A0"; add person "''x""#],
            in: temp.path)
        #expect(add.status == 0, "\(add)")
        let shown = try nexo(
            [
                "--db", "S.db", "--format", "csv", "-c",
                "show PH-1 | where field = label; show P-1 | where field = label",
            ],
            in: temp.path)
        #expect(shown.stdout == "field,value\nlabel,+503 7477 1235\nfield,value\nlabel,=cmd|'/C calc'!A0\n", "\(shown)")
        let tsv = try nexo(["--db", "S.db", "-c", "show PH-1 | where field = label"], in: temp.path)
        #expect(tsv.stdout == "field\tvalue\nlabel\t+503 7477 1235\n", "\(tsv)")

        let export = try nexo(["--db", "S.db", "-c", "export out.csv --kind person --kind phone"], in: temp.path)
        #expect(export.status == 0, "\(export)")
        let lines = try temp.read("out.csv").split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",")
        }
        #expect(
            lines == [
                "id,kind,label", "P-1,person,'=cmd|'/C calc'!A0", "P-2,person,'''x", "PH-1,phone,'+503 7477 1235",
            ])

        let back = try nexo(
            [
                "--db", "T.db", "--format", "csv", "-c",
                "import out.csv; show P-1 | where field = label; show P-2 | where field = label; show PH-1 | where "
                    + "field = label",
            ],
            in: temp.path)
        #expect(back.status == 0, "\(back)")
        #expect(
            back.stdout.hasSuffix(
                "field,value\nlabel,=cmd|'/C calc'!A0\nfield,value\nlabel,''x\nfield,value\nlabel,+503 7477 1235\n"),
            "\(back)")
    }
}
