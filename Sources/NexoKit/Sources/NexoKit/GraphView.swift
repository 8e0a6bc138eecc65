/// A read-only, in-memory adjacency view of the graph at one data version, in compressed sparse
/// row form, so link analysis runs at native speed. A value type: share it freely across threads.
///
/// Nodes are numbered `0..<nodeCount` in entity-id order. Each stored edge appears in the
/// adjacency of both its ends; ``isOutgoing(_:)`` tells which way it points.
public struct GraphView: Sendable {
    /// The data version the view was built from.
    public let dataVersion: Int64
    /// Entity id of each node.
    public let ids: [EntityID]
    /// Kind name of each node.
    public let nodeKinds: [String]
    /// Edge kind names; ``edgeKindIndex(_:)`` indexes into it.
    public let edgeKindNames: [String]
    private let indexByID: [EntityID: Int32]
    private let offsets: [Int32]
    private let targets: [Int32]
    private let slotKinds: [UInt16]
    private let slotOutgoing: [Bool]
    private let slotEdges: [EdgeID]

    /// A directed edge as the builder takes it: node indexes, kind index, edge id.
    public struct Link: Sendable, Hashable {
        /// Source node index.
        public var from: Int32
        /// Target node index.
        public var to: Int32
        /// Index into the view's edge kind names.
        public var kind: UInt16
        /// The stored edge's id.
        public var edge: EdgeID
        /// Creates a link.
        public init(from: Int32, to: Int32, kind: UInt16, edge: EdgeID) {
            self.from = from
            self.to = to
            self.kind = kind
            self.edge = edge
        }
    }

    /// Builds a view from nodes (sorted by id) and directed links between them.
    public init(dataVersion: Int64, ids: [EntityID], nodeKinds: [String], edgeKindNames: [String], links: [Link]) {
        precondition(ids.count == nodeKinds.count)
        self.dataVersion = dataVersion
        self.ids = ids
        self.nodeKinds = nodeKinds
        self.edgeKindNames = edgeKindNames
        var index: [EntityID: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = Int32(i) }
        indexByID = index
        // Counting sort of both directions of every link into CSR slots.
        var degree = [Int32](repeating: 0, count: ids.count + 1)
        for link in links {
            degree[Int(link.from) + 1] += 1
            degree[Int(link.to) + 1] += 1
        }
        for i in 0..<ids.count { degree[i + 1] += degree[i] }
        offsets = degree
        var cursor = degree
        let slots = links.count * 2
        var targets = [Int32](repeating: 0, count: slots)
        var kinds = [UInt16](repeating: 0, count: slots)
        var outgoing = [Bool](repeating: false, count: slots)
        var edges = [EdgeID](repeating: EdgeID(0), count: slots)
        for link in links {
            let a = Int(cursor[Int(link.from)]); cursor[Int(link.from)] += 1
            targets[a] = link.to; kinds[a] = link.kind; outgoing[a] = true; edges[a] = link.edge
            let b = Int(cursor[Int(link.to)]); cursor[Int(link.to)] += 1
            targets[b] = link.from; kinds[b] = link.kind; outgoing[b] = false; edges[b] = link.edge
        }
        self.targets = targets
        slotKinds = kinds
        slotOutgoing = outgoing
        slotEdges = edges
    }

    /// Number of nodes.
    public var nodeCount: Int { ids.count }
    /// Number of stored edges.
    public var edgeCount: Int { targets.count / 2 }

    /// The node index of `id`, or `nil` when the entity is not in the view.
    public func node(_ id: EntityID) -> Int32? { indexByID[id] }
    /// Index of an edge kind name in ``edgeKindNames``.
    public func edgeKindIndex(_ name: String) -> UInt16? {
        edgeKindNames.firstIndex(of: name).map { UInt16($0) }
    }

    /// Adjacency slots of `node`: iterate and read ``neighbor(_:)``, ``edgeKind(_:)``, ``isOutgoing(_:)``.
    public func slots(of node: Int32) -> Range<Int> { Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1]) }
    /// Number of edges touching `node` (both directions).
    public func degree(of node: Int32) -> Int { slots(of: node).count }
    /// The node at the other end of a slot.
    public func neighbor(_ slot: Int) -> Int32 { targets[slot] }
    /// The edge kind index of a slot.
    public func edgeKind(_ slot: Int) -> UInt16 { slotKinds[slot] }
    /// Whether the slot's edge points away from the node that owns the slot.
    public func isOutgoing(_ slot: Int) -> Bool { slotOutgoing[slot] }
    /// The stored edge of a slot.
    public func edge(_ slot: Int) -> EdgeID { slotEdges[slot] }

    /// Breadth-first distances from `start`, up to `maxHops`, following edges in `direction` and of
    /// the given kind indexes (all when `nil`). The start node has distance 0.
    public func distances(
        from start: Int32, maxHops: Int, direction: EdgeDirection = .both,
        kinds: Set<UInt16>? = nil
    ) -> [Int32: Int] {
        var distance: [Int32: Int] = [start: 0]
        var frontier: [Int32] = [start]
        var hop = 0
        while !frontier.isEmpty && hop < maxHops {
            hop += 1
            var next: [Int32] = []
            for node in frontier {
                for slot in slots(of: node) {
                    if let kinds, !kinds.contains(slotKinds[slot]) { continue }
                    switch direction {
                    case .outgoing where !slotOutgoing[slot]: continue
                    case .incoming where slotOutgoing[slot]: continue
                    default: break
                    }
                    let other = targets[slot]
                    if distance[other] == nil {
                        distance[other] = hop
                        next.append(other)
                    }
                }
            }
            frontier = next
        }
        return distance
    }
}
