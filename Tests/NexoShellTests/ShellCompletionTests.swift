import NexoKit
import NexoLanguage
import NexoLineEditor
import Testing

@testable import NexoShell

/// The REPL's completion over a real session: columns the built-ins declare (and that they do return),
/// the tables variables hold, entities with their labels; and completion never writes.
@Suite struct ShellCompletionTests {
    func shell() throws -> (Shell, CapturedText) {
        let (shell, out) = try makeShell()
        #expect(
            shell.run(
                source: """
                    add person "Henry Alvarado"; add person "Henrietta Paz"; add person "Ana Pérez" --alias Henny
                    add group "Mara Salvatrucha"
                    link add P-1 member_of G-1 --prop role=palabrero
                    """, file: nil) == .success)
        return (shell, out)
    }

    func complete(_ shell: Shell, _ line: String) -> Completion { shell.complete(line, cursor: line.count) }

    @Test func columnsOfTheCommandBeforeThePipe() throws {
        let (shell, _) = try shell()
        #expect(
            complete(shell, "find person perez | where ")
                == Completion(replaceFrom: 26, candidates: ["id", "kind", "label", "matched", "score"]))
        #expect(complete(shell, "find perez | sort -sc").candidates == ["-score"])
        #expect(complete(shell, "neighbors P-1 | where d").candidates == ["distance"])
        #expect(complete(shell, "find perez | limit 3 | count --by l").candidates == ["label"])
    }

    @Test func aVariableGivesTheColumnsOfItsTable() throws {
        let (shell, _) = try shell()
        #expect(shell.run(source: "let people = find henry | select id label", file: nil) == .success)
        #expect(complete(shell, "$people | where ").candidates == ["id", "label"])
        #expect(complete(shell, "$nobody | where ").candidates == [])
    }

    @Test func entitiesBestFirstWithTheirLabels() throws {
        let (shell, _) = try shell()
        let found = complete(shell, "show hen")
        #expect(found.candidates == ["P-2", "P-1", "P-3"], "labels starting with hen (by name), then the alias Henny")
        #expect(
            found.descriptions == ["P-1": "Henry Alvarado", "P-2": "Henrietta Paz", "P-3": "Ana Pérez (alias Henny)"])
        #expect(complete(shell, "show P-").candidates == ["P-1", "P-2", "P-3"])
        #expect(complete(shell, "neighbors G").candidates == ["G-1"])
    }

    @Test func storedRolesCompleteAfterTheOptionsThatDeclareThem() throws {
        // `gang members` is a plugin's; a built-in option declared the same way reads the same store.
        let (shell, _) = try shell()
        let lookup = ShellCompletionLookup(shell: shell)
        #expect(
            lookup.words(
                from: .edgeProperty(edge: "member_of", property: "role"), command: ["gang", "members"], prefix: "P",
                limit: 20) == [CompletionCandidate("palabrero")])
        #expect(lookup.words(from: .jobs(kind: "feed"), command: ["nonexistent"], prefix: "", limit: 20) == [])
    }

    @Test func completionWritesNothing() throws {
        let (shell, out) = try shell()
        for line in ["show hen", "find person perez | where ", "link add P-1 member_of G", "$x | sort -", "show 'P-"] {
            _ = complete(shell, line)
        }
        #expect(shell.run(source: "runs | count", file: nil) == .success)
        #expect(out.stdout.hasSuffix("count\n5\n"), "three people, the group and the link: \(out.stdout)")
    }

    /// What completion offers after a pipe is what the command returns: the built-ins' declared columns.
    @Test func declaredColumnsAreTheColumnsReturned() throws {
        let (shell, out) = try shell()
        for (command, line) in [
            ("find", "find henry"), ("neighbors", "neighbors P-1"), ("where", "find henry | where kind = person"),
        ] {
            let before = out.stdout.count
            #expect(shell.run(source: line + " --format tsv", file: nil) == .success)
            let header = out.stdout.dropFirst(before).split(separator: "\n").first.map(String.init)
            let spec = try #require(shell.registry[[command]]?.spec)
            let declared: [Column]
            switch spec.columns {
            case .fixed(let columns)?: declared = columns
            case .input?: declared = Builtins.Find.columns
            case nil: declared = []
            }
            #expect(header == declared.map(\.name).joined(separator: "\t"), "\(command)")
        }
    }
}
