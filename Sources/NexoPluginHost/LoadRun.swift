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
                refuse(manifestPath, "\(manifestPath): a trust manifest needs a SHA-256 function and none was given; this is a bug in the host")
                return
            }
            do { manifest = try TrustManifest.read(manifestPath) } catch {
                refuse(manifestPath, error.reason)  // fail closed: load nothing
                return
            }
        }
        var seen = Set<String>()
        for directory in PluginLoader.searchPath(configuration) {
            let path = directory.path
            guard let status = FileSystem.status(path) else {
                if directory.origin.isExplicit {
                    refuse(path, "\(path): plugin directory not found (from \(directory.origin.rawValue)); fix or remove that entry")
                }
                continue
            }
            guard status.isDirectory else {
                if directory.origin.isExplicit {
                    refuse(path, "\(path): not a directory (from \(directory.origin.rawValue)); name the directory that holds the plugin libraries")
                }
                continue
            }
            guard seen.insert(FileSystem.canonicalPath(path) ?? path).inserted else { continue }
            searched.append(path)
            if status.isGroupWritable || status.isOthersWritable {
                refuse(path, "\(path): plugin directory is writable by group or others (mode \(status.permissions)); run 'chmod go-w \(path)'")
                continue
            }
            guard let names = FileSystem.entries(of: path) else {
                refuse(path, "\(path): cannot read the plugin directory; check its permissions")
                continue
            }
            for name in names where PluginLoader.isCandidate(fileName: name) {
                if !configuration.only.isEmpty {
                    let wanted = configuration.only.filter { PluginLoader.libraryFileName(name, mayProvideAnyOf: [$0]) }
                    if wanted.isEmpty { continue }
                    matchedNames.formUnion(wanted)
                }
                loadLibrary(at: PluginLoader.join(path, name))
            }
        }
    }

    private mutating func loadLibrary(at path: String) {
        guard let status = FileSystem.status(path), status.isRegularFile else { return }
        if status.isOthersWritable {
            refuse(path, "\(path): writable by others (mode \(status.permissions)); run 'chmod o-w \(path)'")
            return
        }
        if let manifest {
            guard let digest = configuration.digest?(path) else {
                refuse(path, "\(path): cannot compute its SHA-256 for the trust manifest; check that the file is readable")
                return
            }
            guard manifest.allows(digest: digest) else {
                refuse(path, "\(path): SHA-256 \(digest) is not in the trust manifest \(manifest.path); add it there if you trust this library")
                return
            }
        }
        let library: DynamicLibrary
        do { library = try DynamicLibrary.open(path) } catch {
            refuse(path, "\(path): not loadable: \(error.message); rebuild it or remove it from the plugin directory")
            return
        }
        switch Handshake.perform(library) {
        case .refused(let reason):
            library.unloadIfForeign()
            refuse(path, "\(path): \(reason)")
        case .plugin(let plugin):
            // From here on the library stays loaded: the plugin's code and metadata live in it.
            register(plugin, from: path)
        }
    }

    private mutating func register(_ plugin: any NexoPlugin, from path: String) {
        let name = plugin.name
        guard Self.isValidName(name) else {
            refuse(path, "\(path): plugin name '\(name)' is not lower-case letters, digits and dashes; fix the plugin's name", name: name)
            return
        }
        if !configuration.only.isEmpty && !configuration.only.contains(name) {
            refuse(path, "\(path): holds plugin '\(name)', which --plugin did not ask for; name the library after its plugin (lib<Name>.so)", name: name)
            return
        }
        if let first = pathByName[name] {
            refuse(path, "\(path): duplicate plugin name '\(name)' (already loaded from \(first)); remove one of the two", name: name)
            return
        }
        var own = Set<String>()
        for command in plugin.commands {
            let command = command.spec.name
            if !own.insert(command).inserted {
                refuse(path, "\(path): plugin '\(name)' declares command '\(command)' twice; remove one declaration", name: name)
                return
            }
            if configuration.reservedCommands.contains(command) {
                refuse(path, "\(path): plugin '\(name)' declares command '\(command)', which is built into nexo; rename the command", name: name)
                return
            }
            if let owner = commandOwners[command] {
                refuse(path, "\(path): plugin '\(name)' declares command '\(command)', already provided by plugin '\(owner.plugin)' (\(owner.path)); load only one of them with --plugin", name: name)
                return
            }
        }
        for command in own { commandOwners[command] = (name, path) }
        pathByName[name] = path
        loaded.append(LoadedPlugin(plugin: plugin, path: path))
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
