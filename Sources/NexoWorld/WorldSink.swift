import NexoKit

/// Where a generated world goes: a store (through bulk import) or NDJSON files.
///
/// Records arrive in an order that imports: every entity before the first edge that refers to
/// it. Ground-truth facts go to ``truth(_:)``, never into the world itself.
public protocol WorldSink: AnyObject {
    /// One entity with its aliases.
    func entity(_ draft: EntityDraft, aliases: [String]) throws(NexoError)
    /// One edge between entities already emitted.
    func edge(_ draft: EdgeDraft) throws(NexoError)
    /// One ground-truth fact: named fields in a fixed order (written as one JSON object).
    func truth(_ fields: [(String, Value)]) throws(NexoError)
}

/// What a generation produced.
public struct WorldSummary: Sendable, Hashable, CustomStringConvertible {
    /// Entities emitted.
    public var entities = 0
    /// Edges emitted.
    public var edges = 0
    /// Ground-truth lines emitted.
    public var truthLines = 0
    /// People emitted.
    public var people = 0

    /// Nothing yet.
    public init() {}

    /// `1,234 entities, 5,678 edges (300 people)`.
    public var description: String { "\(entities) entities, \(edges) edges, \(people) people" }
}

/// Kind names the world writes. Core kinds are the core schema's; the others are declared by the
/// gang-records and smuggling-networks plugins (the world-generator plugin's tests check that they
/// are not core, and `generate` checks that they are loaded before it writes into a store).
public enum WorldKinds {
    public static let coreEntities = [
        CoreSchema.Kind.person, CoreSchema.Kind.group, CoreSchema.Kind.phone, CoreSchema.Kind.vehicle,
        CoreSchema.Kind.place, CoreSchema.Kind.crossing, CoreSchema.Kind.payment, CoreSchema.Kind.encounter,
    ]
    public static let pluginEntities = ["route", "leg"]
    public static let coreEdges = [
        CoreSchema.Edge.memberOf, CoreSchema.Edge.usesPhone, CoreSchema.Edge.called, CoreSchema.Edge.owns,
        CoreSchema.Edge.locatedIn, CoreSchema.Edge.knows, CoreSchema.Edge.paid, CoreSchema.Edge.crossed,
        CoreSchema.Edge.encountered,
    ]
    public static let gangEdges = ["operates_in", "rival_of", "incarcerated_in"]
    public static let smugglingEdges = [
        "leg_of", "departs_from", "arrives_at", "runs", "operated", "travelled", "taxes",
        "payment_for", "forged_for",
    ]
    /// Every edge kind the world writes.
    public static var edges: [String] { coreEdges + gangEdges + smugglingEdges }
    /// The first ids a world takes (a person, a group, a place): a store holding any of them
    /// already would clash with the world.
    public static let firstIDs: [EntityID] = [EntityID("P-1"), EntityID("G-1"), EntityID("PL-1")]
}
