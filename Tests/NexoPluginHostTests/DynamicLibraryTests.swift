import NexoFiles
import Testing

@testable import NexoPluginHost

/// What stays loaded: refused C libraries are closed, Swift libraries never are.
@Suite struct DynamicLibraryTests {
    @Test func refusedCLibraryIsClosed() throws {
        let temp = try TestDirectory("close")
        let path = try FixtureBuilder.cLibrary("libwrongabi.so", source: FixtureSources.wrongABIC, in: temp.path)
        let report = PluginLoader.load(PluginLoader.Configuration(directories: [temp.path]))
        #expect(report.refused.count == 1)
        #expect(DynamicLibrary.alreadyLoaded(path) == nil)
    }

    @Test func swiftLibraryStaysLoadedEvenWhenRefused() throws {
        let temp = try TestDirectory("keep")
        let path = try FixtureBuilder.notes(in: temp.path)
        let report = PluginLoader.load(
            PluginLoader.Configuration(directories: [temp.path], reservedCommands: ["note add"]))
        #expect(report.refused.map(\.name) == ["notes"])
        let library = try #require(DynamicLibrary.alreadyLoaded(path))
        #expect(library.usesSwiftRuntime)
    }

    @Test func openReportsTheLinkerMessageWithoutTheName() throws {
        let temp = try TestDirectory("open")
        let path = temp.file("libempty.so")
        try Files.write([UInt8](), to: path)
        #expect(throws: DynamicLibrary.OpenError(message: "file too short")) {
            try DynamicLibrary.open(try FileSystem.OpenFile(path), path: path)
        }
    }

    @Test func callsCFunctionsByName() throws {
        let temp = try TestDirectory("call")
        let path = try FixtureBuilder.cLibrary("libwrongabi.so", source: FixtureSources.wrongABIC, in: temp.path)
        let library = try DynamicLibrary.open(try FileSystem.OpenFile(path), path: path)
        #expect(library.callInt32("nexo_plugin_abi") == 999)
        #expect(library.callInt32("no_such_symbol") == nil)
        #expect(library.callPointer("nexo_plugin_create") == .some(nil))
        #expect(!library.usesSwiftRuntime)
        library.unloadIfForeign()
        #expect(library.symbol("nexo_plugin_abi") == nil)
    }
}

/// The loader lists a plugin directory for `lib*.so` names only, compared as bytes.
@Suite struct DirectoryEntriesTests {
    @Test func onlyNamesWithThePrefixAndSuffixAreListedInByteOrder() throws {
        let temp = try TestDirectory("entries")
        for name in ["libb.so", "liba.so", "lib.so", "libc.so.1", "nexo", "xlib.so", "libÉ.so", "li.so"] {
            try Files.write([UInt8](), to: temp.file(name))
        }
        let directory = try FileSystem.OpenFile(temp.path, directory: true)
        #expect(directory.entries(prefix: "lib", suffix: ".so") == ["lib.so", "liba.so", "libb.so", "libÉ.so"])
        #expect(directory.entries()?.count == 8)
    }
}
