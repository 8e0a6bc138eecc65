import NexoKit

/// What `nexo` was asked to do, parsed from its arguments.
///
/// Hand-written rather than built on an argument-parsing package: `nexo` starts for every
/// scripted query, and that package's dynamic casts and its Foundation dependency cost more
/// start-up time than the rest of the shell (measured in BENCHMARKS.md).
struct CommandLineOptions {
    enum Mode: Equatable {
        case interactive
        case run(file: String)
        case replay(file: String, verify: Bool)
        case help
        case version
    }

    var mode = Mode.interactive
    var db: String?
    var user: String?
    var pluginDirectories: [String] = []
    var noPlugins = false
    var onlyPlugins: [String] = []
    var trustManifest: String?
    var caseID: String?
    var format: String?
    var commands: String?
    /// Index in the arguments of the `-c` text, to read its bytes before any decoding.
    var commandsIndex: Int?
    var keepGoing = false
    var lenientEncoding = false
    var params: [String] = []

    /// A usage error, printed as `nexo: <message>` with exit status 2.
    struct UsageError: Error {
        var message: String
    }

    static let valued = ["db", "user", "plugin-dir", "plugin", "trust-manifest", "format", "param", "case"]
    static let flags = ["no-plugins", "keep-going", "verify", "lenient-encoding", "help", "version"]

    /// Parses arguments (without the program name). Options may come before or after the
    /// subcommand word; `--name=value` and `--name value` both work.
    static func parse(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
        var options = CommandLineOptions()
        var positionals: [String] = []
        var verify = false
        var index = 0
        func value(for name: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError(message: "option '\(name)' needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                positionals += arguments[(index + 1)...]
                break
            }
            if word == "-c" {
                options.commands = try value(for: "-c")
                options.commandsIndex = index
            } else if word == "-h" {
                options.mode = .help
            } else if word.hasPrefix("--") {
                var name = String(word.dropFirst(2))
                var attached: String?
                if let eq = name.firstIndex(of: "=") {
                    attached = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if valued.contains(name) {
                    let v: String
                    if let attached { v = attached } else { v = try value(for: "--\(name)") }
                    switch name {
                    case "db": options.db = v
                    case "user": options.user = v
                    case "plugin-dir": options.pluginDirectories.append(v)
                    case "plugin": options.onlyPlugins.append(v)
                    case "trust-manifest": options.trustManifest = v
                    case "format": options.format = v
                    case "case": options.caseID = v
                    default: options.params.append(v)
                    }
                } else if flags.contains(name) {
                    if attached != nil { throw UsageError(message: "flag '--\(name)' takes no value") }
                    switch name {
                    case "no-plugins": options.noPlugins = true
                    case "keep-going": options.keepGoing = true
                    case "verify": verify = true
                    case "lenient-encoding": options.lenientEncoding = true
                    case "help": options.mode = .help
                    default: options.mode = .version
                    }
                } else {
                    let hint =
                        Suggestions.closest(to: name, in: valued + flags).map { " Did you mean '--\($0)'?" } ?? ""
                    throw UsageError(message: "unknown option '--\(name)'.\(hint) See 'nexo --help'.")
                }
            } else if word.hasPrefix("-") && word.count > 1 {
                throw UsageError(message: "unknown option '\(word)'. See 'nexo --help'.")
            } else {
                positionals.append(word)
            }
            index += 1
        }
        if options.mode == .help || options.mode == .version { return options }
        switch positionals.first {
        case nil:
            break
        case "run":
            guard positionals.count == 2 else {
                throw UsageError(message: "usage: nexo run FILE [--param name=value]… [--keep-going]")
            }
            options.mode = .run(file: positionals[1])
        case "replay":
            guard positionals.count == 2 else { throw UsageError(message: "usage: nexo replay FILE [--verify]") }
            options.mode = .replay(file: positionals[1], verify: verify)
        case "repl":
            guard positionals.count == 1 else { throw UsageError(message: "usage: nexo [repl] [options]") }
        case let other?:
            let hint = Suggestions.didYouMean(other, in: ["run", "replay", "repl"]).map { " \($0)" } ?? ""
            throw UsageError(message: "unknown subcommand '\(other)'.\(hint) See 'nexo --help'.")
        }
        if verify, case .replay = options.mode {
        } else if verify {
            throw UsageError(message: "--verify applies to 'nexo replay FILE --verify'")
        }
        if options.commands != nil, options.mode != .interactive {
            throw UsageError(message: "-c cannot be combined with 'run' or 'replay'")
        }
        return options
    }

    static let help = """
        nexo — investigation workbench: a REPL and scripts over a shared graph store, extended by plugins.

        usage:
          nexo [options]                     REPL on a terminal; commands from standard input otherwise
          nexo [options] -c 'cmd; cmd'       run these commands and exit
          nexo [options] run FILE            run a script (--param name=value, --keep-going)
          nexo [options] replay FILE         re-run a recording (--verify: report changed results, exit 5)

        options:
          --db PATH              store file (default $NEXO_DB or ~/.nexo/nexo.db; :memory: for a scratch store)
          --user NAME            user recorded with every command (default $NEXO_USER, else $USER)
          --plugin-dir DIR       search DIR for plugins first (repeatable)
          --plugin NAME          load only this plugin (repeatable)
          --no-plugins           load no plugins
          --trust-manifest FILE  load only libraries whose SHA-256 is listed in FILE
          --case ID              work in this open case from the start (as 'case use ID')
          --format FORMAT        table, json, ndjson, csv or tsv
          --param NAME=VALUE     a variable for the commands (repeatable)
          --keep-going           continue after a failing command
          --lenient-encoding     replace invalid UTF-8 in the script (FILE, -c, standard input, replay) with
                                 U+FFFD and warn once, instead of refusing it with file:line:byte
                                 (imports have their own: import FILE --lenient-encoding)
          --help, --version

        exit statuses: 0 success, 1 command failed, 2 usage error, 3 not found, 4 denied,
        5 replay mismatch, 130 interrupted.
        """
}
