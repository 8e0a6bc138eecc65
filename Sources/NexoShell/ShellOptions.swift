import NexoKit
import NexoOutput

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
    /// Whether to read the terminal's width again before each output (standard output is the terminal the user
    /// resizes), rather than keep ``terminalWidth``.
    public var followsTerminalWidth = false
    /// The pager for results that do not fit the screen (`$PAGER`, else `less -SFRX`): given only for the
    /// interactive REPL with standard output on a terminal. `nil` never pages: scripts, `-c`, standard input,
    /// output into a pipe or a file, `PAGER` set empty or to `cat`.
    public var pager: PagerCommand?
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
