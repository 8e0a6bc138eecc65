import NexoKit

/// The smallest useful plugin: one command, `hello <name>`.
public struct HelloPlugin: NexoPlugin {
    public init() {}

    public var name: String { "hello" }
    public var version: String { "0.1.0" }
    public var summary: String { "Says hello (the out-of-tree plugin example)" }
    public var schema: SchemaContribution { .empty }

    public var commands: [Command] {
        let spec = CommandSpec(
            ["hello"], summary: "Greet someone by name",
            arguments: [ArgumentSpec("name", .string, "Who to greet")],
            examples: ["hello Ana"])
        return [
            Command(spec) { arguments, _ in
                let name = try arguments.required("name").description
                return CommandResult(
                    table: ResultTable(
                        columns: [Column("greeting", .string)],
                        rows: [[.string("Hello, \(name)!")]]))
            }
        ]
    }
}

/// The NexoKit ABI this plugin was compiled against (checked by the loader).
@_cdecl("nexo_plugin_abi")
public func nexoPluginABI() -> Int32 { NexoABI.compiledAgainst }

/// A new plugin instance; the host takes ownership.
@_cdecl("nexo_plugin_create")
public func nexoPluginCreate() -> UnsafeMutableRawPointer { PluginExport.retained(HelloPlugin()) }
