import Foundation
import NexoKit
import Testing

@testable import NexoShell

/// The REPL's banner names the store in use, so a mistyped `--db` or `NEXO_DB` shows at once.
@Suite struct StoreBannerTests {
    @Test func theBannerNamesTheStorePathItsEntitiesAndSchemaVersion() throws {
        let directory = NSTemporaryDirectory() + "nexo-banner-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { _ = FileManagerShim.remove(directory) }
        var options = ShellOptions(
            databasePath: directory + "/./s.db", user: "tester", executableDirectory: "/nonexistent",
            environment: [:])
        options.noPlugins = true
        let shell = try Shell(options: options, sink: CapturedText())
        defer { shell.closeStore() }
        #expect(shell.run(source: "add person Ana; add person Bob", file: nil) == .success)
        let resolved = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path + "/s.db"
        #expect(
            shell.banner(try shell.store).split(separator: "\n").last
                == "Store: \(resolved) (2 entities, schema version \(try shell.store.schemaVersion))")
    }

    @Test func anInMemoryStoreIsNamedAsSuch() throws {
        let (shell, _) = try makeShell()
        #expect(
            shell.storeLine(try shell.store)
                == "Store: in memory, discarded at exit (0 entities, schema version \(try shell.store.schemaVersion))")
    }
}
