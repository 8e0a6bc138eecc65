import NexoKit

/// World generator: `generate`, a seeded synthetic world (gangs, smuggling networks, people,
/// phones) into the store or into NDJSON files, with its ground truth apart.
///
/// It declares no kinds of its own. The world it writes uses core kinds and the kinds of the
/// gang-records and smuggling-networks plugins; into a store, `generate` needs those loaded and
/// says so when they are not. Files (`--out`) need no other plugin.
public struct WorldGeneratorPlugin: NexoPlugin {
    /// Creates the plugin.
    public init() {}

    public var name: String { "world-generator" }
    public var version: String { "1.0.0" }
    public var summary: String { "Seeded synthetic worlds with their ground truth" }
    public var schema: SchemaContribution { .empty }
    public var commands: [Command] { [Generate.command] }
}
