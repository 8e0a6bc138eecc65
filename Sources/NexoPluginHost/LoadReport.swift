import NexoKit

/// A plugin the loader registered, and the library it came from: opened and verified, or known
/// from the spec cache and opened when one of its commands first runs.
public struct LoadedPlugin: Sendable {
    /// The plugin instance (for a cached plugin, one whose commands open the library on first use).
    public var plugin: any NexoPlugin
    /// Path of the library it was loaded from, as found on the search path.
    public var path: String
    /// The library behind a plugin registered from the spec cache, else `nil`.
    public var lazyLibrary: LazyLibrary?

    /// Creates a record of a loaded plugin.
    public init(plugin: any NexoPlugin, path: String) {
        self.plugin = plugin
        self.path = path
    }

    /// A plugin registered from the spec cache.
    init(cachedFrom library: LazyLibrary) {
        plugin = CachedPlugin(library: library)
        path = library.path
        lazyLibrary = library
    }

    /// The path of each of the plugin's commands, in its order: from the cache entry for a cached
    /// plugin (no spec decoded), else from its commands.
    public var commandPaths: [[String]] {
        lazyLibrary?.cached.commandPaths ?? plugin.commands.map(\.spec.path)
    }

    /// `cached` until a cached plugin's library is opened; `loaded` for an opened one; `refused`
    /// when opening it on first use failed.
    public var state: PluginState { lazyLibrary?.state ?? .loaded }
}

/// A library (or plugin directory, or trust manifest) the loader refused, and why.
public struct RefusedPlugin: Sendable, Hashable {
    /// Path of the refused library, directory or manifest.
    public var path: String
    /// The plugin's name when the refusal came after the plugin told it, else `nil`.
    public var name: String?
    /// One line: `<path>: <what is wrong>; <how to fix it>` (the fix follows a `;` or `:`).
    public var reason: String

    /// Creates a refusal.
    public init(path: String, name: String?, reason: String) {
        self.path = path
        self.name = name
        self.reason = reason
    }
}

/// What ``PluginLoader/load(_:)`` did: the plugins it loaded, in search-path order, and every
/// library or directory it refused, in the order met.
public struct LoadReport: Sendable {
    /// Plugins loaded, in the order found (search path order, then file name order).
    public var loaded: [LoadedPlugin]
    /// Refusals, in the order met.
    public var refused: [RefusedPlugin]
    /// Names asked for with `--plugin` that no library on the search path provided, sorted.
    public var missing: [String]
    /// The existing directories searched, in order (after removing repeats).
    public var searched: [String]

    /// Creates a report.
    public init(loaded: [LoadedPlugin], refused: [RefusedPlugin], missing: [String] = [], searched: [String] = []) {
        self.loaded = loaded
        self.refused = refused
        self.missing = missing
        self.searched = searched
    }
}
