import NexoKit
import NexoLanguage
import NexoLineEditor
import NexoMatch
import NexoOutput
import NexoPluginHost
import NexoStore

/// How a shell is set up: the store, the user, plugins, output.
public struct ShellOptions {
    /// Store file (`:memory:` for a throw-away store).
    public var databasePath: String
    /// Whether the store's directory may be created when missing: only for Nexo's own default
    /// (`~/.nexo`); a missing directory named by the user is refused instead.
    public var createsStoreDirectory = false
    /// The user recorded with every run.
    public var user: String
    /// Extra plugin directories (`--plugin-dir`), searched first.
    public var pluginDirectories: [String] = []
    /// Load no plugins at all (`--no-plugins`).
    public var noPlugins = false
    /// Load only these plugins (`--plugin NAME`, repeatable); empty means all.
    public var onlyPlugins: Set<String> = []
    /// A trust manifest of `sha256  file` lines; when set, only listed libraries load.
    public var trustManifest: String?
    /// Directory of the running executable (plugins are searched there).
    public var executableDirectory: String
    /// Environment (for `NEXO_PLUGIN_PATH`, `HOME`).
    public var environment: [String: String]
    /// Clock for run timestamps.
    public var clock: any WallClock = SystemClock()
    /// Output format for the session, `nil` for the default (table on a terminal, tsv otherwise).
    public var format: OutputFormat?
    /// Whether standard output is a terminal (aligned tables, progress, colour).
    public var outputIsTerminal = false
    /// Terminal width, if known.
    public var terminalWidth: Int?
    /// Whether a background job may read standard input (`bio feed start -`): true when the
    /// script comes from `-c` or a file, false for the REPL and for a script read from stdin.
    public var standardInputIsFree = false
    /// What scripts, recordings, standard input and `-c` do with invalid UTF-8: refuse it
    /// (`file:line:byte`), or replace it and warn once (`--lenient-encoding`).
    public var encoding = EncodingPolicy.strict

    /// Creates options with the required fields.
    public init(databasePath: String, user: String, executableDirectory: String, environment: [String: String]) {
        self.databasePath = databasePath
        self.user = user
        self.executableDirectory = executableDirectory
        self.environment = environment
    }
}

/// One Nexo session: the store, the loaded plugins and commands, variables, the current case.
/// The REPL, `nexo run`, `nexo -c` and `replay` all drive a shell.
public final class Shell {
    let store: Store
    let options: ShellOptions
    let sink: any TextSink
    let policy: any AccessPolicy
    let egressGate: any EgressGate
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
    /// Binds command lines to the registered specs; built once, after every command is registered.
    private(set) var binder = Binder(specs: [])

    /// Session variables (`set`, `let`, `--param`).
    var variables: [String: Variable] = [:]
    /// Session output format (`set format`).
    var format: OutputFormat
    /// Format override for the statement being run (`--format`, `| format`).
    var statementFormat: OutputFormat?
    /// The case in use.
    var currentCase: CaseInfo?
    /// Set by `exit`.
    var exitRequest: Int32?
    /// The open recording, if any.
    var recorder: Recorder?
    /// Lines entered (REPL history, or statements run in this session).
    var historyLines: [String] = []
    /// Script nesting depth of `run`, to stop runaway recursion.
    var runDepth = 0
    /// Whether to print each statement's elapsed time to standard error (`set timing on`).
    var timing = false

    /// Opens the store, loads plugins, registers every command.
    public init(
        options: ShellOptions, sink: any TextSink = StandardStreams(),
        policy: any AccessPolicy = OpenAccessPolicy(), egressGate: any EgressGate = LocalExportGate()
    ) throws(NexoError) {
        self.options = options
        self.sink = sink
        self.policy = policy
        self.egressGate = egressGate
        jobHost = JobHost(standardInputIsFree: options.standardInputIsFree)
        format = options.format ?? (options.outputIsTerminal ? .table : .tsv)

        pluginReport = PluginLoader.load(
            PluginLoader.Configuration(
                directories: options.pluginDirectories, environment: options.environment,
                executableDirectory: options.executableDirectory, noPlugins: options.noPlugins,
                only: options.onlyPlugins, trustManifest: options.trustManifest,
                digest: { FileDigest.sha256(descriptor: $0) },
                reservedCommands: Set(Builtins.all(schema: Schema()).map(\.spec.name))))

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
        store = try Store.open(
            path: options.databasePath, schema: schema, creatingDirectory: options.createsStoreDirectory,
            isCancelled: { InterruptMonitor.shared.isInterrupted })
        // A command waiting for another writer's lock says so on standard error after a second.
        store.setBusyWait(BusyWait(notice: { StandardStreams.writeError($0 + "\n") }))

        for command in Builtins.all(schema: schema) { try registry.register(command) }
        var loadedPlugins: [LoadedPlugin] = []
        for loaded in accepted {
            let owner = CommandOwner(name: loaded.plugin.name, version: loaded.plugin.version)
            var trial = registry
            do {
                for command in loaded.plugin.commands {
                    try trial.register(
                        RegisteredCommand(spec: command.spec, owner: owner, action: .plugin(command.run)))
                }
                registry = trial
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
        binder = Binder(specs: registry.specs, globalOptions: Self.globalOptions)
    }

    /// The prompt: `nexo> ` or `nexo[CASE]> `.
    public var prompt: String { currentCase.map { "nexo[\($0.id)]> " } ?? "nexo> " }

    /// The `plugins` table: loaded first (by name), then refused (by path).
    func pluginTable() -> CommandResult {
        var table = ResultTable(columns: [
            Column("name", .string), Column("version", .string), Column("status", .string),
            Column("commands", .int), Column("path", .string), Column("reason", .string),
        ])
        for loaded in pluginReport.loaded.sorted(by: { $0.plugin.name < $1.plugin.name }) {
            table.append([
                .string(loaded.plugin.name), .string(loaded.plugin.version), .string("loaded"),
                .int(Int64(loaded.plugin.commands.count)), .string(loaded.path), .null,
            ])
        }
        for refusal in pluginReport.refused.sorted(by: { $0.path < $1.path }) {
            table.append([
                refusal.name.map(Value.string) ?? .null, .null, .string("refused"), .null,
                .string(refusal.path), .string(refusal.reason),
            ])
        }
        for name in pluginReport.missing.sorted() {
            table.append([
                .string(name), .null, .string("missing"), .null, .null,
                .string("no library for plugin '\(name)' in: \(pluginReport.searched.joined(separator: ", "))"),
            ])
        }
        return CommandResult(table: table)
    }

    /// `set`: settings (`format`) and variables.
    func set(_ name: String?, _ value: Value?) throws(NexoError) -> CommandResult {
        guard let name else {
            var table = ResultTable(columns: [Column("name", .string), Column("value", .string)])
            table.append([.string("format"), .string(format.rawValue)])
            table.append([.string("timing"), .string(timing ? "on" : "off")])
            table.append([.string("case"), currentCase.map { .string($0.id) } ?? .null])
            table.append([.string("user"), .string(options.user)])
            for key in variables.keys.sorted() {
                switch variables[key]! {
                case .value(let v): table.append([.string("$" + key), v])
                case .table(let t): table.append([.string("$" + key), .string("(\(t.rows.count) rows)")])
                }
            }
            return CommandResult(table: table)
        }
        guard let value else {
            throw NexoError(
                .usage, "set \(name) needs a value",
                hint: "e.g. set \(name == "format" ? "format json" : "\(name) 2026-01-01")")
        }
        if name == "format" {
            guard let f = OutputFormat(rawValue: value.description) else {
                throw NexoError(
                    .usage,
                    "unknown format '\(value)'; expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))",
                    hint: Suggestions.didYouMean(value.description, in: OutputFormat.allCases.map(\.rawValue)))
            }
            format = f
            return CommandResult(message: "format is \(f.rawValue)")
        }
        if name == "timing" {
            switch value.description {
            case "on", "true": timing = true
            case "off", "false": timing = false
            default: throw NexoError(.usage, "set timing takes on or off, not '\(value)'")
            }
            return CommandResult(message: "timing is \(timing ? "on" : "off")")
        }
        try VariableName.validate(name)
        variables[name] = .value(value)
        return .empty
    }
}

/// Rules for variable names.
enum VariableName {
    static func validate(_ name: String) throws(NexoError) {
        let ok =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "_"
            }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        if !ok {
            throw NexoError(
                .usage, "invalid variable name '\(name)'", hint: "use letters, digits and _, not starting with a digit")
        }
    }
}
