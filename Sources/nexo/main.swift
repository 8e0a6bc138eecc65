import ArgumentParser
import Glibc
import NexoLineEditor
import NexoOutput
import NexoShell

/// Flags shared by every way of starting nexo.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Store file (default: $NEXO_DB or ~/.nexo/nexo.db; :memory: for a throw-away store).")
    var db: String?

    @Option(name: .long, help: "User recorded with every command (default: $NEXO_USER, else $USER).")
    var user: String?

    @Option(name: .customLong("plugin-dir"), help: "Directory to search for plugins first (repeatable).")
    var pluginDirectories: [String] = []

    @Flag(name: .customLong("no-plugins"), help: "Load no plugins (to recover from a plugin that crashes at load).")
    var noPlugins = false

    @Option(name: .customLong("plugin"), help: "Load only this plugin (repeatable).")
    var onlyPlugins: [String] = []

    @Option(name: .customLong("trust-manifest"), help: "Only load libraries whose SHA-256 is listed in this file.")
    var trustManifest: String?

    @Option(name: .long, help: "Output format: table, json, ndjson, csv or tsv.")
    var format: String?

    func shellOptions() throws -> ShellOptions {
        let environment = ProcessEnvironment.current
        let home = environment["HOME"] ?? "."
        let path = db ?? environment["NEXO_DB"] ?? "\(home)/.nexo/nexo.db"
        let who = user ?? environment["NEXO_USER"] ?? environment["USER"] ?? "analyst"
        var options = ShellOptions(databasePath: path, user: who, executableDirectory: ProcessEnvironment.executableDirectory,
                                   environment: environment)
        options.pluginDirectories = pluginDirectories
        options.noPlugins = noPlugins
        options.onlyPlugins = Set(onlyPlugins)
        options.trustManifest = trustManifest
        if let format {
            guard let parsed = OutputFormat(rawValue: format) else {
                throw ValidationError("unknown format '\(format)'; expected one of: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.format = parsed
        }
        if let fixed = environment["NEXO_CLOCK"] { options.clock = FixedClock(fixed) }
        options.outputIsTerminal = Terminal.isTerminal(1)
        options.terminalWidth = Terminal.width(1)
        return options
    }

    func makeShell() -> Shell {
        do {
            return try Shell(options: try shellOptions())
        } catch let error as ValidationError {
            printError("error: \(error.message)\n")
            Glibc.exit(ExitStatus.usage.rawValue)
        } catch {
            printError("error: \(error)\n")
            Glibc.exit(ExitStatus.failure.rawValue)
        }
    }
}

@main
struct Nexo: ParsableCommand {
    /// Lets global flags come before the subcommand (`nexo --db x.db run script.nexo`), as users
    /// type them: the first word that names a subcommand moves to the front.
    static func main() {
        let valued: Set<String> = ["--db", "--user", "--plugin-dir", "--plugin", "--trust-manifest", "--format", "-c", "--param"]
        var arguments = Array(CommandLine.arguments.dropFirst())
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { break }
            if valued.contains(word) { index += 2; continue }
            if word.hasPrefix("-") { index += 1; continue }
            if ["run", "replay", "repl"].contains(word) { arguments.insert(arguments.remove(at: index), at: 0) }
            break
        }
        main(arguments)
    }

    static let configuration = CommandConfiguration(
        commandName: "nexo",
        abstract: "Investigation workbench: a REPL and scripts over a shared graph store, extended by plugins.",
        discussion: """
            Exit statuses: 0 success, 1 command failed, 2 usage error, 3 not found, 4 denied, \
            5 replay mismatch, 130 interrupted.
            """,
        version: "0.1.0",
        subcommands: [Interactive.self, RunScript.self, Replay.self],
        defaultSubcommand: Interactive.self)
}

/// `nexo [-c TEXT]`: the REPL on a terminal, or commands from `-c` or standard input.
struct Interactive: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "repl", abstract: "Start the REPL (default), or run -c TEXT or standard input.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customShort("c"), help: "Run these commands (separated by ';') and exit.")
    var commands: String?

    @Flag(name: .customLong("keep-going"), help: "Continue after a failing command.")
    var keepGoing = false

    @Option(name: .customLong("param"), help: "A variable, name=value (repeatable).")
    var params: [String] = []

    func run() throws {
        let shell = global.makeShell()
        do { try shell.setParameters(params) } catch {
            printError("error: \(error)\n")
            Glibc.exit(ExitStatus.usage.rawValue)
        }
        if let commands {
            Glibc.exit(shell.finish(shell.run(source: commands, file: "-c", keepGoing: keepGoing)))
        }
        if !Terminal.isTerminal(0) {
            Glibc.exit(shell.finish(shell.run(source: ProcessEnvironment.readStandardInput(), file: "<stdin>", keepGoing: keepGoing)))
        }
        let home = ProcessEnvironment.current["HOME"] ?? "."
        let history = ProcessEnvironment.current["NEXO_HISTFILE"] ?? "\(home)/.nexo/history"
        Glibc.exit(shell.runREPL(historyFile: history))
    }
}

/// `nexo run FILE`: a script, non-interactive.
struct RunScript: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a script file of commands.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Script file (.nexo).")
    var file: String

    @Option(name: .customLong("param"), help: "A variable for the script, name=value (repeatable).")
    var params: [String] = []

    @Flag(name: .customLong("keep-going"), help: "Continue after a failing command.")
    var keepGoing = false

    func run() throws {
        let shell = global.makeShell()
        Glibc.exit(shell.finish(shell.runFile(file, params: params, keepGoing: keepGoing)))
    }
}

/// `nexo replay FILE [--verify]`.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Re-run a recording; with --verify, report commands whose results changed.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Recording written by 'record start'.")
    var file: String

    @Flag(help: "Compare each command's result with the recorded digest; exit 5 on any difference.")
    var verify = false

    func run() throws {
        let shell = global.makeShell()
        Glibc.exit(shell.finish(shell.replay(file: file, verify: verify)))
    }
}

/// Writes one diagnostic line to standard error.
func printError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
