import NexoKit

/// Finds, checks and loads plugin libraries.
///
/// The search path, in order (the first library to provide a plugin name wins; later ones with the
/// same name are refused as duplicates):
///
/// 1. each `--plugin-dir` directory, in the order given;
/// 2. each directory of `$NEXO_PLUGIN_PATH` (separated by `:`);
/// 3. `<executable directory>/plugins`;
/// 4. `<executable directory>`;
/// 5. `~/.nexo/plugins`.
///
/// In each directory the candidates are the files named `lib*.so` (except the SDK's own
/// `libNexoKit.so` and Swift runtime libraries), taken in byte order of their names. Whoever can
/// change a library, its directory or a directory above that can run code as the user, so such
/// places are refused (see `WriteAccess`), and so are symbolic links. With a trust manifest, a
/// library whose SHA-256 is not listed is refused before it is loaded. A file that is not a
/// complete ELF library for this machine is refused before `dlopen` (see `ELFCheck`). See
/// ``load(_:)`` for the handshake. With a ``SpecCache``, a library whose cache entry is current is
/// registered from it and opened only when one of its commands runs (``LazyLibrary``).
public enum PluginLoader {
    /// How to load plugins.
    public struct Configuration: Sendable {
        /// Directories given with `--plugin-dir`, searched first, in order.
        public var directories: [String]
        /// The process environment; `NEXO_PLUGIN_PATH` and `HOME` are read from it.
        public var environment: [String: String]
        /// Directory of the running executable (`<dir>/plugins` and `<dir>` are searched), or `nil`.
        public var executableDirectory: String?
        /// Load nothing (`--no-plugins`).
        public var noPlugins: Bool
        /// Load only the plugins with these names (`--plugin NAME`, repeatable); empty means all.
        /// Libraries whose file name cannot hold one of them are not even opened: see
        /// ``libraryFileName(_:mayProvideAnyOf:)``.
        public var only: Set<String>
        /// Path of a trust manifest (`sha256sum` format); when set, only listed libraries load.
        public var trustManifest: String?
        /// Computes the lower-case hex SHA-256 of the whole file open on a file descriptor, read with
        /// `pread(2)` from offset 0 (`nil` when unreadable): the loader hashes the descriptor it then
        /// loads the library through. Required when ``trustManifest`` is set.
        public var digest: (@Sendable (Int32) -> String?)?
        /// Command names (`find`, `link add`) already taken by the host; a plugin declaring one of
        /// them is refused.
        public var reservedCommands: Set<String>
        /// The spec cache, or `nil` to open every library at start (and write no cache).
        public var cache: SpecCache?

        /// Creates a configuration.
        public init(
            directories: [String] = [], environment: [String: String] = [:],
            executableDirectory: String? = nil, noPlugins: Bool = false, only: Set<String> = [],
            trustManifest: String? = nil, digest: (@Sendable (Int32) -> String?)? = nil,
            reservedCommands: Set<String> = [], cache: SpecCache? = nil
        ) {
            self.directories = directories
            self.environment = environment
            self.executableDirectory = executableDirectory
            self.noPlugins = noPlugins
            self.only = only
            self.trustManifest = trustManifest
            self.digest = digest
            self.reservedCommands = reservedCommands
            self.cache = cache
        }
    }

    /// A directory on the search path and why it is there.
    public struct SearchDirectory: Sendable, Hashable {
        /// Why a directory is on the search path.
        public enum Origin: String, Sendable, Hashable {
            /// Given with `--plugin-dir`.
            case option = "--plugin-dir"
            /// Listed in `$NEXO_PLUGIN_PATH`.
            case environment = "NEXO_PLUGIN_PATH"
            /// `<executable directory>/plugins` or `<executable directory>`.
            case executable = "the executable's directory"
            /// `~/.nexo/plugins`.
            case home = "~/.nexo/plugins"

            /// Whether the user named the directory explicitly (a missing one is then reported).
            public var isExplicit: Bool { self == .option || self == .environment }
        }

        /// The directory path as given or derived.
        public var path: String
        /// Where it came from.
        public var origin: Origin

        /// Creates a search directory.
        public init(path: String, origin: Origin) {
            self.path = path
            self.origin = origin
        }
    }

    /// The search path for `configuration`, in order, before removing repeats and missing directories.
    public static func searchPath(_ configuration: Configuration) -> [SearchDirectory] {
        var result = configuration.directories.filter { !$0.isEmpty }.map { SearchDirectory(path: $0, origin: .option) }
        if let list = configuration.environment["NEXO_PLUGIN_PATH"] {
            result += list.split(separator: ":").map { SearchDirectory(path: String($0), origin: .environment) }
        }
        if let exe = configuration.executableDirectory, !exe.isEmpty {
            result.append(SearchDirectory(path: join(exe, "plugins"), origin: .executable))
            result.append(SearchDirectory(path: exe, origin: .executable))
        }
        if let home = configuration.environment["HOME"], !home.isEmpty {
            result.append(SearchDirectory(path: join(join(home, ".nexo"), "plugins"), origin: .home))
        }
        return result
    }

    /// File name of the shared SDK library every plugin links.
    public static let sdkLibraryName = "libNexoKit.so"

    /// Libraries of the SDK itself that sit next to plugins in a build directory and are never plugins.
    public static let sdkLibraries: Set<String> = [sdkLibraryName, "libNexoKitTesting.so"]

    /// Name prefixes of the Swift runtime and toolchain libraries (`libswiftCore.so`,
    /// `libFoundationEssentials.so`, `lib_TestingInterop.so`…) that a self-contained installation
    /// may ship next to the executable. They are never plugins and are not opened.
    public static let runtimeLibraryPrefixes = [
        "libswift", "lib_", "libFoundation", "libdispatch", "libBlocksRuntime", "libXCTest", "libTesting",
    ]

    /// Whether a file name is a plugin candidate: `lib*.so`, not one of ``sdkLibraries``, not a
    /// runtime library (``runtimeLibraryPrefixes``).
    public static func isCandidate(fileName: String) -> Bool {
        fileName.hasPrefix("lib") && fileName.hasSuffix(".so") && fileName.count > 6
            && !sdkLibraries.contains(fileName) && !runtimeLibraryPrefixes.contains(where: fileName.hasPrefix)
    }

    /// Whether a library file may hold one of `names`, judged from the file name alone so that
    /// `--plugin NAME` opens no other library (a plugin that crashes while loading cannot be caught).
    ///
    /// Letters are compared without case, dashes and underscores: plugin `gang-records` matches
    /// `libGangRecords.so`, `libNexoGangRecords.so` and `libgang_records.so`.
    public static func libraryFileName(_ fileName: String, mayProvideAnyOf names: Set<String>) -> Bool {
        var stem = folded(String(fileName.dropFirst(3).dropLast(3)))
        let candidates = Set(names.map(folded))
        if candidates.contains(stem) { return true }
        if stem.hasPrefix("nexo") { stem.removeFirst(4) }
        return candidates.contains(stem)
    }

    private static func folded(_ text: String) -> String {
        NameFolding.fold(text).filter { $0 != "-" && $0 != "_" }
    }

    /// Loads the plugins on the search path.
    ///
    /// For each candidate library, all through one descriptor opened without following a symbolic
    /// link: the permission checks, the trust manifest's digest, the ELF check, then `dlopen` of that
    /// descriptor (`/proc/self/fd/N`, so the bytes hashed are the bytes loaded), then the handshake —
    /// `nexo_plugin_abi` must exist and return ``NexoABI/loaded``; the library must
    /// resolve NexoKit's marker symbol to the same address as this process (no static SDK copy);
    /// `nexo_plugin_create` must return a plugin boxed by this NexoKit. Then the plugin's name
    /// must be valid and new, and its command names must be free. Every refusal is one line naming
    /// the file and the fix. Never throws and never stops early: one bad library refuses only itself.
    ///
    /// With ``Configuration/cache``, the checks up to the trust manifest run at start; a library
    /// whose cache entry is current is then registered from the cache, and the rest of the checks
    /// run when one of its commands first runs. Others are opened now and their entry written.
    ///
    /// Libraries whose plugin was created stay loaded for the life of the process.
    public static func load(_ configuration: Configuration) -> LoadReport {
        guard !configuration.noPlugins else { return LoadReport(loaded: [], refused: []) }
        var run = LoadRun(configuration: configuration)
        run.run()
        return run.report
    }

    /// `directory/name`, without doubling a trailing `/`.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
