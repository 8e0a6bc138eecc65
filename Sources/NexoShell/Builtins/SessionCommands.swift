import NexoKit

/// `help`, `kinds`, `plugins`, `set` (in its own file), `history`, `exit`.
extension Builtins {
    /// The argument of `help`.
    enum Help {
        static let command = VariadicArgumentKey("command", .string, "Command words, e.g. case open", optional: true)
    }

    /// The option of `history`.
    enum History {
        static let limit = DefaultedOptionKey("limit", .int, "Only the last N", default: 50)
    }

    /// The argument of `kinds`.
    enum Kinds {
        static let kind = OptionalArgumentKey("kind", .string, "One entity or edge kind: its properties, one per row")
    }

    /// The argument of `exit`.
    enum Exit {
        static let status = OptionalArgumentKey("status", .int, "Exit status")
    }

    static func sessionCommands() -> [RegisteredCommand] {
        [
            session(
                CommandSpec(
                    ["help"], summary: "List commands, or show one command's usage",
                    arguments: [Help.command],
                    examples: ["help", "help case open"])
            ) { args, call in
                try HelpText.help(
                    for: args[Help.command], registry: call.catalog.registry, width: call.catalog.helpWidth)
            },
            session(
                CommandSpec(
                    ["kinds"], summary: "List entity and edge kinds with their properties, or one kind's",
                    arguments: [Kinds.kind],
                    examples: ["kinds", "kinds person", "kinds | where type = entity"])
            ) { args, call in
                if let kind = args[Kinds.kind] { return try HelpText.kind(kind, in: call.catalog.schema) }
                return HelpText.kinds(call.catalog.schema)
            },
            session(
                CommandSpec(
                    ["plugins"],
                    summary: "List plugins and their state: loaded, cached (not opened yet) or refused, and why",
                    examples: ["plugins", "plugins | where state = cached"])
            ) { _, call in
                call.catalog.pluginTable()
            },
            setCommand(),
            session(
                CommandSpec(
                    ["history"], summary: "Commands entered in this and earlier sessions, oldest first",
                    options: [History.limit],
                    examples: ["history --limit 10"])
            ) { args, call in
                let lines = call.session.state.history
                let limit = max(0, Int(args[History.limit]))
                let start = max(0, lines.count - limit)
                var table = ResultTable(columns: [Column("n", .int), Column("command", .string)])
                for i in start..<lines.count { table.append([.int(Int64(i + 1)), .string(lines[i])]) }
                return CommandResult(table: table)
            },
            session(
                CommandSpec(
                    ["exit"], summary: "Leave nexo",
                    arguments: [Exit.status],
                    examples: ["exit"])
            ) { args, call in
                call.session.state.exitRequest = Int32(clamping: args[Exit.status] ?? 0)
                return .empty
            },
        ]
    }
}
