import Glibc
import NexoKit
import Testing

@testable import NexoPluginHost

/// The loader against real libraries: the Notes plugin and fixtures built per test.
@Suite struct PluginLoaderTests {
    private func load(
        _ directories: [String], only: Set<String> = [], noPlugins: Bool = false,
        manifest: String? = nil, reserved: Set<String> = []
    ) -> LoadReport {
        PluginLoader.load(
            PluginLoader.Configuration(
                directories: directories, environment: [:], executableDirectory: nil, noPlugins: noPlugins,
                only: only, trustManifest: manifest, digest: Subprocess.sha256(descriptor:), reservedCommands: reserved)
        )
    }

    @Test func loadsTheNotesPluginAndItsCommands() throws {
        let temp = try TestDirectory("notes")
        let plugins = try temp.directory("plugins")
        let path = try FixtureBuilder.notes(in: plugins)
        let report = load([plugins])
        #expect(report.refused == [])
        let loaded = try #require(report.loaded.first)
        #expect(report.loaded.count == 1)
        #expect(loaded.path == path)
        #expect(loaded.plugin.name == "notes")
        #expect(loaded.plugin.version == "1.0.0")
        #expect(loaded.plugin.commands.map(\.spec.name) == ["note add", "note list", "note search"])
        #expect(loaded.plugin.schema.entityKinds.map(\.name) == ["note"])
        #expect(loaded.plugin.schema.entityKinds.first?.idPrefix == "N")
        #expect(loaded.plugin.schema.edgeKinds.map(\.name) == ["note_on"])
        #expect(report.searched == [plugins])
    }

    @Test func loadsFromTheBuildDirectoryAndSkipsTheSDKLibrary() throws {
        let report = load([BuildProducts.buildDirectory])
        #expect(report.loaded.contains { $0.plugin.name == "notes" })
        #expect(!report.refused.contains { $0.path.hasSuffix("/libNexoKit.so") })
    }

    @Test func refusesALibraryWithoutPluginSymbols() throws {
        let temp = try TestDirectory("nosym")
        let path = try FixtureBuilder.cLibrary("libempty.so", source: FixtureSources.noSymbolsC, in: temp.path)
        let report = load([temp.path])
        #expect(report.loaded.isEmpty)
        #expect(
            report.refused == [
                RefusedPlugin(
                    path: path, name: nil,
                    reason:
                        "\(path): not a plugin: no nexo_plugin_abi symbol; build it against NexoKit (see "
                        + "Plugins/README.md)"
                )
            ])
    }

    @Test func refusesALibraryBuiltForAnotherABI() throws {
        let temp = try TestDirectory("abi")
        let path = try FixtureBuilder.cLibrary("libwrongabi.so", source: FixtureSources.wrongABIC, in: temp.path)
        let report = load([temp.path])
        #expect(
            report.refused.map(\.reason) == [
                "\(path): built for NexoKit ABI 999, this nexo has ABI \(NexoABI.loaded): rebuild the plugin with "
                    + "this SDK"
            ])
    }

    @Test func refusesALibraryWithoutCreateSymbol() throws {
        let temp = try TestDirectory("nocreate")
        let path = try FixtureBuilder.cLibrary("libnocreate.so", source: FixtureSources.noCreateC, in: temp.path)
        let report = load([temp.path])
        // The C library defines its own marker, so it is told apart from the SDK first.
        #expect(
            report.refused.map(\.reason) == [
                "\(path): links its own static copy of NexoKit: depend on the NexoKit product (dynamic) instead"
            ])
    }

    @Test func refusesAFileThatIsNotALibrary() throws {
        let temp = try TestDirectory("garbage")
        let path = try FixtureBuilder.garbage("libgarbage.so", in: temp.path)
        let report = load([temp.path])
        #expect(
            report.refused.map(\.reason) == [
                "\(path): not an ELF library (it does not start with the ELF magic number); rebuild it or remove it "
                    + "from the plugin directory"
            ])
    }

    @Test(arguments: [0o777 as mode_t, 0o775, 0o757])
    func refusesADirectoryWritableByOthers(mode: mode_t) throws {
        let temp = try TestDirectory("mode")
        let plugins = try temp.directory("plugins")
        _ = try FixtureBuilder.notes(in: plugins)
        try Files.setMode(mode, of: plugins)
        let report = load([plugins])
        #expect(report.loaded.isEmpty)
        let octal = String(mode, radix: 8)
        #expect(
            report.refused == [
                RefusedPlugin(
                    path: plugins, name: nil,
                    reason:
                        "\(plugins): plugin directory is writable by group or others (mode \(octal)); run 'chmod "
                        + "go-w \(plugins)'"
                )
            ])
    }

    @Test(arguments: [0o757 as mode_t, 0o775, 0o765])
    func refusesALibraryWritableByGroupOrOthers(mode: mode_t) throws {
        let temp = try TestDirectory("filemode")
        let plugins = try temp.directory("plugins")
        let path = try FixtureBuilder.notes(in: plugins)
        try Files.setMode(mode, of: path)
        let report = load([plugins])
        #expect(report.loaded.isEmpty)
        let octal = String(mode, radix: 8)
        #expect(
            report.refused.map(\.reason) == [
                "\(path): writable by group or others (mode \(octal)); run 'chmod go-w \(path)'"
            ])
    }

    @Test func firstLibraryWinsAndTheDuplicateIsRefused() throws {
        let temp = try TestDirectory("dup")
        let first = try temp.directory("first")
        let second = try temp.directory("second")
        let kept = try FixtureBuilder.notes(in: first)
        let duplicate = try FixtureBuilder.notes(in: second, as: "libNotesCopy.so")
        let report = load([first, second])
        #expect(report.loaded.map(\.path) == [kept])
        #expect(
            report.refused == [
                RefusedPlugin(
                    path: duplicate, name: "notes",
                    reason:
                        "\(duplicate): duplicate plugin name 'notes' (already loaded from \(kept)); remove one of "
                        + "the two"
                )
            ])
    }

    @Test func onlyOpensTheLibrariesOfTheNamedPlugins() throws {
        let temp = try TestDirectory("only")
        _ = try FixtureBuilder.notes(in: temp.path)
        _ = try FixtureBuilder.garbage("libgarbage.so", in: temp.path)
        _ = try FixtureBuilder.cLibrary("libempty.so", source: FixtureSources.noSymbolsC, in: temp.path)
        let report = load([temp.path], only: ["notes"])
        #expect(report.loaded.map(\.plugin.name) == ["notes"])
        #expect(report.refused == [])
        #expect(report.missing == [])

        let none = load([temp.path], only: ["gang-records"])
        #expect(none.loaded.isEmpty && none.refused.isEmpty)
        #expect(none.missing == ["gang-records"])
    }

    @Test func noPluginsLoadsAndChecksNothing() throws {
        let temp = try TestDirectory("none")
        _ = try FixtureBuilder.notes(in: temp.path)
        _ = try FixtureBuilder.garbage("libgarbage.so", in: temp.path)
        let report = load([temp.path, temp.path + "/missing"], noPlugins: true)
        #expect(report.loaded.isEmpty && report.refused.isEmpty && report.searched.isEmpty)
    }

    @Test func trustManifestAdmitsListedLibrariesOnly() throws {
        let temp = try TestDirectory("trust")
        let plugins = try temp.directory("plugins")
        let notes = try FixtureBuilder.notes(in: plugins)
        let empty = try FixtureBuilder.cLibrary("libempty.so", source: FixtureSources.noSymbolsC, in: plugins)
        let digest = try #require(Subprocess.sha256(notes))
        let emptyDigest = try #require(Subprocess.sha256(empty))
        let manifest = temp.file("trusted.sha256")
        try Files.write("# libraries we trust\n\(digest.uppercased())  libNexoNotes.so\n\n", to: manifest)

        let report = load([plugins], manifest: manifest)
        #expect(report.loaded.map(\.plugin.name) == ["notes"])
        #expect(
            report.refused.map(\.reason) == [
                "\(empty): SHA-256 \(emptyDigest) is not in the trust manifest \(manifest); add it there if you "
                    + "trust this library"
            ])
    }

    @Test func trustManifestMismatchRefusesBeforeOpening() throws {
        let temp = try TestDirectory("mismatch")
        let plugins = try temp.directory("plugins")
        let garbage = try FixtureBuilder.garbage("libgarbage.so", in: plugins)
        let digest = try #require(Subprocess.sha256(garbage))
        let manifest = temp.file("trusted.sha256")
        try Files.write(String(repeating: "ab", count: 32) + "  libgarbage.so\n", to: manifest)
        let report = load([plugins], manifest: manifest)
        // Refused for the digest, not for the invalid ELF header: it was never opened.
        #expect(
            report.refused.map(\.reason) == [
                "\(garbage): SHA-256 \(digest) is not in the trust manifest \(manifest); add it there if you trust "
                    + "this library"
            ])
    }

    @Test func unusableTrustManifestLoadsNothing() throws {
        let temp = try TestDirectory("badmanifest")
        _ = try FixtureBuilder.notes(in: temp.path)
        let manifest = temp.file("trusted.sha256")
        try Files.write("# ok\nnot-a-digest  libNexoNotes.so\n", to: manifest)
        let malformed = load([temp.path], manifest: manifest)
        #expect(malformed.loaded.isEmpty)
        #expect(
            malformed.refused.map(\.reason) == [
                "\(manifest):2: not a '<sha256>  <file>' line; write one 64-digit hex digest and a file name per "
                    + "line, as sha256sum prints them"
            ])

        let absent = temp.file("absent.sha256")
        let unreadable = load([temp.path], manifest: absent)
        #expect(unreadable.loaded.isEmpty)
        #expect(
            unreadable.refused.map(\.reason) == [
                "\(absent): cannot read the trust manifest (No such file or directory); fix the path given to "
                    + "--trust-manifest"
            ])
    }

    @Test func refusesAPluginWhoseCommandIsBuiltIn() throws {
        let temp = try TestDirectory("reserved")
        let path = try FixtureBuilder.notes(in: temp.path)
        let report = load([temp.path], reserved: ["find", "note list"])
        #expect(report.loaded.isEmpty)
        #expect(
            report.refused == [
                RefusedPlugin(
                    path: path, name: "notes",
                    reason:
                        "\(path): plugin 'notes' declares command 'note list', which is built into nexo; rename the "
                        + "command"
                )
            ])
    }

    @Test func reportsMissingExplicitDirectoriesOnly() throws {
        let temp = try TestDirectory("missing")
        let missing = temp.file("nowhere")
        let report = PluginLoader.load(
            PluginLoader.Configuration(
                directories: [missing], environment: ["HOME": temp.file("home"), "NEXO_PLUGIN_PATH": temp.file("env")],
                executableDirectory: temp.file("bin")))
        #expect(
            report.refused.map(\.reason) == [
                "\(missing): plugin directory not found (from --plugin-dir); fix or remove that entry",
                "\(temp.file("env")): plugin directory not found (from NEXO_PLUGIN_PATH); fix or remove that entry",
            ])
    }

    @Test func searchesEachDirectoryOnce() throws {
        let temp = try TestDirectory("repeat")
        _ = try FixtureBuilder.notes(in: temp.path)
        let report = PluginLoader.load(
            PluginLoader.Configuration(
                directories: [temp.path, temp.path + "/"], environment: ["NEXO_PLUGIN_PATH": temp.path],
                executableDirectory: temp.path))
        #expect(report.loaded.count == 1)
        #expect(report.refused.isEmpty)
        #expect(report.searched == [temp.path])
    }

    @Test(.timeLimit(.minutes(5)))
    func refusesAPluginWithAStaticCopyOfTheSDK() throws {
        let temp = try TestDirectory("static")
        let path = try FixtureBuilder.staticCopy(in: temp.path)
        let report = load([temp.path])
        #expect(report.loaded.isEmpty)
        #expect(
            report.refused == [
                RefusedPlugin(
                    path: path, name: nil,
                    reason:
                        "\(path): links its own static copy of NexoKit: depend on the NexoKit product (dynamic) instead"
                )
            ])
    }
}
