import Glibc
import NexoFiles
import NexoKit
import Testing

@testable import NexoPluginHost

/// The spec cache and lazy opening, against the real Notes plugin: a current entry registers the
/// plugin without opening its library (proved with a library damaged in place after caching, which
/// is refused only when a command of it runs), a changed library is opened again, a damaged entry
/// is rebuilt, and the trust manifest still decides.
@Suite struct SpecCacheTests {
    /// A plugin directory holding a copy of the Notes plugin, and a cache directory beside it.
    private final class Setup {
        let temp: TestDirectory
        let plugins: String
        let library: String
        let cache: SpecCache

        init(_ label: String) throws {
            temp = try TestDirectory(label)
            plugins = try temp.directory("plugins")
            library = try FixtureBuilder.notes(in: plugins)
            cache = SpecCache(directory: try temp.directory("cache", mode: 0o700))
        }

        func load(manifest: String? = nil) -> LoadReport {
            PluginLoader.load(
                PluginLoader.Configuration(
                    directories: [plugins], trustManifest: manifest, digest: Subprocess.sha256(descriptor:),
                    cache: cache))
        }

        var entry: String { cache.entryPath(for: library) }

        /// Writes the entry for the library as it is now, with `description` (the Notes plugin's
        /// own by default), without opening this copy: a library this process has mapped must not
        /// be changed under it, so the tests that damage or grow it never open it first.
        func prime(_ description: PluginDescription? = nil) throws {
            cache.write(try description ?? SpecCacheTests.notes(), for: try SpecCacheTests.key(of: library))
        }
    }

    /// The Notes plugin's description, from the library in the build directory.
    private static func notes() throws -> PluginDescription {
        let report = PluginLoader.load(
            PluginLoader.Configuration(directories: [BuildProducts.buildDirectory], only: ["notes"]))
        return PluginDescription(of: try #require(report.loaded.first).plugin)
    }

    private static let notesCommands = ["note add", "note list", "note search"]

    @Test func aFirstStartOpensTheLibraryAndWritesItsEntry() throws {
        let setup = try Setup("cache-first")
        let first = setup.load()
        #expect(first.refused == [])
        #expect(first.loaded.map(\.state) == [.loaded])
        var info = stat()
        #expect(stat(setup.entry, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let key = try Self.key(of: setup.library)
        #expect(SpecCache.decode(try Files.read(setup.entry), for: key)?.full == (try Self.notes()))
        #expect(setup.load().loaded.map(\.state) == [.cached])
    }

    @Test func aCurrentEntryRegistersThePluginWithoutOpeningItsLibrary() throws {
        let setup = try Setup("cache-hit")
        try setup.prime()
        // Damage the library where the cache's key cannot see it: same size, inode and time.
        try Files.overwriteKeepingTime(setup.library, at: 0, with: Array("JUNK".utf8))
        let second = setup.load()
        #expect(second.refused == [])
        let loaded = try #require(second.loaded.first)
        #expect(loaded.state == .cached)
        #expect(loaded.plugin.name == "notes")
        #expect(loaded.plugin.version == "1.0.0")
        #expect(loaded.plugin.commands.map(\.spec.name) == Self.notesCommands)
        #expect(loaded.plugin.schema.entityKinds.map(\.name) == ["note"])

        // Its first command opens it, and it is verified as at start.
        let library = try #require(loaded.lazyLibrary)
        let reason =
            "\(setup.library): not an ELF library (it does not start with the ELF magic number); "
            + "rebuild it or remove it from the plugin directory"
        #expect(throws: NexoError(.failed, "plugin refused: \(reason)")) {
            try library.command(["note", "list"])
        }
        #expect(loaded.state == .refused(reason))
        #expect(throws: NexoError(.failed, "plugin refused: \(reason)")) {
            try library.command(["note", "add"])
        }
    }

    @Test func aCachedPluginOpensOnFirstUseAndRunsTheRealCommand() throws {
        let setup = try Setup("cache-open")
        try setup.prime()
        let loaded = try #require(setup.load().loaded.first)
        #expect(loaded.state == .cached)
        let command = try #require(try loaded.lazyLibrary?.command(["note", "search"]))
        #expect(command.spec.name == "note search")
        #expect(loaded.state == .loaded)
    }

    @Test(arguments: ["touch", "grow"])
    func aChangedLibraryIsOpenedAtStartAndItsEntryRewritten(change: String) throws {
        let setup = try Setup("cache-changed")
        try setup.prime()
        let before = try Files.read(setup.entry)
        if change == "touch" {
            var time = try Files.modificationTime(setup.library)
            time.tv_sec += 10
            try Files.setModificationTime(time, of: setup.library)
        } else {
            let size = try Files.read(setup.library).count
            try Files.overwriteKeepingTime(setup.library, at: size, with: [0])
        }
        let report = setup.load()
        #expect(report.refused == [])
        #expect(report.loaded.map(\.state) == [.loaded])
        #expect(try Files.read(setup.entry) != before)
        #expect(setup.load().loaded.map(\.state) == [.cached])
    }

    @Test(arguments: ["empty", "truncated", "garbage", "wrong version", "flipped byte", "other key", "directory"])
    func aDamagedEntryIsRebuilt(damage: String) throws {
        let setup = try Setup("cache-damaged")
        try setup.prime()
        let good = try Files.read(setup.entry)
        switch damage {
        case "empty": try Files.write([], to: setup.entry)
        case "truncated": try Files.write(Array(good.prefix(good.count / 2)), to: setup.entry)
        case "garbage": try Files.write(FixtureSources.garbage, to: setup.entry)
        case "wrong version":
            var bytes = good
            bytes[8] &+= 1
            try Files.write(bytes, to: setup.entry)
        case "flipped byte":
            var bytes = good
            bytes[bytes.count - 3] ^= 0x20
            try Files.write(bytes, to: setup.entry)
        case "other key":
            let other = SpecCache.Key(path: setup.library, status: FileSystem.Status(mode: 0o100755), sha256: nil)
            try Files.write(
                SpecCache.encode(
                    PluginDescription(name: "x", version: "1", summary: "", schema: .empty, commands: []), for: other),
                to: setup.entry)
        default:
            unlink(setup.entry)
            #expect(mkdir(setup.entry, 0o700) == 0)
        }
        let report = setup.load()
        #expect(report.refused == [])
        #expect(report.loaded.map(\.state) == [.loaded])
        #expect(report.loaded.first?.plugin.commands.map(\.spec.name) == Self.notesCommands)
        if damage != "directory" {
            #expect(try Files.read(setup.entry) == good)
            #expect(setup.load().loaded.map(\.state) == [.cached])
        }
    }

    @Test func everyCutOfAnEntryIsIgnored() throws {
        let setup = try Setup("cache-cuts")
        try setup.prime()
        let good = try Files.read(setup.entry)
        let current = try Self.key(of: setup.library)
        #expect(SpecCache.decode(good, for: current) != nil)
        for length in 0..<good.count {
            #expect(SpecCache.decode(Array(good.prefix(length)), for: current) == nil, "cut at \(length)")
        }
    }

    /// The checksum reads words, not bytes: a change to any one bit of the entry, in any lane or in the tail, is
    /// still caught.
    @Test func everyFlippedBitOfAnEntryIsCaught() throws {
        let setup = try Setup("cache-bits")
        try setup.prime()
        let good = try Files.read(setup.entry)
        let current = try Self.key(of: setup.library)
        for index in SpecCache.headerSize..<good.count {
            for bit in [0, 3, 7] {
                var damaged = good
                damaged[index] ^= 1 << UInt8(bit)
                #expect(SpecCache.decode(damaged, for: current) == nil, "byte \(index) bit \(bit)")
            }
        }
    }

    @Test func theCachedSpecsOfEveryInTreePluginReadBackTheSame() throws {
        let report = PluginLoader.load(PluginLoader.Configuration(directories: [BuildProducts.buildDirectory]))
        #expect(report.loaded.count >= 4)
        let key = SpecCache.Key(path: "/x/lib.so", status: FileSystem.Status(mode: 0o100755), sha256: nil)
        for loaded in report.loaded {
            let description = PluginDescription(of: loaded.plugin)
            #expect(SpecCache.decode(SpecCache.encode(description, for: key), for: key)?.full == description)
        }
    }

    /// A start reads each command's path and leaves its spec encoded; a spec whose bytes do not decode
    /// (an entry that passes its checksum but was not written by Nexo) fails alone, never the start.
    @Test func specsAreDecodedOnFirstUseAndADamagedOneFailsAlone() throws {
        let key = SpecCache.Key(path: "/x/lib.so", status: FileSystem.Status(mode: 0o100755), sha256: nil)
        let real = try Self.notes()
        var bytes = SpecCache.encode(real, for: key)
        let cached = try #require(SpecCache.decode(bytes, for: key))
        #expect(cached.commandPaths == real.commands.map(\.path))
        #expect(cached.spec(at: 1) == real.commands[1])

        // The entry ends with the last spec's `writes` flag: make it neither 0 nor 1, and re-sum.
        bytes[bytes.count - 1] = 7
        let sum = SpecCache.checksum(bytes[SpecCache.headerSize...])
        for index in 0..<8 { bytes[20 + index] = UInt8(truncatingIfNeeded: sum >> (8 * UInt64(index))) }
        let damaged = try #require(SpecCache.decode(bytes, for: key))
        #expect(damaged.commandPaths == real.commands.map(\.path))
        #expect(damaged.spec(at: 0) == real.commands[0])
        #expect(damaged.spec(at: real.commands.count - 1) == nil)
        #expect(damaged.full == nil)
    }

    @Test func theOpenedPluginWinsOverDifferentCachedSpecs() throws {
        let setup = try Setup("cache-differs")
        let real = try Self.notes()
        let key = try Self.key(of: setup.library)
        var doctored = real
        doctored.summary = "not what the library says"
        doctored.commands.append(CommandSpec(["note", "vanished"], summary: "Gone"))
        try setup.prime(doctored)

        let loaded = try #require(setup.load().loaded.first)
        #expect(loaded.state == .cached)
        #expect(loaded.plugin.summary == "not what the library says")
        let library = try #require(loaded.lazyLibrary)
        #expect(try library.command(["note", "list"]).spec.name == "note list")
        #expect(throws: NexoError.self) { try library.command(["note", "vanished"]) }
        #expect(SpecCache.decode(try Files.read(setup.entry), for: key)?.full == real)
    }

    @Test func theTrustManifestDecidesEvenForACachedLibrary() throws {
        let setup = try Setup("cache-manifest")
        let digest = try #require(Subprocess.sha256(setup.library))
        let allowing = setup.temp.file("allow.sha256")
        try Files.write("\(digest)  libNexoNotes.so\n", to: allowing)
        let other = setup.temp.file("other.sha256")
        try Files.write(String(repeating: "ab", count: 32) + "  libOther.so\n", to: other)

        // An entry written without a manifest holds no digest: with one, the library is opened.
        try setup.prime()
        #expect(setup.load(manifest: allowing).loaded.map(\.state) == [.loaded])
        #expect(setup.load(manifest: allowing).loaded.map(\.state) == [.cached])

        let refused = setup.load(manifest: other)
        #expect(refused.loaded.isEmpty)
        #expect(
            refused.refused == [
                RefusedPlugin(
                    path: setup.library, name: nil,
                    reason:
                        "\(setup.library): SHA-256 \(digest) is not in the trust manifest \(other); "
                        + "add it there if you trust this library")
            ])
    }

    /// The cache key of the file at `path` now.
    private static func key(of path: String) throws -> SpecCache.Key {
        let file = try FileSystem.OpenFile(path)
        guard let status = file.status() else { throw TestFailure("fstat \(path) failed") }
        return SpecCache.Key(path: path, status: status, sha256: nil)
    }
}
