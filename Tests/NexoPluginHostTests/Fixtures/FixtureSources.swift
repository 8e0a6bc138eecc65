import NexoKit

/// Sources of the fixture libraries the loader tests build into their temporary directories.
/// They live in string literals so that SwiftPM does not compile them into the test target.
enum FixtureSources {
    /// A C library with no plugin symbols at all.
    static let noSymbolsC = """
        int nexo_fixture_answer(void) { return 42; }

        """

    /// A C library that claims an ABI this nexo does not have.
    static let wrongABIC = """
        int nexo_plugin_abi(void) { return 999; }
        void *nexo_plugin_create(void) { return 0; }

        """

    /// A C library that has the ABI symbol but no create symbol.
    static let noCreateC = """
        int nexo_plugin_abi(void) { return \(NexoABI.loaded); }
        int nexo_kit_sdk_marker(void) { return \(NexoABI.loaded); }

        """

    /// A Swift plugin compiled in one module *together with NexoKit's sources*
    /// (`swiftc -emit-library -parse-as-library -module-name StaticCopy <NexoKit sources> this`),
    /// so it carries its own static copy of the SDK and its own `nexo_kit_sdk_marker`.
    static let staticCopySwift = """
        // Same module as the copied NexoKit sources: no import.
        struct StaticCopyPlugin: NexoPlugin {
            var name: String { "static-copy" }
            var version: String { "1.0.0" }
            var summary: String { "A plugin that carries its own copy of NexoKit" }
            var schema: SchemaContribution { .empty }
            var commands: [Command] { [] }
        }

        @_cdecl("nexo_plugin_abi")
        public func nexoPluginABI() -> Int32 { NexoABI.compiledAgainst }

        @_cdecl("nexo_plugin_create")
        public func nexoPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retained(StaticCopyPlugin()) }

        """

    /// Text that is not a shared library, longer than an ELF header.
    static let garbage = String(repeating: "this is not a shared library, just text\n", count: 4)
}
