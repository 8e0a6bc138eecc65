import Testing

@testable import NexoPluginHost

/// The search path, candidate names and the `--plugin` file-name filter.
@Suite struct SearchPathTests {
    @Test func searchPathIsInDocumentedOrder() {
        let configuration = PluginLoader.Configuration(
            directories: ["/opt/a", "", "b"],
            environment: ["NEXO_PLUGIN_PATH": "/env/1::/env/2", "HOME": "/home/ana/"],
            executableDirectory: "/usr/local/bin")
        let path = PluginLoader.searchPath(configuration)
        #expect(
            path.map(\.path) == [
                "/opt/a", "b", "/env/1", "/env/2", "/usr/local/bin/plugins", "/usr/local/bin",
                "/home/ana/.nexo/plugins",
            ])
        #expect(path.map(\.origin) == [.option, .option, .environment, .environment, .executable, .executable, .home])
    }

    @Test func searchPathWithoutHomeOrExecutable() {
        #expect(PluginLoader.searchPath(PluginLoader.Configuration()).isEmpty)
    }

    @Test(arguments: [
        ("libNexoNotes.so", true), ("libgang.so", true), ("libNexoKit.so", false),
        ("libNexoKitTesting.so", false), ("lib.so", false), ("NexoNotes.so", false),
        ("libNexoNotes.so.1", false), ("libNexoNotes.dylib", false),
        ("libswiftCore.so", false), ("libFoundationEssentials.so", false), ("lib_TestingInterop.so", false),
        ("libdispatch.so", false),
    ])
    func candidateFileNames(name: String, isCandidate: Bool) {
        #expect(PluginLoader.isCandidate(fileName: name) == isCandidate)
    }

    @Test(arguments: [
        ("libNexoGangRecords.so", "gang-records", true), ("libGangRecords.so", "gang-records", true),
        ("libgang_records.so", "gang-records", true), ("libNexoNotes.so", "notes", true),
        ("libnexo.so", "nexo", true), ("libNexoNotes.so", "gang-records", false),
        ("libNotesExtra.so", "notes", false),
    ])
    func pluginFlagMatchesLibraryFileNames(file: String, name: String, matches: Bool) {
        #expect(PluginLoader.libraryFileName(file, mayProvideAnyOf: [name]) == matches)
    }

    @Test func pluginNames() {
        #expect(LoadRun.isValidName("notes"))
        #expect(LoadRun.isValidName("gang-records2"))
        #expect(!LoadRun.isValidName("Notes"))
        #expect(!LoadRun.isValidName("2notes"))
        #expect(!LoadRun.isValidName(""))
        #expect(!LoadRun.isValidName("gang records"))
    }
}

/// Parsing trust manifests.
@Suite struct TrustManifestTests {
    private let a = String(repeating: "0a", count: 32)
    private let b = String(repeating: "B1", count: 32)

    @Test func readsSha256sumOutput() throws {
        let manifest = try TrustManifest.parse("# pinned\n\(a)  libNexoNotes.so\r\n\(b) *./libGang.so\n  \n", path: "m")
        #expect(manifest.digests == [a, b.lowercased()])
        #expect(manifest.allows(digest: b))
        #expect(!manifest.allows(digest: String(repeating: "00", count: 32)))
    }

    @Test(arguments: [
        "\(String(repeating: "0a", count: 32))", "abc  libx.so", "\(String(repeating: "zz", count: 32))  libx.so",
        "\(String(repeating: "0a", count: 32))libx.so", "\(String(repeating: "0a", count: 33))  libx.so",
    ])
    func refusesMalformedLines(line: String) {
        #expect(
            throws: TrustManifest.Problem(
                reason:
                    "m:1: not a '<sha256>  <file>' line; write one 64-digit hex digest and a file name per line, as "
                    + "sha256sum prints them"
            )
        ) {
            try TrustManifest.parse(line + "\n", path: "m")
        }
    }
}
