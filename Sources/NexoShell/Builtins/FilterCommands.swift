import NexoKit
import NexoOutput

/// The pipe filters: `where`, `sort`, `limit`, `select`, `count`, `labels`, `format`.
extension Builtins {
    /// Arguments of `where`.
    enum Where {
        static let column = ArgumentKey("column", .string(completing: .inputColumns), "Column name")
        static let op = ArgumentKey("op", .oneOf(TableFilters.operators), "Operator")
        static let value = VariadicArgumentKey(
            "value", .string, "Value to compare with; after in or !in, a list: (a, b, c)")
    }

    /// The argument of `sort`.
    enum Sort {
        static let columns = VariadicArgumentKey(
            "columns", .string(completing: .sortKeys), "Columns, e.g. -score label")
    }

    /// Argument and option of `limit`.
    enum Limit {
        static let count = ArgumentKey("count", .int, "Number of rows")
        static let offset = DefaultedOptionKey("offset", .int, "Skip this many rows first", default: 0)
    }

    /// The argument of `select`.
    enum Select {
        static let columns = VariadicArgumentKey("columns", .string(completing: .inputColumns), "Column names")
    }

    /// The option of `count`.
    enum Count {
        static let by = OptionKey(
            "by", .string(completing: .inputColumns), "Count per distinct value of this column")
    }

    /// The argument of `labels`.
    enum Labels {
        static let columns = VariadicArgumentKey(
            "columns", .string(completing: .inputColumns), "Entity columns to label (default: all of them)",
            optional: true)
    }

    /// The argument of the `format` filter.
    enum Format {
        static let format = ArgumentKey(
            "format", .oneOf(OutputFormat.allCases.map(\.rawValue)), "table, json, ndjson, csv or tsv")
    }

    static func filterCommands() -> [RegisteredCommand] {
        [
            session(
                CommandSpec(
                    ["where"], summary: "Keep rows whose column compares true",
                    discussion:
                        "Operators: = != < <= > >= ~ (contains, any case) !~, and in / !in with a list of values "
                        + "in parentheses, separated by commas. The value is read as the column's type.",
                    arguments: [Where.column, Where.op, Where.value],
                    examples: [
                        "find person perez | where label ~ maria", "kinds | where kind in (person, group, phone)",
                    ], input: .rows, columns: .input)
            ) { args, call in
                let op = try args[Where.op]
                let words = args[Where.value]
                let table = try call.requireInput("where")
                if op == "in" || op == "!in" {
                    return CommandResult(
                        table: try TableFilters.filter(
                            table, column: try args[Where.column], isIn: op == "in",
                            list: try TableFilters.list(words.joined(separator: " "))))
                }
                guard words.count == 1 else {
                    throw NexoError(
                        .usage, "'where' compares with one value; \(words.count) were given",
                        hint: "quote a value with spaces (where label = \"Ana Pérez\"), or use in (a, b, c)")
                }
                return CommandResult(
                    table: try TableFilters.filter(table, column: try args[Where.column], op: op, literal: words[0]))
            },
            session(
                CommandSpec(
                    ["sort"], summary: "Sort rows by columns (-column for descending); stable",
                    arguments: [Sort.columns],
                    examples: ["find perez | sort -score id"], input: .rows, columns: .input)
            ) { args, call in
                CommandResult(
                    table: try TableFilters.sort(
                        try call.requireInput("sort"), by: args[Sort.columns]))
            },
            session(
                CommandSpec(
                    ["limit"], summary: "Keep the first N rows",
                    arguments: [Limit.count], options: [Limit.offset],
                    examples: ["find perez | limit 5"], input: .rows, columns: .input)
            ) { args, call in
                let count = try args[Limit.count], offset = args[Limit.offset]
                guard count >= 0, offset >= 0 else {
                    throw NexoError(.usage, "limit and --offset must not be negative")
                }
                return CommandResult(
                    table: TableFilters.limit(try call.requireInput("limit"), Int(count), offset: Int(offset)))
            },
            session(
                CommandSpec(
                    ["select"], summary: "Keep only the named columns, in that order",
                    arguments: [Select.columns],
                    examples: ["find perez | select id label"], input: .rows)
            ) { args, call in
                CommandResult(
                    table: try TableFilters.select(
                        try call.requireInput("select"), args[Select.columns]))
            },
            session(
                CommandSpec(
                    ["count"], summary: "Count rows, or rows per value of a column",
                    options: [Count.by],
                    examples: ["neighbors P-1 --depth 2 | count --by kind"], input: .rows)
            ) { args, call in
                CommandResult(table: try TableFilters.count(try call.requireInput("count"), by: args[Count.by]))
            },
            session(
                CommandSpec(
                    ["labels"], summary: "Show the names of entities next to their ids",
                    discussion: "Adds a <column>_label column after each entity column (or after the named ones), "
                        + "holding the entity's label: ids stay for pipes and scripts, names are there to read.",
                    arguments: [Labels.columns],
                    examples: ["neighbors P-1 --depth 2 | labels from", "find perez | neighbors | labels"],
                    input: .rows)
            ) { args, call in
                CommandResult(
                    table: try TableFilters.labels(
                        try call.requireInput("labels"), args[Labels.columns]))
            },
            session(
                CommandSpec(
                    ["format"], summary: "Render the piped rows in a format",
                    arguments: [Format.format],
                    examples: ["find perez | format csv"], input: .rows, columns: .input)
            ) { args, call in
                call.session.state.statementFormat = OutputFormat(rawValue: try args[Format.format])
                return CommandResult(table: try call.requireInput("format"))
            },
        ]
    }
}
