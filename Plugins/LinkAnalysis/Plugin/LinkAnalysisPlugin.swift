import NexoKit

/// Link analysis: charts, exports and (as they land) paths, centrality, communities and the rest of
/// the `link` commands, over the shared graph through the public SDK only.
///
/// The plugin declares no kinds of its own: it reads the core's and every other plugin's. Its
/// command list is kept here, one command type per file.
public struct LinkAnalysisPlugin: NexoPlugin {
    /// Creates the plugin.
    public init() {}

    public var name: String { "link-analysis" }
    public var version: String { "1.0.0" }
    public var summary: String { "Link analysis: charts and exports of the graph (paths, centrality and more to come)" }

    public var schema: SchemaContribution { .empty }

    public var commands: [Command] {
        [
            LinkChart.command, LinkExport.command, LinkCoTravel.command, LinkProject.command, LinkTimeline.command,
            LinkComponents.command, LinkNeighbors.command, LinkCentrality.command, LinkPath.command,
            LinkCommunities.command, LinkKeyPlayers.command, LinkBrokers.command,
        ]
    }
}
