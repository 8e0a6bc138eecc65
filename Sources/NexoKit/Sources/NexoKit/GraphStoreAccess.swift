/// Which edges to follow from an entity.
public enum EdgeDirection: String, Sendable, Hashable, CaseIterable {
    /// Edges that start at the entity.
    case outgoing
    /// Edges that end at the entity.
    case incoming
    /// Both.
    case both
}

/// A query for entities. Results come ordered by id (see ``EntityID`` ordering).
public struct EntityQuery: Sendable, Hashable {
    /// Only this kind, or any.
    public var kind: String?
    /// Properties that must equal these values.
    public var properties: [String: Value]
    /// Only these ids (one query instead of one ``GraphStoreAccess/entity(_:)`` call per id);
    /// `nil` means any. Ids that do not exist or are not visible are left out.
    public var ids: [EntityID]?
    /// At most this many results.
    public var limit: Int?

    /// Creates a query.
    public init(kind: String? = nil, properties: [String: Value] = [:], ids: [EntityID]? = nil, limit: Int? = nil) {
        self.kind = kind
        self.properties = properties
        self.ids = ids
        self.limit = limit
    }
}

/// A query for edges. Results come ordered by edge id.
public struct EdgeQuery: Sendable, Hashable {
    /// Edges touching this entity, or all edges.
    public var entity: EntityID?
    /// Which edges of ``entity`` to return.
    public var direction: EdgeDirection
    /// Only these edge kinds; empty means all.
    public var kinds: [String]
    /// Only edges whose validity period overlaps this range.
    public var during: DateRange?
    /// At most this many results.
    public var limit: Int?

    /// Creates a query.
    public init(
        entity: EntityID? = nil, direction: EdgeDirection = .both, kinds: [String] = [],
        during: DateRange? = nil, limit: Int? = nil
    ) {
        self.entity = entity
        self.direction = direction
        self.kinds = kinds
        self.during = during
        self.limit = limit
    }
}

/// A `find` hit.
public struct SearchHit: Sendable, Hashable {
    /// The entity found.
    public var entity: EntityRef
    /// The matching name text (label or alias).
    public var matched: String
    /// Relevance, higher is better; hits come best first, ties by id.
    public var score: Double

    /// Creates a hit.
    public init(entity: EntityRef, matched: String, score: Double) {
        self.entity = entity
        self.matched = matched
        self.score = score
    }
}

/// Counts of what a command changed, reported by `--dry-run` and after writes.
public struct ChangeSummary: Sendable, Hashable, CustomStringConvertible {
    /// Entities created.
    public var entitiesAdded = 0
    /// Entities whose label or properties changed.
    public var entitiesUpdated = 0
    /// Entities removed.
    public var entitiesRemoved = 0
    /// Edges created.
    public var edgesAdded = 0
    /// Edges removed.
    public var edgesRemoved = 0
    /// Sources created.
    public var sourcesAdded = 0
    /// Sources removed (an undo of the run that recorded them).
    public var sourcesRemoved = 0
    /// Biometric templates stored (enrolled or replaced).
    public var templatesAdded = 0
    /// Biometric templates removed.
    public var templatesRemoved = 0

    /// No changes.
    public init() {}

    /// Whether nothing changed.
    public var isEmpty: Bool { self == ChangeSummary() }

    /// `2 entities added, 1 edge added`, or `no changes`.
    public var description: String {
        let counts: [(Int, String, String, String)] = [
            (entitiesAdded, "entity", "entities", "added"), (entitiesUpdated, "entity", "entities", "updated"),
            (entitiesRemoved, "entity", "entities", "removed"), (edgesAdded, "edge", "edges", "added"),
            (edgesRemoved, "edge", "edges", "removed"), (sourcesAdded, "source", "sources", "added"),
            (sourcesRemoved, "source", "sources", "removed"),
            (templatesAdded, "template", "templates", "stored"), (templatesRemoved, "template", "templates", "removed"),
        ]
        let parts = counts.filter { $0.0 > 0 }.map { "\($0.0) \($0.0 == 1 ? $0.1 : $0.2) \($0.3)" }
        return parts.isEmpty ? "no changes" : parts.joined(separator: ", ")
    }
}

/// The store as a command sees it: one scoped handle, valid only while the command runs.
///
/// Reads see one consistent snapshot for the length of the command. Writes are validated
/// against the shared ``Schema`` and stamped with the command's run (provenance); they fail with
/// `denied` when the command's spec does not declare `writes`. Everything a plugin reads passes
/// through the store's visibility rules, so a plugin cannot see what its user may not.
public protocol GraphStoreAccess {
    /// The shared schema (core and plugin kinds).
    var schema: Schema { get }
    /// The store's data version: the id of the last run that wrote. Changes with every write.
    func dataVersion() throws(NexoError) -> Int64
    /// Commits what the command has written so far, so that other writers (another nexo process,
    /// a background feed) get the store before the command goes on; the next use of the store
    /// begins a new transaction of the same run. For long writing commands that read their input
    /// as it comes, such as a foreground feed: call it between batches, not while a batch is half
    /// written. What was committed stays if a later step fails; `undo` reverts the whole run.
    /// Does nothing in a `--dry-run`, in a read-only command, or before the command wrote anything.
    func commitProgress() throws(NexoError)

    /// The entity with `id`, or `nil`.
    func entity(_ id: EntityID) throws(NexoError) -> Entity?
    /// Entities matching `query`, ordered by id.
    func entities(_ query: EntityQuery) throws(NexoError) -> [Entity]
    /// Number of entities of `kind` (all kinds when `nil`).
    func countEntities(kind: String?) throws(NexoError) -> Int
    /// Edges matching `query`, ordered by edge id.
    func edges(_ query: EdgeQuery) throws(NexoError) -> [Edge]
    /// Entities whose label or alias matches `text` (trigram full-text search, case and accent
    /// insensitive for ASCII folds), best first.
    func search(_ text: String, kind: String?, limit: Int) throws(NexoError) -> [SearchHit]
    /// A compressed, read-only adjacency view of the graph at the current data version, limited to
    /// `edgeKinds` (all when empty). Cached per data version; cheap to call repeatedly.
    func graphView(edgeKinds: [String]) throws(NexoError) -> GraphView
    /// The case with `id`, or `nil`.
    func caseInfo(_ id: String) throws(NexoError) -> CaseInfo?
    /// The source with `id`, or `nil`.
    func source(_ id: EntityID) throws(NexoError) -> SourceInfo?

    /// Creates an entity; assigns an id when the draft has none. `source` names the graded
    /// source that reported it.
    @discardableResult
    func addEntity(_ draft: EntityDraft, source: EntityID?) throws(NexoError) -> Entity
    /// Changes label and/or properties (a `.null` value removes a property).
    func updateEntity(_ id: EntityID, label: String?, properties: [String: Value]) throws(NexoError)
    /// Removes an entity and every edge touching it.
    func removeEntity(_ id: EntityID) throws(NexoError)
    /// Creates an edge between two existing entities.
    @discardableResult
    func addEdge(_ draft: EdgeDraft, source: EntityID?) throws(NexoError) -> Edge
    /// Removes an edge.
    func removeEdge(_ id: EdgeID) throws(NexoError)
    /// Records a graded source and returns it.
    @discardableResult
    func addSource(
        description: String, reliability: SourceReliability,
        credibility: InformationCredibility
    ) throws(NexoError) -> SourceInfo
    /// The first source recorded in this store (not imported from another) with exactly this description and
    /// grading, or `nil`: to cite one source again instead of recording its twin (``SourceOptions/ownEntry(_:)``).
    func source(
        describedAs description: String, reliability: SourceReliability, credibility: InformationCredibility
    ) throws(NexoError) -> SourceInfo?
    /// Adds an alias (another name, a moniker) to an entity; aliases are found by `search`.
    func addAlias(_ alias: String, to id: EntityID) throws(NexoError)
    /// Aliases of an entity, in the order added.
    func aliases(of id: EntityID) throws(NexoError) -> [String]
    /// Writes many entities (with their aliases) and edges in one go, with the validation and
    /// speed of `import`: `produce` hands each record to `add`, so a producer (a generator) never
    /// holds them all in memory. Entities must come before the edges that refer to them; every record
    /// cites `source` (record it first with ``addSource(description:reliability:credibility:)``: every
    /// fact has a source). `expectedEdges` (an estimate) lets a large write rebuild the edge indexes
    /// once at the end. A bad record ends the write with `record N: what is wrong`.
    func importRecords(
        expectedEdges: Int, source: EntityID?,
        produce: (_ add: (ImportRecord) throws(NexoError) -> Void) throws(NexoError) -> Void
    ) throws(NexoError)
}

extension GraphStoreAccess {
    /// A store without transactions of its own (a test double in memory) has nothing to commit early.
    public func commitProgress() throws(NexoError) {}
}
