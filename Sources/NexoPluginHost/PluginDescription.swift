import NexoKit

/// Everything the host needs from a plugin at start, without its code: name, version, summary,
/// schema contribution and command specs. The spec cache stores it; a cached plugin is registered
/// from it and its library is opened only when one of its commands runs.
public struct PluginDescription: Sendable, Hashable {
    /// The plugin's name (``NexoPlugin/name``).
    public var name: String
    /// The plugin's version (``NexoPlugin/version``).
    public var version: String
    /// The plugin's one-line summary (``NexoPlugin/summary``).
    public var summary: String
    /// The kinds and extensions the plugin adds (``NexoPlugin/schema``).
    public var schema: SchemaContribution
    /// The specs of its commands, in the plugin's order.
    public var commands: [CommandSpec]

    /// Creates a description.
    public init(
        name: String, version: String, summary: String, schema: SchemaContribution, commands: [CommandSpec]
    ) {
        self.name = name
        self.version = version
        self.summary = summary
        self.schema = schema
        self.commands = commands
    }

    /// The description of a plugin instance.
    public init(of plugin: any NexoPlugin) {
        self.init(
            name: plugin.name, version: plugin.version, summary: plugin.summary, schema: plugin.schema,
            commands: plugin.commands.map(\.spec))
    }
}
