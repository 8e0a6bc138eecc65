/// A command a plugin (or the core) provides: its spec and what runs it.
public struct Command: Sendable {
    /// The typed description the host parses, validates, completes and documents from.
    public var spec: CommandSpec
    /// Runs the command with validated arguments. Throw ``NexoError`` for failures users can act on.
    public var run: @Sendable (ParsedArguments, CommandContext) throws -> CommandResult

    /// Creates a command.
    public init(
        _ spec: CommandSpec,
        run: @escaping @Sendable (ParsedArguments, CommandContext) throws -> CommandResult
    ) {
        self.spec = spec
        self.run = run
    }
}

/// A plugin: a named, versioned set of commands and schema additions, loaded at run time from a
/// shared library that exports `nexo_plugin_abi` and `nexo_plugin_create` (see ``PluginExport``).
public protocol NexoPlugin: Sendable {
    /// Unique name, lower-case letters, digits and dashes (`gang-records`).
    var name: String { get }
    /// Version, `MAJOR.MINOR.PATCH`; recorded with every write the plugin makes.
    var version: String { get }
    /// One line for `plugins`.
    var summary: String { get }
    /// Entity and edge kinds this plugin adds to the shared schema.
    var schema: SchemaContribution { get }
    /// The commands this plugin provides.
    var commands: [Command] { get }
}
