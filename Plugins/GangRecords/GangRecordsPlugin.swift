import NexoKit

/// Gang records: gangs, their cliques, members, roles, monikers, territory, rivalries and prison
/// terms, over the shared store. Uses only the public NexoKit API.
public struct GangRecordsPlugin: NexoPlugin {
    /// Creates the plugin.
    public init() {}

    public var name: String { "gang-records" }
    public var version: String { "1.0.0" }
    public var summary: String { "Gangs, cliques, members, monikers, territory and rivalries" }
    public var schema: SchemaContribution { GangSchema.contribution }
    public var commands: [Command] { GangCommands.all }
}
