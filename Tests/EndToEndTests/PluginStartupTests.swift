import Foundation
import Testing

/// Plugin refusals at start-up, through the real binary: a library cut short is refused with the
/// reason (today's dynamic linker would die of SIGBUS on it), and every refusal is announced on
/// standard error while a normal start stays quiet.
@Suite struct PluginStartupTests {
    private static var notesLibrary: String { NexoProcess.binDirectory + "/libNexoNotes.so" }

    @Test(arguments: [64, 1_024, 10_240, 102_400, 204_800])
    func aLibraryCutShortIsRefusedAndNexoKeepsStarting(length: Int) throws {
        let temp = try TemporaryDirectory()
        let plugins = temp.path + "/plugins"
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: false)
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.notesLibrary))
        try #require(whole.count > length)
        let path = plugins + "/libNexoNotes.so"
        try whole.prefix(length).write(to: URL(fileURLWithPath: path))

        let run = try NexoProcess.run(
            [
                "--db", ":memory:", "--plugin-dir", plugins, "--plugin", "notes", "--format", "csv",
                "-c", "plugins | where status = refused",
            ], directory: temp.path)
        #expect(run.status == 0, "\(run)")
        let prefix = "warning: plugin refused: \(path): not a complete ELF library: "
        let suffix = " but the file has \(Self.grouped(length)) bytes; reinstall or rebuild the plugin\n"
        #expect(run.stderr.hasPrefix(prefix) && run.stderr.hasSuffix(suffix), "\(run)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run)")
        #expect(run.stdout.contains("refused,,\(path),"), "\(run)")
    }

    @Test func everyRefusalIsAnnouncedOnStandardError() throws {
        let temp = try TemporaryDirectory()
        let plugins = temp.path + "/plugins"
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: false)
        try "not a library\n".write(toFile: plugins + "/libfirst.so", atomically: false, encoding: .utf8)
        try "not a library either\n".write(toFile: plugins + "/libsecond.so", atomically: false, encoding: .utf8)
        let run = try NexoProcess.run(["--db", ":memory:", "--no-plugins", "-c", "plugins"], directory: temp.path)
        #expect(run.stderr == "", "\(run)")

        let refused = try NexoProcess.run(
            ["--db", ":memory:", "--plugin-dir", plugins, "-c", "kinds | count"], directory: temp.path)
        #expect(refused.status == 0, "\(refused)")
        let fix = "(it does not start with the ELF magic number); rebuild it or remove it from the plugin directory"
        #expect(
            refused.stderr == """
                warning: plugin refused: \(plugins)/libfirst.so: not an ELF library \(fix)
                warning: plugin refused: \(plugins)/libsecond.so: not an ELF library \(fix)

                """)
    }

    @Test func aNormalStartIsQuiet() throws {
        let temp = try TemporaryDirectory()
        let run = try NexoProcess.run(
            ["--db", ":memory:", "--plugin-dir", NexoProcess.binDirectory, "-c", "plugins | count"],
            directory: temp.path)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr == "", "\(run)")
    }

    private static func grouped(_ number: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US")
        return formatter.string(from: NSNumber(value: number)) ?? String(number)
    }
}
