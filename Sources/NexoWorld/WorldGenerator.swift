import NexoKit

/// Builds a synthetic world from a scale and a seed: gangs and cliques with members, territory,
/// rivalries and prison terms; smuggling networks with facilitators, routes, legs, safe houses,
/// vehicles, people moved, payments, crossings and encounters; phones and calls; and, apart from
/// the world, its ground truth (who is really who, who is under international protection, which
/// clique is linked to which route and through whom).
///
/// The same scale, seed and ``version`` give the same records in the same order, byte for byte.
/// Records stream to a ``WorldSink``, so a large world never sits in memory whole.
public struct WorldGenerator: Sendable {
    /// Version of the generator's output. Bump it whenever a change alters what a seed produces.
    public static let version = "2"
    /// The day the world is observed: nothing happens after it, and memberships still open on it are active.
    public static let asOf = CivilDate(year: 2026, month: 11, day: 15)!

    public let scale: WorldScale
    public let seed: UInt64

    /// A generator for `scale` and `seed`.
    public init(scale: WorldScale, seed: UInt64) {
        self.scale = scale
        self.seed = seed
    }

    /// Generates the world into `sink`. `progress` gets (steps done, steps in all, what is being
    /// built: `cliques`, then `routes`); `isCancelled` is checked between steps and stops the run
    /// with `cancelled`.
    public func generate(
        into sink: any WorldSink, progress: (Int, Int, String) -> Void = { _, _, _ in },
        isCancelled: () -> Bool = { false }
    ) throws(NexoError) -> WorldSummary {
        let builder = WorldBuilder(scale: scale, seed: seed, sink: sink)
        try builder.truth([
            ("type", .string("world")), ("generator_version", .string(Self.version)),
            ("scale", .string(scale.name)), ("seed", .int(Int64(bitPattern: seed))),
            ("as_of", .date(Self.asOf)),
        ])
        try builder.buildPlaces()
        try builder.buildGangs()
        try builder.buildCliques { done throws(NexoError) in
            if isCancelled() { throw NexoError(.cancelled, "cancelled") }
            progress(done, scale.cliques, "cliques")
        }
        try builder.buildNetworks()
        let total = builder.routes.count
        for index in builder.routes.indices {
            if isCancelled() { throw NexoError(.cancelled, "cancelled") }
            try builder.buildTrips(route: index)
            progress(index + 1, total, "routes")
        }
        try builder.writeLinkTruth()
        return builder.summary
    }
}
