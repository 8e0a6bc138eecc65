import NexoKit

/// The smallest useful plugin: one command, `hello <name>`.
public struct HelloPlugin: NexoPlugin {
    public init() {}

    public var name: String { "hello" }
    public var version: String { "0.1.0" }
    public var summary: String { "Says hello (the out-of-tree plugin example)" }
    public var schema: SchemaContribution { .empty }

    public var commands: [Command] { [Hello.command] }
}

/// `hello <name> [--greeting text]`: the arguments are typed keys, declared once and used both
/// in the spec and to read the values.
enum Hello {
    static let name = ArgumentKey("name", .string, "Who to greet")
    static let greeting = DefaultedOptionKey("greeting", .string, "The word to greet with", default: "Hello")

    static let command = Command(
        CommandSpec(
            ["hello"], summary: "Greet someone by name", arguments: [Hello.name], options: [Hello.greeting],
            examples: ["hello Ana", "hello Ana --greeting Hola"])
    ) { arguments, _ in
        let name = try arguments[Hello.name]
        guard !name.allSatisfy(\.isWhitespace) else {
            throw NexoError(.usage, "the name is empty", hint: "write a name: hello Ana")
        }
        return CommandResult(
            table: ResultTable(
                columns: [Column("greeting", .string)], rows: [[.string("\(arguments[Hello.greeting]), \(name)!")]]))
    }
}

/// The NexoKit ABI this plugin was compiled against (checked by the loader).
@_cdecl("nexo_plugin_abi")
public func nexoPluginABI() -> Int32 { NexoABI.compiledAgainst }

/// A new plugin instance; the host takes ownership.
@_cdecl("nexo_plugin_create")
public func nexoPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retained(HelloPlugin()) }
