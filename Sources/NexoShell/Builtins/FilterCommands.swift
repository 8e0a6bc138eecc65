import NexoKit
import NexoOutput

/// The pipe filters: `where`, `sort`, `limit`, `select`, `count`, `labels`, `format`.
extension Builtins {
    static func filterCommands() -> [RegisteredCommand] {
        [
            session(
                CommandSpec(
                    ["where"], summary: "Keep rows whose column compares true",
                    discussion:
                        "Operators: = != < <= > >= ~ (contains, any case) !~. The value is read as the column's type.",
                    arguments: [
                        ArgumentSpec("column", .string, "Column name"),
                        ArgumentSpec("op", .oneOf(TableFilters.operators), "Operator"),
                        ArgumentSpec("value", .string, "Value to compare with"),
                    ],
                    examples: ["find person perez | where label ~ maria"], input: .rows)
            ) { args, call in
                CommandResult(
                    table: try TableFilters.filter(
                        try call.requireInput("where"), column: args.string("column")!,
                        op: args.string("op")!, literal: args.string("value")!))
            },
            session(
                CommandSpec(
                    ["sort"], summary: "Sort rows by columns (-column for descending); stable",
                    arguments: [ArgumentSpec("columns", .string, "Columns, e.g. -score label", variadic: true)],
                    examples: ["find perez | sort -score id"], input: .rows)
            ) { args, call in
                CommandResult(
                    table: try TableFilters.sort(
                        try call.requireInput("sort"), by: args.all("columns").map(\.description)))
            },
            session(
                CommandSpec(
                    ["limit"], summary: "Keep the first N rows",
                    arguments: [ArgumentSpec("count", .int, "Number of rows")],
                    options: [OptionSpec("offset", .int, "Skip this many rows first", default: .int(0))],
                    examples: ["find perez | limit 5"], input: .rows)
            ) { args, call in
                let count = args.int("count")!, offset = args.int("offset") ?? 0
                guard count >= 0, offset >= 0 else {
                    throw NexoError(.usage, "limit and --offset must not be negative")
                }
                return CommandResult(
                    table: TableFilters.limit(try call.requireInput("limit"), Int(count), offset: Int(offset)))
            },
            session(
                CommandSpec(
                    ["select"], summary: "Keep only the named columns, in that order",
                    arguments: [ArgumentSpec("columns", .string, "Column names", variadic: true)],
                    examples: ["find perez | select id label"], input: .rows)
            ) { args, call in
                CommandResult(
                    table: try TableFilters.select(
                        try call.requireInput("select"), args.all("columns").map(\.description)))
            },
            session(
                CommandSpec(
                    ["count"], summary: "Count rows, or rows per value of a column",
                    options: [OptionSpec("by", .string, "Count per distinct value of this column")],
                    examples: ["neighbors P-1 --depth 2 | count --by kind"], input: .rows)
            ) { args, call in
                CommandResult(table: try TableFilters.count(try call.requireInput("count"), by: args.string("by")))
            },
            session(
                CommandSpec(
                    ["labels"], summary: "Show the names of entities next to their ids",
                    discussion: "Adds a <column>_label column after each entity column (or after the named ones), "
                        + "holding the entity's label: ids stay for pipes and scripts, names are there to read.",
                    arguments: [
                        ArgumentSpec(
                            "columns", .string, "Entity columns to label (default: all of them)",
                            optional: true, variadic: true)
                    ],
                    examples: ["smuggling route RT-1 | labels from to", "gang members MS-13 | labels"],
                    input: .rows)
            ) { args, call in
                CommandResult(
                    table: try TableFilters.labels(
                        try call.requireInput("labels"), args.all("columns").map(\.description)))
            },
            session(
                CommandSpec(
                    ["format"], summary: "Render the piped rows in a format",
                    arguments: [
                        ArgumentSpec(
                            "format", .oneOf(OutputFormat.allCases.map(\.rawValue)), "table, json, ndjson, csv or tsv")
                    ],
                    examples: ["find perez | format csv"], input: .rows)
            ) { args, call in
                call.shell.statementFormat = OutputFormat(rawValue: args.string("format")!)
                return CommandResult(table: try call.requireInput("format"))
            },
        ]
    }
}

extension SessionInvocation {
    /// The piped rows, or a usage error saying the filter needs a pipe.
    func requireInput(_ command: String) throws(NexoError) -> ResultTable {
        guard let input else {
            throw NexoError(.usage, "'\(command)' filters rows from a pipe", hint: "write: <command> | \(command) …")
        }
        return input
    }
}
