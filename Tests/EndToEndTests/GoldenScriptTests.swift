import Foundation
import Testing

/// Runs every `Scripts/*.nexo` through the real `nexo` binary (with the real plugin libraries) and
/// compares standard output, standard error and the exit status with `*.expected`.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter GoldenScriptTests` and review the diff.
@Suite struct GoldenScriptTests {
    static let directory = NexoProcess.packageRoot + "/Tests/EndToEndTests/Scripts"

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".nexo") }.sorted()
    }

    @Test(arguments: scripts)
    func scriptMatchesGolden(name: String) throws {
        let temp = try TemporaryDirectory()
        // Scripts may read fixture files next to them; run them from a copy of the folder.
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.directory) {
            try FileManager.default.copyItem(atPath: Self.directory + "/" + file, toPath: temp.path + "/" + file)
        }
        let firstLine =
            try String(contentsOfFile: Self.directory + "/" + name, encoding: .utf8)
            .split(separator: "\n").first.map(String.init) ?? ""
        let extra = firstLine.hasPrefix("# args:") ? firstLine.dropFirst(7).split(separator: " ").map(String.init) : []
        let output = try NexoProcess.run(
            ["--db", "store.db", "--plugin-dir", NexoProcess.binDirectory] + extra + ["run", name],
            directory: temp.path)
        let actual = output.description
        // Hostile arguments are data: nothing they name may have been executed.
        for marker in ["pwned", "pwned2"] {
            #expect(
                !FileManager.default.fileExists(atPath: temp.path + "/" + marker),
                "\(name) executed text from its input")
        }
        let goldenPath = Self.directory + "/" + name.replacingOccurrences(of: ".nexo", with: ".expected")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try actual.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: goldenPath, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from \(goldenPath); re-record with RECORD_GOLDEN=1 after review")
    }
}
