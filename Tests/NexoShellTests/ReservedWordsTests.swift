import NexoKit
import NexoKitTesting
import NexoLanguage
import Testing

@testable import NexoShell

/// The SDK's list of reserved words is what plugin authors out of tree check against; these tests
/// compute it from the host's real built-ins, so the list cannot drift from the registry again.
@Suite struct ReservedWordsTests {
    /// Every built-in path, from the registry a shell builds (no plugins loaded).
    func builtinPaths() throws -> Set<[String]> {
        let (shell, _) = try makeShell()
        return Set(shell.registry.commands.values.filter { $0.owner.name == CoreSchema.owner }.map(\.spec.path))
    }

    @Test func theLanguageKeywordLetStartsAnAssignment() throws {
        let script = try Parser.parse("let people = find ana", file: nil)
        #expect(script.statements.map(\.assignedVariable) == ["people"])
    }

    @Test func theReservedWordsAreTheFirstWordsOfTheBuiltinsAndLet() throws {
        let paths = try builtinPaths()
        let shared = Set(PluginConformance.hostReservedPaths.compactMap(\.first))
        let computed = Set(paths.compactMap(\.first)).subtracting(shared).union(["let"])
        let sdk = PluginConformance.hostReservedWords
        #expect(
            sdk.subtracting(computed).sorted() == [], "reserved in the SDK but no built-in starts with them")
        #expect(
            computed.subtracting(sdk).sorted() == [], "built-ins whose first word the SDK does not reserve")
    }

    @Test func theReservedPathsAreExactlyTheBuiltinsUnderSharedFirstWords() throws {
        let paths = try builtinPaths()
        let reservedWords = PluginConformance.hostReservedWords
        let underSharedWords = paths.filter { !reservedWords.contains($0[0]) }
        #expect(underSharedWords == PluginConformance.hostReservedPaths)
    }
}
