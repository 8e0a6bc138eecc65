import NexoKit

/// Smuggling and trafficking networks: networks, facilitators, routes and their legs, people
/// moved, safe houses, payments, crossings, and the gangs that tax routes. Uses only the public
/// NexoKit API.
public struct SmugglingNetworksPlugin: NexoPlugin {
    /// Creates the plugin.
    public init() {}

    public var name: String { "smuggling-networks" }
    public var version: String { "1.0.0" }
    public var summary: String { "Smuggling networks, routes, facilitators, payments and crossings" }
    public var schema: SchemaContribution { SmugglingSchema.contribution }
    public var commands: [Command] { SmugglingCommands.all }
}
