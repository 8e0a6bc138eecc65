import NexoFiles
import NexoKit
import NexoLanguage
import NexoLineEditor
import NexoMatch
import NexoOutput
import NexoPluginHost
import NexoStore

/// One Nexo session: the store, the loaded plugins and commands, variables, the current case.
/// The REPL, `nexo run`, `nexo -c` and `replay` all drive a shell.
public final class Shell {
    /// The store once opened (see ``store``).
    private var openedStore: Store?
    let options: ShellOptions
    let sink: any TextSink
    /// The access policy and the egress gate.
    let guards: CommandGuards
    /// The match engine, made when a command first runs (not at start-up: scripts that never
    /// match pay nothing); its indexes fill from the store the first time a command uses them.
    /// Shared with background jobs, one locked call at a time.
    lazy var matchEngine = SharedEngine(MatchEngine())
    /// Background jobs (feeds) started in this session.
    let jobHost: JobHost
    private(set) var registry = CommandRegistry()
    private(set) var schema = Schema()
    private(set) var pluginReport: LoadReport
    private(set) var pluginOwners: [CommandOwner] = []
    /// Binds command lines to every registered spec: built when a call names no command (its error
    /// lists what comes next); a call that names one is bound with that command's spec alone.
    private(set) lazy var binder = Binder(
        specs: registry.specs, globalOptions: Self.globalOptions, homeDirectory: FileNames.homeDirectory())

    /// Variables, settings, the case in use, history, the exit request.
    var state: SessionState
    /// The open recording and the nesting of `run`.
    var scriptState = ScriptState()

    /// Loads plugins and registers every command; the store opens on first use (``store``).
    public init(
        options: ShellOptions, sink: any TextSink = StandardStreams(),
        policy: any AccessPolicy = OpenAccessPolicy(), egressGate: any EgressGate = LocalExportGate()
    ) throws(NexoError) {
        self.options = options
        self.sink = sink
        guards = CommandGuards(access: policy, egress: egressGate)
        jobHost = JobHost(standardInputIsFree: options.standardInputIsFree)
        state = SessionState(format: options.format ?? (options.outputIsTerminal ? .table : .tsv))

        pluginReport = PluginLoader.load(
            PluginLoader.Configuration(
                directories: options.pluginDirectories, environment: options.environment,
                executableDirectory: options.executableDirectory, noPlugins: options.noPlugins,
                only: options.onlyPlugins, trustManifest: options.trustManifest,
                digest: { FileDigest.sha256(descriptor: $0) },
                reservedCommands: Set(Builtins.all(schema: Schema()).map(\.spec.name)),
                cache: options.noPlugins ? nil : SpecCache.inHome(options.environment)))

        var schema = Schema()
        try schema.add(CoreSchema.contribution, from: CoreSchema.owner)
        var accepted: [LoadedPlugin] = []
        var refused = pluginReport.refused
        for loaded in pluginReport.loaded {
            var trial = schema
            do {
                try trial.add(loaded.plugin.schema, from: loaded.plugin.name)
                schema = trial
                accepted.append(loaded)
            } catch {
                refused.append(
                    RefusedPlugin(
                        path: loaded.path, name: loaded.plugin.name, reason: "\(loaded.path): \(error.description)"))
            }
        }
        self.schema = schema

        let builtins = Builtins.all(schema: schema)
        registry.reserve(
            builtins.count
                + accepted.reduce(0) { $0 + ($1.lazyLibrary?.cached.commandPaths.count ?? $1.plugin.commands.count) })
        for command in builtins { try registry.register(command) }
        var loadedPlugins: [LoadedPlugin] = []
        for loaded in accepted {
            let owner = CommandOwner(name: loaded.plugin.name, version: loaded.plugin.version)
            do {
                var group: [RegisteredCommand] = []
                if let library = loaded.lazyLibrary {
                    // Registered by path; each spec is decoded when first needed.
                    for (index, path) in library.cached.commandPaths.enumerated() {
                        let run: @Sendable (ParsedArguments, CommandContext) throws -> CommandResult = {
                            arguments, context in try library.command(path).run(arguments, context)
                        }
                        group.append(
                            RegisteredCommand(cached: library.cached, index: index, owner: owner, action: .plugin(run)))
                    }
                } else {
                    for command in loaded.plugin.commands {
                        group.append(RegisteredCommand(spec: command.spec, owner: owner, action: .plugin(command.run)))
                    }
                }
                // All of a plugin's commands or none: a clash refuses the plugin.
                try registry.register(all: group)
                loadedPlugins.append(loaded)
                pluginOwners.append(owner)
            } catch {
                refused.append(
                    RefusedPlugin(
                        path: loaded.path, name: loaded.plugin.name, reason: "\(loaded.path): \(error.description)"))
            }
        }
        pluginReport = LoadReport(
            loaded: loadedPlugins, refused: refused, missing: pluginReport.missing,
            searched: pluginReport.searched)
        // Announced in every mode, not only in `plugins`: a refused plugin's commands are missing.
        for refusal in refused { sink.err("warning: plugin refused: \(refusal.reason)\n") }
    }

    /// The store, opened (created and migrated when needed) the first time a command uses it, so a
    /// start that runs no store command (`nexo -c ''`, `help`, `plugins`) never opens it. A store
    /// that cannot be opened fails the command that needed it, with the reason; the next command
    /// tries again. The REPL opens it before its first prompt (see ``openStore()``).
    var store: Store {
        get throws(NexoError) {
            if let openedStore { return openedStore }
            let opened = try Store.open(
                path: options.databasePath, schema: schema, creatingDirectory: options.createsStoreDirectory,
                isCancelled: { InterruptMonitor.shared.isInterrupted })
            // A command waiting for another writer's lock says so on standard error after a second.
            opened.setBusyWait(BusyWait(notice: { StandardStreams.writeError($0 + "\n") }))
            openedStore = opened
            return opened
        }
    }

    /// Opens the store now rather than at its first use: the REPL does, so a wrong `--db` shows before
    /// the first prompt.
    public func openStore() throws(NexoError) { _ = try store }

    /// Closes the store if it was opened (SQLite folds the write-ahead log back into the database).
    func closeStore() { openedStore?.close() }

    /// The prompt: `nexo> ` or `nexo[CASE]> `.
    public var prompt: String { state.currentCase.map { "nexo[\($0.id)]> " } ?? "nexo> " }

    /// The `plugins` table: accepted plugins first (by name), then refused (by path), then missing.
    /// `status` says whether the plugin can be used (`available`, `refused`, `missing`); `state`
    /// whether its library is open (`loaded`), known from the spec cache and not opened yet
    /// (`cached`), or was refused (`refused: <reason>`, also when opening it on first use failed).
    var helpWidth: Int? { options.outputIsTerminal ? terminalWidth : nil }

    func pluginTable() -> CommandResult {
        var table = ResultTable(columns: [
            Column("name", .string), Column("version", .string), Column("status", .string),
            Column("commands", .int), Column("path", .string), Column("reason", .string), Column("state", .string),
        ])
        for loaded in pluginReport.loaded.sorted(by: { $0.plugin.name < $1.plugin.name }) {
            let state = loaded.state
            var reason = Value.null
            if case .refused(let text) = state { reason = .string(text) }
            table.append([
                .string(loaded.plugin.name), .string(loaded.plugin.version),
                .string(reason.isNull ? "available" : "refused"), .int(Int64(loaded.commandPaths.count)),
                .string(loaded.path), reason, .string(state.description),
            ])
        }
        for refusal in pluginReport.refused.sorted(by: { $0.path < $1.path }) {
            table.append([
                refusal.name.map(Value.string) ?? .null, .null, .string("refused"), .null,
                .string(refusal.path), .string(refusal.reason), .string("refused: \(refusal.reason)"),
            ])
        }
        for name in pluginReport.missing.sorted() {
            table.append([
                .string(name), .null, .string("missing"), .null, .null,
                .string("no library for plugin '\(name)' in: \(pluginReport.searched.joined(separator: ", "))"),
                .string("missing"),
            ])
        }
        return CommandResult(table: table)
    }
}
