import NexoKit

@testable import NexoLanguage

/// A small command registry and entity world shared by the language tests.
enum Fixtures {
    static let roles = ValueType.oneOf(["corredor", "palabrero"])

    static let specs: [CommandSpec] = [
        CommandSpec(
            ["gang", "members"], summary: "Members of a gang",
            arguments: [ArgumentSpec("group", .entity(kind: "gang"), "Gang id or name")],
            options: [
                OptionSpec("role", roles, "Only this role"),
                OptionSpec("since", .date, "Members since"),
                OptionSpec("via", .oneOf(["phone", "payment"]), "Edge kinds", repeatable: true),
                .flag("active", "Only active members"),
            ]),
        CommandSpec(["gang", "list"], summary: "All gangs"),
        CommandSpec(
            ["case", "open"], summary: "Open a case", arguments: [ArgumentSpec("title", .string, "Title")], writes: true
        ),
        CommandSpec(["case", "use"], summary: "Use a case", arguments: [ArgumentSpec("id", .string, "Case id")]),
        CommandSpec(["case", "close"], summary: "Close a case"),
        CommandSpec(["case", "list"], summary: "List cases"),
        CommandSpec(
            ["link", "path"], summary: "Shortest path",
            arguments: [
                ArgumentSpec("from", .entity(kind: "person"), "From"),
                ArgumentSpec("to", .entity(kind: "person"), "To"),
            ],
            options: [
                OptionSpec("max-hops", .int, "Hops", default: .int(3)),
                OptionSpec("during", .dateRange, "Period"),
                OptionSpec("min-confidence", .double, "Confidence"),
            ]),
        CommandSpec(
            ["link", "chart"], summary: "Chart",
            arguments: [ArgumentSpec("entities", .entity(kind: nil), "Entities", optional: true, variadic: true)],
            options: [
                OptionSpec("out", .filePath, "Output file"), OptionSpec("depth", .int, "Depth", default: .int(1)),
            ],
            input: .entities(kind: nil)),
        CommandSpec(
            ["find"], summary: "Search",
            arguments: [ArgumentSpec("text", .string, "Text"), ArgumentSpec("more", .string, "More", optional: true)],
            options: [
                OptionSpec("born", .dateRange, "Born"), OptionSpec("id", .string, "Id"),
                OptionSpec("limit", .int, "Limit", default: .int(20)),
                OptionSpec("exact", .bool, "Exact match"),
            ]),
        CommandSpec(
            ["sort"], summary: "Sort", arguments: [ArgumentSpec("columns", .string, "Columns", variadic: true)],
            input: .rows),
        CommandSpec(
            ["where"], summary: "Filter",
            arguments: [
                ArgumentSpec("column", .string, "Column"), ArgumentSpec("op", .oneOf(["=", "!=", "~"]), "Op"),
                ArgumentSpec("value", .string, "Value"),
            ], input: .rows),
        CommandSpec(["show"], summary: "Show", arguments: [ArgumentSpec("entity", .entity(kind: nil), "Entity")]),
        CommandSpec(
            ["set"], summary: "Set",
            arguments: [
                ArgumentSpec("name", .string, "Name", optional: true),
                ArgumentSpec("value", .string, "Value", optional: true),
            ]),
        CommandSpec(
            ["bio", "identify"], summary: "Identify",
            options: [OptionSpec("face", .filePath, "Face probe"), OptionSpec("top", .int, "Top N", default: .int(5))]),
    ]

    static let globals: [OptionSpec] = [
        OptionSpec("format", .oneOf(["table", "json", "ndjson", "csv", "tsv"]), "Output format"),
        .flag("dry-run", "Dry run"),
        .flag("help", "Help"),
    ]

    static let entities: [EntityRef] = [
        EntityRef(id: "G-1", kind: "gang", label: "MS-13"),
        EntityRef(id: "G-2", kind: "gang", label: "Sonsonate Locos"),
        EntityRef(id: "P-1", kind: "person", label: "Ana Pérez"),
        EntityRef(id: "P-2", kind: "person", label: "José Hernández"),
    ]

    /// Resolves ids and exact labels; checks the kind.
    static func resolve(_ text: String, _ kind: String?) throws(NexoError) -> EntityRef {
        guard let ref = entities.first(where: { $0.id.rawValue == text || $0.label == text }) else {
            throw NexoError(.notFound, "no entity '\(text)'")
        }
        if let kind, ref.kind != kind { throw NexoError(.usage, "'\(text)' is a \(ref.kind), not a \(kind)") }
        return ref
    }

    static let binder = Binder(specs: specs, globalOptions: globals, homeDirectory: "/home/ana")

    /// The first command call of `source`.
    static func call(_ source: String, file: String? = nil) throws -> CommandCall {
        let script = try Parser.parse(source, file: file)
        return script.statements[0].pipeline.stages[0]
    }

    /// Binds the first command call of `source`.
    static func bind(_ source: String, variables: [String: Variable] = [:], file: String? = nil) throws -> BoundCommand
    {
        try binder.bind(try call(source, file: file), variables: variables, resolveEntity: resolve)
    }

    /// The rendered error of binding `source`, or `nil` when it binds.
    static func bindError(_ source: String, variables: [String: Variable] = [:], file: String? = nil) -> String? {
        do {
            _ = try bind(source, variables: variables, file: file)
            return nil
        } catch let error as LocatedError {
            return error.rendered
        } catch {
            return "unexpected \(error)"
        }
    }

    /// The `message; hint` of binding `source`, or `nil` when it binds.
    static func bindMessage(_ source: String, variables: [String: Variable] = [:]) -> String? {
        do {
            _ = try bind(source, variables: variables)
            return nil
        } catch let error as LocatedError {
            return error.error.description
        } catch {
            return "unexpected \(error)"
        }
    }
}

extension ParsedArguments {
    /// What the binder bound under `name` (commands read through typed keys; these tests check the
    /// binder's raw output by the spec's names).
    func raw(_ name: String) -> Value? { values[name]?.first }
    /// Everything the binder bound under `name`, in order.
    func rawAll(_ name: String) -> [Value] { values[name] ?? [] }
}
