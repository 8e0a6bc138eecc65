import NexoKit
import NexoOutput

/// `set [NAME [VALUE]]`: session settings (`format`, `timing`, `display`, `pager`) and variables.
extension Builtins {
    /// Arguments of `set`.
    enum SetCommand {
        static let name = OptionalArgumentKey("name", .string, "Setting or variable name")
        static let value = OptionalArgumentKey("value", .string, "Value")
    }

    static func setCommand() -> RegisteredCommand {
        session(
            CommandSpec(
                ["set"],
                summary: "Set a session setting (format, timing, display, pager) or a variable; without arguments, "
                    + "list them",
                discussion:
                    "Settings:\n"
                    + "  format table|json|ndjson|csv|tsv  how results print (a command's --format overrides it once)\n"
                    + "  timing on|off                     print each command's wall time after it\n"
                    + "  display horizontal|vertical       tables as rows, or one field per line (psql's \\x)\n"
                    + "  pager on|off|always               in the REPL on a terminal, results longer than the screen\n"
                    + "                                    (or wider, for less -S) go through $PAGER (default\n"
                    + "                                    less -SFRX; PAGER= or cat: none); always: every result\n"
                    + "Any other name is a variable, used as $name in later commands (let binds a result table).",
                arguments: [SetCommand.name, SetCommand.value],
                examples: [
                    "set format json", "set timing on", "set display vertical", "set pager off", "set since 2026-01-01",
                ])
        ) { args, call in
            try call.session.state.set(args[SetCommand.name], args[SetCommand.value].map(Value.string), user: call.user)
        }
    }
}

extension SessionState {
    /// The session settings `set` takes, each with the values it offers (completion, help).
    static let settingValues: [(name: String, values: [String])] = [
        ("display", ["horizontal", "vertical"]), ("format", OutputFormat.allCases.map(\.rawValue)),
        ("pager", PagerMode.allCases.map(\.rawValue)), ("timing", ["off", "on"]),
    ]

    /// `set`: without a name, lists the settings and variables (`user` is the session's user);
    /// with one, sets `format`, `timing`, `display`, `pager` or the variable `name` to `value`.
    mutating func set(_ name: String?, _ value: Value?, user: String) throws(NexoError) -> CommandResult {
        guard let name else { return listing(user: user) }
        guard let value else {
            throw NexoError(
                .usage, "set \(name) needs a value",
                hint: "e.g. set \(name == "format" ? "format json" : "\(name) 2026-01-01")")
        }
        switch name {
        case "format":
            let names = OutputFormat.allCases.map(\.rawValue)
            guard let chosen = OutputFormat(rawValue: value.description) else {
                throw NexoError(
                    .usage, "unknown format '\(value)'; expected one of: \(names.joined(separator: ", "))",
                    hint: Suggestions.didYouMean(value.description, in: names))
            }
            format = chosen
            return CommandResult(message: "format is \(chosen.rawValue)")
        case "display":
            switch value.description {
            case "vertical": vertical = true
            case "horizontal", "table": vertical = false
            default: throw NexoError(.usage, "set display takes vertical or horizontal, not '\(value)'")
            }
            return CommandResult(message: "display is \(vertical ? "vertical" : "horizontal")")
        case "pager":
            switch value.description {
            case "on", "true": pager = .on
            case "off", "false": pager = .off
            case "always": pager = .always
            default: throw NexoError(.usage, "set pager takes on, off or always, not '\(value)'")
            }
            // Turning it on tries a pager that could not be started again.
            if pager != .off { pagerFailedToStart = false }
            return CommandResult(message: "pager is \(pager.rawValue)")
        case "timing":
            switch value.description {
            case "on", "true": timing = true
            case "off", "false": timing = false
            default: throw NexoError(.usage, "set timing takes on or off, not '\(value)'")
            }
            return CommandResult(message: "timing is \(timing ? "on" : "off")")
        case "case":
            // Listed beside the settings, but changed by its own commands: a variable named so would hide that.
            throw NexoError(
                .usage, "the case in use is not a setting", hint: "use 'case use \(value)' (or 'case open \(value)')")
        case "user":
            throw NexoError(
                .usage, "the user is fixed for the session", hint: "start nexo with --user NAME (or NEXO_USER)")
        default:
            try VariableName.validate(name)
            variables[name] = .value(value)
            return .empty
        }
    }

    /// The `set` table: settings first, then variables by name.
    private func listing(user: String) -> CommandResult {
        var table = ResultTable(columns: [Column("name", .string), Column("value", .string)])
        table.append([.string("format"), .string(format.rawValue)])
        table.append([.string("timing"), .string(timing ? "on" : "off")])
        table.append([.string("display"), .string(vertical ? "vertical" : "horizontal")])
        table.append([.string("pager"), .string(pager.rawValue)])
        table.append([.string("case"), currentCase.map { .string($0.id) } ?? .null])
        table.append([.string("user"), .string(user)])
        for (key, variable) in variables.sorted(by: { $0.key < $1.key }) {
            switch variable {
            case .value(let v): table.append([.string("$" + key), v])
            case .table(let t): table.append([.string("$" + key), .string("(\(t.rowCount) rows)")])
            }
        }
        return CommandResult(table: table)
    }
}
