import Glibc
import NexoFiles
import NexoKit
import Testing

@testable import NexoPluginHost

/// Who may change what the loader loads, the trust manifest's size limit, and loading through the
/// descriptor that was checked.
@Suite struct LoaderHardeningTests {
    private func load(_ directories: [String], manifest: String? = nil) -> LoadReport {
        PluginLoader.load(
            PluginLoader.Configuration(
                directories: directories, trustManifest: manifest,
                digest: Subprocess.sha256(descriptor:)))
    }

    @Test func refusesADirectoryWhoseParentIsWritableByOthers() throws {
        let temp = try TestDirectory("parent")
        let parent = try temp.directory("shared", mode: 0o777)
        let plugins = parent + "/plugins"
        #expect(mkdir(plugins, 0o755) == 0)
        _ = try FixtureBuilder.notes(in: plugins)
        let report = load([plugins])
        #expect(report.loaded.isEmpty)
        #expect(
            report.refused.map(\.reason) == [
                "\(plugins): \(parent), a directory above it, is writable by others (mode 777), who could replace "
                    + "the plugin directory; run 'chmod o-w \(parent)'"
            ])
    }

    @Test func refusesADirectoryWithAnAncestorWritableByOthers() throws {
        let temp = try TestDirectory("ancestor")
        let top = try temp.directory("top", mode: 0o757)
        let plugins = top + "/middle/plugins"
        #expect(mkdir(top + "/middle", 0o755) == 0 && mkdir(plugins, 0o755) == 0)
        _ = try FixtureBuilder.notes(in: plugins)
        #expect(
            load([plugins]).refused.map(\.reason) == [
                "\(plugins): \(top), a directory above it, is writable by others (mode 757), who could replace the "
                    + "plugin directory; run 'chmod o-w \(top)'"
            ])
    }

    @Test func acceptsADirectoryUnderAStickyDirectoryLikeTmp() throws {
        let temp = try TestDirectory("sticky")
        let shared = try temp.directory("shared", mode: 0o1777)
        let plugins = shared + "/plugins"
        #expect(mkdir(plugins, 0o755) == 0)
        _ = try FixtureBuilder.notes(in: plugins)
        let report = load([plugins])
        #expect(report.refused == [])
        #expect(report.loaded.map(\.plugin.name) == ["notes"])
    }

    @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
    func refusesADirectoryOwnedByAnotherUser() throws {
        let temp = try TestDirectory("owner")
        let plugins = try temp.directory("plugins")
        _ = try FixtureBuilder.notes(in: plugins)
        #expect(chown(plugins, 4321, 4321) == 0)
        #expect(
            load([plugins]).refused.map(\.reason) == [
                "\(plugins): plugin directory is owned by user \(FileSystem.userDescription(4321)), who could "
                    + "replace its libraries; use a directory owned by you or by root"
            ])
    }

    @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
    func refusesADirectoryUnderOneOwnedByAnotherUser() throws {
        let temp = try TestDirectory("aboveowner")
        let home = try temp.directory("home")
        let plugins = home + "/plugins"
        #expect(mkdir(plugins, 0o755) == 0)
        _ = try FixtureBuilder.notes(in: plugins)
        #expect(chown(home, 4321, 4321) == 0)
        #expect(
            load([plugins]).refused.map(\.reason) == [
                "\(plugins): \(home), a directory above it, is owned by user \(FileSystem.userDescription(4321)), "
                    + "who could replace the plugin directory; keep plugins under directories owned by you or by root"
            ])
    }

    @Test(.enabled(if: geteuid() == 0, "changing a file's owner needs root"))
    func refusesALibraryOwnedByAnotherUser() throws {
        let temp = try TestDirectory("libowner")
        let plugins = try temp.directory("plugins")
        let path = try FixtureBuilder.notes(in: plugins)
        #expect(chown(path, 4321, 4321) == 0)
        #expect(
            load([plugins]).refused.map(\.reason) == [
                "\(path): owned by user \(FileSystem.userDescription(4321)), who could change it; install your own "
                    + "copy of the library"
            ])
    }

    @Test func ownershipRulesForAnyUser() {
        let statuses: [String: FileSystem.Status] = [
            "/": .init(mode: 0o040755, owner: 0), "/home": .init(mode: 0o040755, owner: 0),
            "/home/ana": .init(mode: 0o040750, owner: 1000), "/home/eve": .init(mode: 0o040755, owner: 1001),
            "/srv": .init(mode: 0o041777, owner: 1001),
        ]
        let rules = WriteAccess(user: 1000, status: { statuses[$0] }, describe: { "uid \($0)" })
        #expect(rules.ancestorProblem("p", resolved: "/home/ana/plugins") == nil)
        #expect(
            rules.ancestorProblem("p", resolved: "/home/eve/plugins")
                == "p: /home/eve, a directory above it, is owned by user uid 1001, who could replace the plugin "
                + "directory; keep plugins under directories owned by you or by root"
        )
        #expect(
            rules.ancestorProblem("p", resolved: "/srv/plugins")
                == "p: /srv, a directory above it, is owned by user uid 1001, who could replace the plugin "
                + "directory; keep plugins under directories owned by you or by root"
        )
        #expect(rules.directoryProblem("d", .init(mode: 0o040755, owner: 1000)) == nil)
        #expect(rules.directoryProblem("d", .init(mode: 0o040755, owner: 0)) == nil)
        #expect(
            rules.directoryProblem("d", .init(mode: 0o040755, owner: 1001))
                == "d: plugin directory is owned by user uid 1001, who could replace its libraries; use a directory "
                + "owned by you or by root"
        )
        #expect(rules.libraryProblem("l", .init(mode: 0o100755, owner: 1000)) == nil)
        #expect(
            rules.libraryProblem("l", .init(mode: 0o100644, owner: 1001))
                == "l: owned by user uid 1001, who could change it; install your own copy of the library")
        #expect(
            rules.libraryProblem("l", .init(mode: 0o100664, owner: 1000))
                == "l: writable by group or others (mode 664); run 'chmod go-w l'")
    }

    @Test func refusesASymbolicLinkToALibrary() throws {
        let temp = try TestDirectory("symlink")
        let plugins = try temp.directory("plugins")
        let elsewhere = try temp.directory("elsewhere")
        let target = try FixtureBuilder.notes(in: elsewhere)
        let link = plugins + "/libNexoNotes.so"
        #expect(symlink(target, link) == 0)
        let report = load([plugins])
        #expect(report.loaded.isEmpty)
        #expect(
            report.refused.map(\.reason) == [
                "\(link): a symbolic link, which nexo does not follow to a plugin; copy the library itself into the "
                    + "plugin directory"
            ])
    }

    @Test func loadsTheLibraryThroughTheDescriptorItChecked() throws {
        let temp = try TestDirectory("descriptor")
        let path = try FixtureBuilder.notes(in: temp.path)
        let report = load([temp.path])
        #expect(report.loaded.map(\.path) == [path])
        // The dynamic linker finds a loaded library by the name it was opened with, else by the file
        // at that name. Opened through its descriptor (`/proc/self/fd/N`), the library is not known
        // by its path: once the path is gone, asking for the path finds nothing.
        #expect(unlink(path) == 0)
        #expect(DynamicLibrary.alreadyLoaded(path) == nil)
    }

    @Test func aLaterLibraryIsNeverTakenForAnEarlierOne() throws {
        // The dynamic linker knows a library by the name it was opened with, `/proc/self/fd/N`: if
        // the descriptor of a library that stays loaded were closed, the next library opened under
        // the same number would be handed the earlier library.
        let temp = try TestDirectory("reuse")
        let first = try temp.directory("first")
        let second = try temp.directory("second")
        _ = try FixtureBuilder.notes(in: first)
        let other = try FixtureBuilder.cLibrary("libwrongabi.so", source: FixtureSources.wrongABIC, in: second)
        let report = load([first, second])
        #expect(report.loaded.map(\.plugin.name) == ["notes"])
        #expect(
            report.refused.map(\.reason) == [
                "\(other): built for NexoKit ABI 999, this nexo has ABI \(NexoABI.loaded): rebuild the plugin with "
                    + "this SDK"
            ])
    }

    @Test func loadsTheCheckedFileEvenWhenThePathIsSwappedAfterwards() throws {
        let temp = try TestDirectory("swap")
        let path = try FixtureBuilder.cLibrary("libwrongabi.so", source: FixtureSources.wrongABIC, in: temp.path)
        let other = try FixtureBuilder.cLibrary("libother.so", source: FixtureSources.noSymbolsC, in: temp.path)
        let checked = try FileSystem.OpenFile(path)
        #expect(rename(other, path) == 0)
        let library = try DynamicLibrary.open(checked, path: path)
        #expect(library.callInt32("nexo_plugin_abi") == 999)
        #expect(library.symbol("nexo_fixture_answer") == nil)
        library.unloadIfForeign()
    }

    @Test func refusesATrustManifestOverTheSizeLimit() throws {
        let temp = try TestDirectory("bigmanifest")
        let path = try FixtureBuilder.notes(in: temp.path)
        let digest = try #require(Subprocess.sha256(path))
        let manifest = temp.file("trusted.sha256")
        let line = "\(digest)  libNexoNotes.so\n"
        let padding = String(
            repeating: "#\(String(repeating: " ", count: 62))\n",
            count: (TrustManifest.sizeLimit - line.utf8.count) / 64)
        try Files.write(padding + line, to: manifest)
        #expect(load([temp.path], manifest: manifest).loaded.map(\.plugin.name) == ["notes"])

        try Files.write(
            padding + line + String(repeating: "\n", count: TrustManifest.sizeLimit + 1 - (padding + line).utf8.count),
            to: manifest)
        let report = load([temp.path], manifest: manifest)
        #expect(report.loaded.isEmpty)
        #expect(
            report.refused.map(\.reason) == [
                "\(manifest): the trust manifest is larger than 1 MiB (1,048,576 bytes); list only the digests of "
                    + "your plugin libraries, one 'sha256sum' line each"
            ])
    }

    @Test func refusesAnEndlessTrustManifest() throws {
        let temp = try TestDirectory("zero")
        _ = try FixtureBuilder.notes(in: temp.path)
        let report = load([temp.path], manifest: "/dev/zero")
        #expect(report.loaded.isEmpty)
        #expect(
            report.refused.map(\.reason) == [
                "/dev/zero: the trust manifest is larger than 1 MiB (1,048,576 bytes); list only the digests of your "
                    + "plugin libraries, one 'sha256sum' line each"
            ])
    }
}
