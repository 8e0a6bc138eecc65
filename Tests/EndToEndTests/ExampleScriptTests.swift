import Foundation
import Testing

/// Runs every investigative script in `Scripts/examples/` the way its header says to run it
/// (`#   nexo run Scripts/examples/NAME.nexo --param …`), on the demo case built by
/// `demo-seed.nexo`, through the real binary and plugins, and compares standard output, standard
/// error and the exit status with `Tests/EndToEndTests/Examples/NAME.expected`.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter ExampleScriptTests` and review the diff.
@Suite struct ExampleScriptTests {
    static let examples = NexoProcess.packageRoot + "/Scripts/examples"
    static let goldens = NexoProcess.packageRoot + "/Tests/EndToEndTests/Examples"

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: examples)) ?? [])
            .filter { $0.hasSuffix(".nexo") && $0 != "demo-seed.nexo" }.sorted()
    }

    /// The arguments after the script name on the header line that shows how to run it.
    static func documentedArguments(of name: String) throws -> [String] {
        let text = try String(contentsOfFile: examples + "/" + name, encoding: .utf8)
        let usage = try #require(
            text.split(separator: "\n").first { $0.contains("nexo run Scripts/examples/\(name)") },
            "\(name) has no '#   nexo run Scripts/examples/\(name) …' header line")
        let words = usage.split(separator: " ").map(String.init)
        // Files named from the repository root (`--param x=Scripts/…`) resolve there, not in the temp directory.
        return words.drop { !$0.hasSuffix(name) }.dropFirst()
            .map { $0.replacingOccurrences(of: "=Scripts/", with: "=\(NexoProcess.packageRoot)/Scripts/") }
    }

    @Test func everyExampleDocumentsHowToRunIt() throws {
        #expect(Self.scripts.count >= 4)
        for name in Self.scripts { _ = try Self.documentedArguments(of: name) }
    }

    @Test(arguments: scripts)
    func exampleMatchesGolden(name: String) throws {
        let temp = try TemporaryDirectory()
        let plugins = ["--plugin-dir", NexoProcess.binDirectory]
        let seed = try NexoProcess.run(
            plugins + ["--db", "demo.db", "run", Self.examples + "/demo-seed.nexo"], directory: temp.path)
        #expect(seed.status == 0, "\(seed)")
        let output = try NexoProcess.run(
            plugins + ["--db", "demo.db", "--case", "SV-2026-0141", "run", Self.examples + "/" + name]
                + Self.documentedArguments(of: name), directory: temp.path)
        // Paths differ between machines: show the script's path relative to the repository.
        let actual = output.description.replacingOccurrences(of: NexoProcess.packageRoot + "/", with: "")
        #expect(output.status == 0, "\(name) failed: \(actual)")
        #expect(!output.stdout.isEmpty, "\(name) printed nothing")
        let goldenPath = Self.goldens + "/" + name.replacingOccurrences(of: ".nexo", with: ".expected")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try actual.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: goldenPath, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from \(goldenPath); re-record with RECORD_GOLDEN=1 after review")
    }
}
