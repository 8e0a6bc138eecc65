import NexoKit
import Testing

@testable import NexoShell

/// `where col = null` in a column of any type, entity cells compared by id in any case and by folded label, and
/// the errors of comparisons that mean nothing.
@Suite struct WhereEqualityTests {
    private func shellWithMembers() throws -> (Shell, CapturedText) {
        let (shell, out) = try makeShell()
        let setup = """
            add person "Miguel Ángel Chávez"; add person "Ana López"; add group "Clique"
            link add P-1 member_of G-1 --since 2020-01-01; link add P-2 member_of G-1
            """
        #expect(shell.run(source: setup, file: nil) == .success)
        return (shell, out)
    }

    private func output(_ shell: Shell, _ out: CapturedText, _ source: String) -> String {
        let before = out.stdout.utf8.count
        #expect(shell.run(source: source, file: nil) == .success, "\(out.stderr)")
        return String(decoding: out.stdout.utf8.dropFirst(before), as: UTF8.self)
    }

    @Test func nullIsTheEmptyCellOfAnyType() throws {
        let table = ResultTable(
            columns: [Column("name", .string), Column("since", .date), Column("count", .int), Column("ok", .bool)],
            rows: [
                [.string("a"), .date(CivilDate(iso: "2020-01-01")!), .int(3), .bool(true)],
                [.string("b"), .null, .null, .null],
            ])
        for column in ["since", "count", "ok"] {
            let empty = try TableFilters.filter(table, column: column, op: "=", literal: "null")
            #expect(empty.rows.map { $0[0] } == [Value.string("b")], "\(column) = null")
            let filled = try TableFilters.filter(table, column: column, op: "!=", literal: "NULL")
            #expect(filled.rows.map { $0[0] } == [Value.string("a")], "\(column) != null")
            #expect(throws: NexoError.self) { try TableFilters.filter(table, column: column, op: "<", literal: "null") }
        }
        #expect(try TableFilters.filter(table, column: "since", op: "=", literal: "").rows.count == 1)
        #expect(throws: NexoError.self) { try TableFilters.filter(table, column: "since", op: "=", literal: "soon") }
    }

    @Test func entitiesEqualTheirIdInAnyCaseAndTheirFoldedLabel() throws {
        let (shell, out) = try shellWithMembers()
        for literal in ["P-1", "p-1", "\"Miguel Ángel Chávez\"", "\"miguel angel chavez\""] {
            #expect(
                output(shell, out, "neighbors G-1 | where id = \(literal) | select id") == "id\nP-1\n", "\(literal)")
        }
        #expect(output(shell, out, "neighbors G-1 | where id != p-1 | select id") == "id\nP-2\n")
        #expect(output(shell, out, "neighbors G-1 | where id in (p-2, \"ana lopez\") | select id") == "id\nP-2\n")
    }

    @Test func anUnknownTableVariableIsAUsageErrorWithACaret() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "$nope | count", file: "t.nexo") == .usage)
        #expect(out.stderr.hasPrefix("t.nexo:1:1: error: no table variable '$nope'"))
        #expect(out.stderr.hasSuffix("    $nope | count\n    ^\n"))
    }

    @Test func aDryRunOfCaseOpenOrCloseLeavesTheSessionInItsCase() throws {
        let (shell, out) = try makeShell()
        #expect(shell.run(source: "case open SV-1", file: nil) == .success)
        #expect(shell.run(source: "case open SV-2 --dry-run; case close --dry-run", file: nil) == .success)
        #expect(shell.state.currentCase?.id == "SV-1", "\(out.stderr)")
        #expect(output(shell, out, "case list | select id") == "id\nSV-1\n")
    }
}
