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
                    "\(manifestPath): a trust manifest needs a SHA-256 function and none was given; this is a bug in the host"
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
            guard let names = opened.entries() else {
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
    /// everything through that descriptor.
    private mutating func loadLibrary(_ name: String, in directory: borrowing FileSystem.OpenFile, at path: String) {
        do {
            let file = try directory.entry(name)
            loadLibrary(file, at: path)
        } catch {
            if error.isSymbolicLink {
                refuse(
                    path,
                    "\(path): a symbolic link, which nexo does not follow to a plugin; copy the library itself into the plugin directory"
                )
            } else {
                refuse(path, "\(path): cannot open it (\(error.message)); check its permissions")
            }
        }
    }

    /// The permission checks, the trust manifest's digest, the ELF check and `dlopen`, all on the
    /// open `file`, so the bytes checked are the bytes loaded.
    private mutating func loadLibrary(_ file: consuming FileSystem.OpenFile, at path: String) {
        guard let status = file.status(), status.isRegularFile else { return }
        if let problem = access.libraryProblem(path, status) {
            refuse(path, problem)
            return
        }
        if let manifest {
            guard let digest = configuration.digest?(file.descriptor) else {
                refuse(
                    path, "\(path): cannot compute its SHA-256 for the trust manifest; check that the file is readable")
                return
            }
            guard manifest.allows(digest: digest) else {
                refuse(
                    path,
                    "\(path): SHA-256 \(digest) is not in the trust manifest \(manifest.path); add it there if you trust this library"
                )
                return
            }
        }
        do {
            try ELFCheck.check(size: status.size) { offset, count throws(FileSystem.Failure) in
                try file.read(at: offset, count: count)
            }
        } catch {
            refuse(path, "\(path): \(error.reason)")
            return
        }
        let library: DynamicLibrary
        do { library = try DynamicLibrary.open(file, path: path) } catch {
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
            refuse(
                path,
                "\(path): plugin name '\(name)' is not lower-case letters, digits and dashes; fix the plugin's name",
                name: name)
            return
        }
        if !configuration.only.isEmpty && !configuration.only.contains(name) {
            refuse(
                path,
                "\(path): holds plugin '\(name)', which --plugin did not ask for; name the library after its plugin (lib<Name>.so)",
                name: name)
            return
        }
        if let first = pathByName[name] {
            refuse(
                path, "\(path): duplicate plugin name '\(name)' (already loaded from \(first)); remove one of the two",
                name: name)
            return
        }
        var own = Set<String>()
        for command in plugin.commands {
            let command = command.spec.name
            if !own.insert(command).inserted {
                refuse(
                    path, "\(path): plugin '\(name)' declares command '\(command)' twice; remove one declaration",
                    name: name)
                return
            }
            if configuration.reservedCommands.contains(command) {
                refuse(
                    path,
                    "\(path): plugin '\(name)' declares command '\(command)', which is built into nexo; rename the command",
                    name: name)
                return
            }
            if let owner = commandOwners[command] {
                refuse(
                    path,
                    "\(path): plugin '\(name)' declares command '\(command)', already provided by plugin '\(owner.plugin)' (\(owner.path)); load only one of them with --plugin",
                    name: name)
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
