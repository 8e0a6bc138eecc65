import Glibc
import NexoLineEditor
import NexoOutput
import NexoShell

/// Writes text to standard error.
private func printError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// The bytes of command-line argument `index` as given (`CommandLine.arguments` has replaced invalid UTF-8).
/// A function, not a closure in `main`: Swift 6 isolates that closure to the main actor, linking Concurrency.
private func argumentBytes(_ index: Int) -> [UInt8] {
    guard let argument = CommandLine.unsafeArgv[index] else { return [] }
    return Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
}

/// The `nexo` command. A synchronous `main` rather than top-level code: top-level code runs on the main
/// actor, which links the Concurrency runtime (and libdispatch) into every start that never uses them.
@main
enum Nexo {
    nonisolated static func main() {
        let parsed: CommandLineOptions
        do {
            parsed = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            printError("nexo: \(error.message)\n")
            exit(ExitStatus.usage.rawValue)
        }

        switch parsed.mode {
        case .help:
            print(CommandLineOptions.help)
            exit(0)
        case .version:
            print("nexo 0.1.0")
            exit(0)
        default:
            break
        }

        let environment = ProcessEnvironment.current
        let home = environment["HOME"] ?? "."
        let chosenDatabase = parsed.db ?? environment["NEXO_DB"]
        var options = ShellOptions(
            databasePath: chosenDatabase ?? "\(home)/.nexo/nexo.db",
            user: parsed.user ?? environment["NEXO_USER"] ?? environment["USER"] ?? "analyst",
            executableDirectory: ProcessEnvironment.executableDirectory, environment: environment)
        // Only Nexo's own default directory is created; a missing directory the user named is refused.
        options.createsStoreDirectory = chosenDatabase == nil
        options.pluginDirectories = parsed.pluginDirectories
        options.noPlugins = parsed.noPlugins
        options.onlyPlugins = Set(parsed.onlyPlugins)
        options.trustManifest = parsed.trustManifest
        options.encoding = parsed.lenientEncoding ? .lenient : .strict
        if let format = parsed.format {
            guard let chosen = OutputFormat(rawValue: format) else {
                printError(
                    "nexo: unknown format '\(format)'; expected one of: "
                        + "\(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))\n"
                )
                exit(ExitStatus.usage.rawValue)
            }
            options.format = chosen
        }
        if let fixed = environment["NEXO_CLOCK"] { options.clock = FixedClock(fixed) }
        options.outputIsTerminal = Terminal.isTerminal(1)
        options.terminalWidth = Terminal.width(1)
        options.followsTerminalWidth = options.outputIsTerminal
        // The pager is for a person at the REPL: not for -c, scripts, standard input, or output into a pipe or file.
        if parsed.mode == .interactive, parsed.commands == nil, Terminal.isTerminal(0), options.outputIsTerminal {
            options.pager = PagerCommand(environment: environment)
        }
        // A feed may read standard input only when nothing else does: not the REPL, not a script from stdin.
        switch parsed.mode {
        case .run, .replay: options.standardInputIsFree = true
        default: options.standardInputIsFree = parsed.commands != nil
        }

        let shell: Shell
        do {
            shell = try Shell(options: options)
            try shell.setParameters(parsed.params)
            if let caseID = parsed.caseID { try shell.useCase(caseID) }
        } catch {
            printError("error: \(error.description)\n")
            exit(ExitStatus(error.code).rawValue)
        }

        switch parsed.mode {
        case .run(let file):
            exit(shell.finish(shell.runFile(file, params: [], keepGoing: parsed.keepGoing)))
        case .replay(let file, let verify):
            exit(shell.finish(shell.replay(file: file, verify: verify)))
        default:
            if let index = parsed.commandsIndex {
                exit(
                    shell.finish(shell.run(bytes: argumentBytes(index + 1), source: "-c", keepGoing: parsed.keepGoing)))
            }
            if !Terminal.isTerminal(0) {
                exit(
                    shell.finish(
                        shell.run(
                            bytes: ProcessEnvironment.readStandardInput(), source: "<stdin>",
                            keepGoing: parsed.keepGoing)
                    ))
            }
            // As for the store, only Nexo's own default directory is created.
            exit(
                shell.runREPL(
                    historyFile: environment["NEXO_HISTFILE"] ?? "\(home)/.nexo/history",
                    creatingHistoryDirectory: environment["NEXO_HISTFILE"] == nil))
        }
    }
}
