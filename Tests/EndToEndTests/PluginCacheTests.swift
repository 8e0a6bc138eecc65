import Foundation
import Testing

/// The spec cache through the real binary: `plugins` shows each plugin's state — `loaded` on the
/// start that opens the library and writes its entry, `cached` on later starts until a command of
/// it runs, `refused: <reason>` when opening it on first use fails.
@Suite struct PluginCacheTests {
    private static var notesLibrary: String { NexoProcess.binDirectory + "/libNexoNotes.so" }

    /// The `plugins` row of the library in `plugins` as CSV, from a run of `commands` (with
    /// --keep-going). The build directory's own copy is refused as a duplicate and left out.
    private static func notesRow(_ commands: String, plugins: String, in temp: TemporaryDirectory) throws -> String {
        let run = try NexoProcess.run(
            [
                "--db", ":memory:", "--plugin-dir", plugins, "--plugin", "notes", "--format", "csv", "--keep-going",
                "-c", commands + "; plugins | where name = notes",
            ], directory: temp.path)
        return run.stdout.split(separator: "\n").first { $0.contains(",\(plugins)/") }.map(String.init) ?? ""
    }

    @Test func pluginsShowsLoadedThenCachedThenLoadedOnFirstUse() throws {
        let temp = try TemporaryDirectory()
        let plugins = temp.path + "/plugins"
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: false)
        let path = plugins + "/libNexoNotes.so"
        try FileManager.default.copyItem(atPath: Self.notesLibrary, toPath: path)

        let row = "notes,1.0.0,available,3,\(path),,"
        #expect(try Self.notesRow("kinds | count", plugins: plugins, in: temp) == row + "loaded")
        #expect(try Self.notesRow("kinds | count", plugins: plugins, in: temp) == row + "cached")
        #expect(try Self.notesRow("note list", plugins: plugins, in: temp) == row + "loaded")
        let entries = try FileManager.default.contentsOfDirectory(atPath: temp.path + "/.nexo/plugin-cache")
        #expect(entries.count == 1 && entries[0].hasSuffix(".spec"), "\(entries)")
        let mode =
            try FileManager.default.attributesOfItem(atPath: temp.path + "/.nexo/plugin-cache/" + entries[0])[
                .posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aCachedLibraryDamagedInPlaceIsRefusedWhenItsCommandRuns() throws {
        let temp = try TemporaryDirectory()
        let plugins = temp.path + "/plugins"
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: false)
        let path = plugins + "/libNexoNotes.so"
        try FileManager.default.copyItem(atPath: Self.notesLibrary, toPath: path)
        _ = try Self.notesRow("kinds | count", plugins: plugins, in: temp)

        // Same size, inode and modification time: the cache entry still matches.
        var info = stat()
        try #require(stat(path, &info) == 0)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.write(contentsOf: Data("JUNK".utf8))
        try handle.close()
        let times = [info.st_mtim, info.st_mtim]
        try #require(utimensat(AT_FDCWD, path, times, 0) == 0)

        let reason =
            "\(path): not an ELF library (it does not start with the ELF magic number); "
            + "rebuild it or remove it from the plugin directory"
        let start = try NexoProcess.run(
            ["--db", ":memory:", "--plugin-dir", plugins, "--plugin", "notes", "-c", "kinds | count"],
            directory: temp.path)
        #expect(start.status == 0 && !start.stderr.contains("refused: \(path):"), "\(start)")

        let run = try NexoProcess.run(
            ["--db", ":memory:", "--plugin-dir", plugins, "--plugin", "notes", "-c", "note list"],
            directory: temp.path)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("plugin refused: \(reason)"), "\(run)")
        #expect(
            try Self.notesRow("note list", plugins: plugins, in: temp)
                == "notes,1.0.0,refused,3,\(path),\(reason),refused: \(reason)")
    }
}
