import NexoKit
import Testing

@testable import NexoShell

/// `where column ~ text` folds case and accents exactly as `find` does.
@Suite struct FoldedFilterTests {
    private func shellWithLopezes() throws -> (Shell, CapturedText) {
        let (shell, out) = try makeShell()
        let setup = """
            add person "Ana López"; add person "LUIS LOPEZ"; add person "Lopezzi Mora"; add person "Pedro Pérez"
            add group "Clique"
            link add P-1 member_of G-1; link add P-2 member_of G-1; link add P-3 member_of G-1; link add P-4 member_of \
            G-1
            """
        #expect(shell.run(source: setup, file: nil) == .success)
        return (shell, out)
    }

    /// What `source` prints on standard output.
    private func output(_ shell: Shell, _ out: CapturedText, _ source: String) -> String {
        let before = out.stdout.utf8.count
        #expect(shell.run(source: source, file: nil) == .success)
        return String(decoding: out.stdout.utf8.dropFirst(before), as: UTF8.self)
    }

    @Test(arguments: ["lopez", "lópez", "LÓPEZ", "Lopez"])
    func tildeFindsWhatFindFinds(_ text: String) throws {
        let (shell, out) = try shellWithLopezes()
        #expect(output(shell, out, "neighbors G-1 | where label ~ \"\(text)\" | select id") == "id\nP-1\nP-2\nP-3\n")
        #expect(output(shell, out, "find person \"\(text)\" | sort id | select id") == "id\nP-1\nP-2\nP-3\n")
    }

    @Test func notTildeKeepsTheOthers() throws {
        let (shell, out) = try shellWithLopezes()
        #expect(output(shell, out, "neighbors G-1 | where label !~ lópez | select id") == "id\nP-4\n")
    }

    @Test func tildeComparesFoldedText() throws {
        let table = ResultTable(
            columns: [Column("name", .string)],
            rows: [[.string("Δέλτα")], [.string("Nguyễn")], [.string("Straße")], [.string("Ana")]])
        func names(_ literal: String) throws -> [Value] {
            try TableFilters.filter(table, column: "name", op: "~", literal: literal).rows.map { $0[0] }
        }
        #expect(try names("δελτα") == [.string("Δέλτα")])
        #expect(try names("NGUYEN") == [.string("Nguyễn")])
        #expect(try names("strasse") == [.string("Straße")])
        #expect(try names("") == table.rows.map { $0[0] })
    }
}
