import NexoFiles
import NexoKit
import Synchronization

/// Where a plugin stands.
public enum PluginState: Sendable, Hashable, CustomStringConvertible {
    /// Registered from the spec cache; its library has not been opened yet.
    case cached
    /// Its library is open and verified.
    case loaded
    /// Its library was refused when opened on first use: the reason (starting with the path).
    case refused(String)

    /// `cached`, `loaded` or `refused: <reason>`.
    public var description: String {
        switch self {
        case .cached: "cached"
        case .loaded: "loaded"
        case .refused(let reason): "refused: \(reason)"
        }
    }
}

/// A plugin library registered from the spec cache: opened, and verified exactly as at start
/// (``LibraryOpening``), the first time one of its commands runs. A refusal then is final for the
/// session and is the error of every command of the plugin.
///
/// Should the opened plugin describe itself differently from the cache (it should not, the key
/// matched), the opened plugin wins: its commands run, and the cache entry is rewritten.
public final class LazyLibrary: Sendable {
    private enum Stage {
        case cached
        case loaded([[String]: Command])
        case refused(String)
    }

    /// The library's path on the search path.
    public let path: String
    /// What the cache said about it.
    public let cached: CachedDescription
    /// The key the cache entry was found under.
    private let key: SpecCache.Key
    private let opening: LibraryOpening
    private let cache: SpecCache?
    private let stage = Mutex(Stage.cached)

    init(key: SpecCache.Key, cached: CachedDescription, opening: LibraryOpening, cache: SpecCache?) {
        path = key.path
        self.key = key
        self.cached = cached
        self.opening = opening
        self.cache = cache
    }

    /// Where the plugin stands now.
    public var state: PluginState {
        stage.withLock { stage in
            switch stage {
            case .cached: .cached
            case .loaded: .loaded
            case .refused(let reason): .refused(reason)
            }
        }
    }

    /// The plugin's command at `path`, opening the library first if it is not open yet.
    /// - Throws: `plugin refused: <reason>` when the library fails verification.
    public func command(_ path: [String]) throws(NexoError) -> Command {
        let commands = try stage.withLock { stage throws(NexoError) -> [[String]: Command] in
            switch stage {
            case .loaded(let commands): return commands
            case .refused(let reason): throw Self.refusal(reason)
            case .cached:
                switch openAndVerify() {
                case .refused(let reason):
                    stage = .refused(reason)
                    throw Self.refusal(reason)
                case .plugin(let plugin):
                    let commands = Dictionary(
                        plugin.commands.map { ($0.spec.path, $0) }, uniquingKeysWith: { first, _ in first })
                    stage = .loaded(commands)
                    return commands
                }
            }
        }
        guard let command = commands[path] else {
            throw NexoError(
                .notFound,
                "plugin '\(cached.name)' no longer provides '\(path.joined(separator: " "))': "
                    + "its library \(self.path) changed since nexo started",
                hint: "start nexo again")
        }
        return command
    }

    private static func refusal(_ reason: String) -> NexoError {
        NexoError(.failed, "plugin refused: \(reason)")
    }

    /// Opens the library at ``path`` as the loader does at start and compares it with the cache.
    private func openAndVerify() -> LibraryOpening.Outcome {
        let (directoryPath, name) = FileWriter.split(path)
        let directory: FileSystem.OpenFile
        do { directory = try FileSystem.OpenFile(directoryPath, directory: true) } catch {
            return .refused("\(path): cannot open the plugin directory (\(error.message)); check its permissions")
        }
        let file: FileSystem.OpenFile
        do { file = try LibraryOpening.openEntry(name, in: directory, at: path) } catch {
            return .refused(error.reason)
        }
        let current: SpecCache.Key
        switch opening.vet(file, at: path) {
        case .accepted(let key): current = key
        case .refused(let reason): return .refused(reason)
        case .skipped: return .refused("\(path): no longer a regular file; put the library back or start nexo again")
        }
        let outcome = opening.open(file, at: path, size: current.size)
        if case .plugin(let plugin) = outcome {
            let real = PluginDescription(of: plugin)
            if real != cached.full || current != key { cache?.write(real, for: current) }
        }
        return outcome
    }
}

/// A plugin known from the spec cache: name, version, summary, schema and command specs come from
/// the cache; running a command opens the library (``LazyLibrary``). The host registers a cached
/// plugin's commands by path (``LoadedPlugin/commandPaths``) and decodes a spec when it needs it;
/// ``commands`` decodes them all (a command whose spec does not decode is left out).
struct CachedPlugin: NexoPlugin {
    let library: LazyLibrary

    var name: String { library.cached.name }
    var version: String { library.cached.version }
    var summary: String { library.cached.summary }
    var schema: SchemaContribution { library.cached.schema }
    var commands: [Command] {
        library.cached.commandPaths.indices.compactMap { index in library.command(at: index) }
    }
}

extension LazyLibrary {
    /// Command `index` of the cache entry: its spec decoded, its action opening the library on first
    /// use; `nil` when the spec does not decode.
    public func command(at index: Int) -> Command? {
        guard let spec = cached.spec(at: index) else { return nil }
        return Command(spec) { [self] arguments, context in
            try command(spec.path).run(arguments, context)
        }
    }
}
