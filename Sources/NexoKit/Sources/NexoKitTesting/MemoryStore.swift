import NexoKit

/// The store double of the test kit: a complete ``GraphStoreAccess`` in memory, so that a plugin's
/// commands run in tests without the host or SQLite.
///
/// Writes are checked against the schema the way the host's store checks them, with the same
/// messages: the kind must be declared, every property declared and of its type, required ones
/// present, an edge's ends must exist and be of the kinds it allows, a named source must exist.
/// Ids are `<idPrefix>-<n>` (never reused), edges `E-<n>`, sources `S-<n>`. Reads come in the
/// store's orders: entities by id, edges by edge id, search hits best first.
///
/// The schema is the core schema (``CoreSchema/contribution``) and then each plugin's
/// contribution, merged by ``Schema/add(_:from:)`` exactly as the host merges them.
/// ``PluginTestKit`` makes one for a plugin; seed it with ``addEntity(_:source:)`` and friends
/// (direct calls always may write) and read it back after a command ran.
public final class MemoryStore: GraphStoreAccess {
    /// Everything stored, as one value: a dry run restores it after the command.
    struct Contents {
        var version: Int64 = 0
        var entities: [EntityID: Entity] = [:]
        var edges: [Edge] = []
        var aliases: [EntityID: [String]] = [:]
        var sources: [EntityID: SourceInfo] = [:]
        var cases: [String: CaseInfo] = [:]
        var lastNumber: [String: Int] = [:]
        var lastEdgeID: Int64 = 0
    }

    /// The shared schema: the core kinds and the plugins'.
    public let schema: Schema
    var contents = Contents()
    /// Set while a command runs: the command's text, and whether its spec declares `writes`.
    var running: (command: String, writes: Bool)?
    /// How many reads of each kind commands made: to check that a command reads in batches on a
    /// large store. Set it to `ReadCounts()` before the run you measure.
    public var readCounts = ReadCounts()

    /// Counts of the store's reads (binding entity references is not counted).
    public struct ReadCounts: Sendable, Hashable {
        /// ``MemoryStore/entity(_:)`` calls: one entity each.
        public var entityLookups = 0
        /// ``MemoryStore/entities(_:)`` queries.
        public var entityQueries = 0
        /// ``MemoryStore/edges(_:)`` queries.
        public var edgeQueries = 0

        /// No reads.
        public init() {}
    }

    /// A store whose schema is `core` and then each plugin's contribution, in order.
    ///
    /// Throws the host's error when two contributions conflict (a kind declared differently, an
    /// extension of a kind nobody declared).
    public init(
        core: SchemaContribution = CoreSchema.contribution,
        plugins: [(name: String, schema: SchemaContribution)] = []
    ) throws(NexoError) {
        var schema = Schema()
        try schema.add(core, from: CoreSchema.owner)
        for plugin in plugins { try schema.add(plugin.schema, from: plugin.name) }
        self.schema = schema
    }

    /// A store with the core schema and `plugin`'s.
    public convenience init(for plugin: some NexoPlugin) throws(NexoError) {
        try self.init(plugins: [(plugin.name, plugin.schema)])
    }

    /// Opens a case that ``caseInfo(_:)`` then finds (commands read the current case through it).
    public func addCase(_ info: CaseInfo) { contents.cases[info.id] = info }

    // MARK: Reads

    public func dataVersion() throws(NexoError) -> Int64 { contents.version }

    public func entity(_ id: EntityID) throws(NexoError) -> Entity? {
        readCounts.entityLookups += 1
        return contents.entities[id]
    }

    public func entities(_ query: EntityQuery) throws(NexoError) -> [Entity] {
        readCounts.entityQueries += 1
        return matching(query)
    }

    /// The entities `query` selects, in id order (not counted as a read).
    func matching(_ query: EntityQuery) -> [Entity] {
        let wanted = query.ids.map(Set.init)
        let matching = contents.entities.values.filter { entity in
            (query.kind == nil || entity.kind == query.kind)
                && (wanted?.contains(entity.id) ?? true)
                && query.properties.allSatisfy { entity.properties[$0.key] == $0.value }
        }
        let sorted = matching.sorted { $0.id < $1.id }
        return query.limit.map { Array(sorted.prefix($0)) } ?? sorted
    }

    public func countEntities(kind: String?) throws(NexoError) -> Int {
        kind.map { kind in contents.entities.values.count { $0.kind == kind } } ?? contents.entities.count
    }

    public func edges(_ query: EdgeQuery) throws(NexoError) -> [Edge] {
        readCounts.edgeQueries += 1
        let matching = contents.edges.filter { edge in
            if !query.kinds.isEmpty && !query.kinds.contains(edge.kind) { return false }
            if let during = query.during, !during.overlaps(from: edge.validFrom, to: edge.validTo) { return false }
            guard let id = query.entity else { return true }
            switch query.direction {
            case .outgoing: return edge.from == id
            case .incoming: return edge.to == id
            case .both: return edge.from == id || edge.to == id
            }
        }
        return query.limit.map { Array(matching.prefix($0)) } ?? matching
    }

    public func graphView(edgeKinds: [String]) throws(NexoError) -> GraphView {
        let nodes = contents.entities.values.sorted { $0.id < $1.id }
        let names = edgeKinds.isEmpty ? schema.edgeKindNames : Array(Set(edgeKinds)).sorted()
        var index: [EntityID: Int32] = [:]
        for (i, node) in nodes.enumerated() { index[node.id] = Int32(i) }
        var links: [GraphView.Link] = []
        for edge in contents.edges.sorted(by: { $0.id < $1.id }) {
            guard let kind = names.firstIndex(of: edge.kind), let from = index[edge.from], let to = index[edge.to]
            else { continue }
            let source = edge.provenance?.source
            links.append(
                try GraphView.Link(
                    from: from, to: to, kind: UInt16(kind), edge: edge.id, validFrom: edge.validFrom,
                    validTo: edge.validTo, confidence: edge.confidence,
                    grading: source.map { ($0.reliability, $0.credibility) }))
        }
        return try GraphView(
            dataVersion: contents.version, ids: nodes.map(\.id), nodeKinds: nodes.map(\.kind),
            labels: nodes.map(\.label), edgeKindNames: names, links: links)
    }

    public func caseInfo(_ id: String) throws(NexoError) -> CaseInfo? { contents.cases[id] }

    public func source(_ id: EntityID) throws(NexoError) -> SourceInfo? { contents.sources[id] }

    public func aliases(of id: EntityID) throws(NexoError) -> [String] { contents.aliases[id] ?? [] }
}

@available(*, unavailable, message: "a store double belongs to one test; make one per test")
extension MemoryStore: Sendable {}
