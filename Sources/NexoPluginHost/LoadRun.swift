import NexoFiles
import NexoKit

/// The state of one ``PluginLoader/load(_:)`` call: what loaded, what was refused, which names
/// and commands are taken.
struct LoadRun {
    let configuration: PluginLoader.Configuration
    private var loaded: [LoadedPlugin] = []
    private var refused: [RefusedPlugin] = []
    private var searched: [String] = []
    private var matchedNames: Set<String> = []
    private var pathByName: [String: String] = [:]
    private var commandOwners: [String: (plugin: String, path: String)] = [:]
    private var manifest: TrustManifest?
    private let access = WriteAccess.system

    init(configuration: PluginLoader.Configuration) {
        self.configuration = configuration
    }

    /// The result so far.
    var report: LoadReport {
        let missing = configuration.only.subtracting(matchedNames).sorted()
        return LoadReport(loaded: loaded, refused: refused, missing: missing, searched: searched)
    }

    /// Walks the search path and loads every candidate.
    mutating func run() {
        if let manifestPath = configuration.trustManifest {
            guard configuration.digest != nil else {
                refuse(
                    manifestPath,
                    "\(manifestPath): a trust manifest needs a SHA-256 function and none was given; this is a bug in "
                        + "the host"
                )
                return
            }
            do { manifest = try TrustManifest.read(manifestPath) } catch {
                refuse(manifestPath, error.reason) // fail closed: load nothing
                return
            }
        }
        var seen = Set<String>()
        for directory in PluginLoader.searchPath(configuration) {
            let path = directory.path
            let opened: FileSystem.OpenFile
            do { opened = try FileSystem.OpenFile(path, directory: true) } catch {
                if directory.origin.isExplicit { refuseDirectory(path, directory.origin, error) }
                continue
            }
            let resolved = opened.resolvedPath ?? path
            guard seen.insert(resolved).inserted else { continue }
            searched.append(path)
            guard let status = opened.status() else {
                refuse(path, "\(path): cannot read the plugin directory; check its permissions")
                continue
            }
            if let problem = access.directoryProblem(path, status) ?? access.ancestorProblem(path, resolved: resolved) {
                refuse(path, problem)
                continue
            }
            guard let names = opened.entries(prefix: "lib", suffix: ".so") else {
                refuse(path, "\(path): cannot read the plugin directory; check its permissions")
                continue
            }
            for name in names where PluginLoader.isCandidate(fileName: name) {
                if !configuration.only.isEmpty {
                    let wanted = configuration.only.filter { PluginLoader.libraryFileName(name, mayProvideAnyOf: [$0]) }
                    if wanted.isEmpty { continue }
                    matchedNames.formUnion(wanted)
                }
                loadLibrary(name, in: opened, at: PluginLoader.join(path, name))
            }
        }
    }

    private mutating func refuseDirectory(
        _ path: String, _ origin: PluginLoader.SearchDirectory.Origin, _ error: FileSystem.Failure
    ) {
        if error.isNotFound {
            refuse(path, "\(path): plugin directory not found (from \(origin.rawValue)); fix or remove that entry")
        } else if error.isNotDirectory {
            refuse(
                path,
                "\(path): not a directory (from \(origin.rawValue)); name the directory that holds the plugin libraries"
            )
        } else {
            refuse(path, "\(path): cannot open the plugin directory (\(error.message)); check its permissions")
        }
    }

    /// Opens the entry `name` of `directory` once, without following a symbolic link, and does
    /// everything through that descriptor: the checks, then either registration from the spec cache
    /// (when its entry is current; the library stays closed until a command of it runs) or the ELF
    /// check, `dlopen` and the handshake, after which the cache entry is written.
    private mutating func loadLibrary(_ name: String, in directory: borrowing FileSystem.OpenFile, at path: String) {
        let file: FileSystem.OpenFile
        do { file = try LibraryOpening.openEntry(name, in: directory, at: path) } catch {
            refuse(path, error.reason)
            return
        }
        let opening = LibraryOpening(access: access, manifest: manifest, digest: configuration.digest)
        let key: SpecCache.Key
        switch opening.vet(file, at: path) {
        case .skipped: return
        case .refused(let reason):
            refuse(path, reason)
            return
        case .accepted(let accepted): key = accepted
        }
        if let cache = configuration.cache, let description = cache.read(key) {
            let library = LazyLibrary(key: key, cached: description, opening: opening, cache: cache)
            register(LoadedPlugin(cachedFrom: library))
            return
        }
        switch opening.open(file, at: path, size: key.size) {
        case .refused(let reason): refuse(path, reason)
        case .plugin(let plugin):
            if register(LoadedPlugin(plugin: plugin, path: path)) {
                configuration.cache?.write(PluginDescription(of: plugin), for: key)
            }
        }
    }

    /// Registers `loaded` unless its name or commands are refused; whether it was registered.
    @discardableResult
    private mutating func register(_ loaded: LoadedPlugin) -> Bool {
        let plugin = loaded.plugin
        let path = loaded.path
        let name = plugin.name
        guard Self.isValidName(name) else {
            refuse(
                path,
                "\(path): plugin name '\(name)' is not lower-case letters, digits and dashes; fix the plugin's name",
                name: name)
            return false
        }
        if !configuration.only.isEmpty && !configuration.only.contains(name) {
            refuse(
                path,
                "\(path): holds plugin '\(name)', which --plugin did not ask for; name the library after its plugin "
                    + "(lib<Name>.so)",
                name: name)
            return false
        }
        if let first = pathByName[name] {
            refuse(
                path, "\(path): duplicate plugin name '\(name)' (already loaded from \(first)); remove one of the two",
                name: name)
            return false
        }
        var own = Set<String>()
        for words in loaded.commandPaths {
            let command = words.joined(separator: " ")
            if !own.insert(command).inserted {
                refuse(
                    path, "\(path): plugin '\(name)' declares command '\(command)' twice; remove one declaration",
                    name: name)
                return false
            }
            if configuration.reservedCommands.contains(command) {
                refuse(
                    path,
                    "\(path): plugin '\(name)' declares command '\(command)', which is built into nexo; rename the "
                        + "command",
                    name: name)
                return false
            }
            if let owner = commandOwners[command] {
                refuse(
                    path,
                    "\(path): plugin '\(name)' declares command '\(command)', already provided by plugin "
                        + "'\(owner.plugin)' (\(owner.path)); load only one of them with --plugin",
                    name: name)
                return false
            }
        }
        for command in own { commandOwners[command] = (name, path) }
        pathByName[name] = path
        self.loaded.append(loaded)
        return true
    }

    private mutating func refuse(_ path: String, _ reason: String, name: String? = nil) {
        refused.append(RefusedPlugin(path: path, name: name, reason: reason))
    }

    /// `^[a-z][a-z0-9-]*$`.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (0x61...0x7A).contains(first) else { return false }
        return name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }
}
