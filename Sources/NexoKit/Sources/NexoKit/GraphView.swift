/// A read-only, in-memory adjacency view of the graph at one data version, in compressed sparse
/// row form, so link analysis runs at native speed. A value type: share it freely across threads.
///
/// Nodes are numbered `0..<nodeCount` in entity-id order; each carries its id, kind and label.
/// Stored edges are numbered `0..<edgeCount` (the *edge index*, in the order the builder got
/// them: the store's edge-id order) and carry their id, kind, validity, confidence and the
/// grading of their source. Each edge appears in the adjacency of both its ends as a *slot*:
/// ``neighbor(_:)`` is the other end, ``isOutgoing(_:)`` tells which way the edge points and
/// ``edgeIndex(_:)`` leads to the edge's attributes.
///
/// Storage is flat: per slot a neighbor and a packed edge index; per edge an id, a kind, two
/// day numbers, a confidence and a one-byte grading (43 bytes per edge in all).
public struct GraphView: Sendable {
    /// The data version the view was built from.
    public let dataVersion: Int64
    /// Entity id of each node.
    public let ids: [EntityID]
    /// Kind name of each node.
    public let nodeKinds: [String]
    /// Display label of each node (a name, a number, a plate).
    public let labels: [String]
    /// Edge kind names; ``edgeKindIndex(_:)`` indexes into it.
    public let edgeKindNames: [String]
    private let indexByID: [EntityID: Int32]
    private let offsets: [Int32]
    /// Per slot: the node at the other end.
    private let targets: [Int32]
    /// Per slot: edge index × 2, plus 1 when the edge points away from the slot's node.
    private let slotEdges: [UInt32]
    private let edgeIDs: [EdgeID]
    private let edgeKinds: [UInt16]
    /// Per edge: first valid day since 1970-01-01, ``Link/openStart`` when unknown.
    private let validFromDays: [Int32]
    /// Per edge: last valid day since 1970-01-01, ``Link/openEnd`` when it has not ended.
    private let validToDays: [Int32]
    private let confidences: [Double]
    /// Per edge: the source's grading, packed by ``Link/code(_:)``; 0 without a source.
    private let gradingCodes: [UInt8]

    /// Builds a view from nodes (sorted by id) and the stored edges between them; edge `i` of the
    /// view is `links[i]`. Throws `invalid-input` when the node arrays differ in length or a link
    /// names a node or kind the view does not have.
    public init(
        dataVersion: Int64, ids: [EntityID], nodeKinds: [String], labels: [String], edgeKindNames: [String],
        links: [Link]
    ) throws(NexoError) {
        guard ids.count == nodeKinds.count, ids.count == labels.count else {
            throw NexoError(
                .invalidInput,
                "graph view: \(ids.count) ids, \(nodeKinds.count) kinds and \(labels.count) labels; they must match",
                hint: "give one kind and one label per node id")
        }
        guard ids.count < Int(Int32.max), links.count < Int(UInt32.max / 2) else {
            throw NexoError(
                .invalidInput, "graph view: \(ids.count) nodes and \(links.count) edges are more than it can hold",
                hint: "limit the view to some edge kinds")
        }
        for link in links {
            guard (0..<Int32(ids.count)).contains(link.from), (0..<Int32(ids.count)).contains(link.to),
                Int(link.kind) < edgeKindNames.count
            else {
                throw NexoError(
                    .invalidInput,
                    "graph view: edge \(link.edge) joins nodes \(link.from) and \(link.to) with kind \(link.kind), "
                        + "outside \(ids.count) nodes and \(edgeKindNames.count) kinds",
                    hint: "link only nodes and kinds given to the view")
            }
        }
        self.dataVersion = dataVersion
        self.ids = ids
        self.nodeKinds = nodeKinds
        self.labels = labels
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
        var targets = [Int32](repeating: 0, count: links.count * 2)
        var slotEdges = [UInt32](repeating: 0, count: links.count * 2)
        for (e, link) in links.enumerated() {
            let a = Int(cursor[Int(link.from)])
            cursor[Int(link.from)] += 1
            targets[a] = link.to
            slotEdges[a] = UInt32(e) << 1 | 1
            let b = Int(cursor[Int(link.to)])
            cursor[Int(link.to)] += 1
            targets[b] = link.from
            slotEdges[b] = UInt32(e) << 1
        }
        self.targets = targets
        self.slotEdges = slotEdges
        edgeIDs = links.map(\.edge)
        edgeKinds = links.map(\.kind)
        validFromDays = links.map(\.validFromDay)
        validToDays = links.map(\.validToDay)
        confidences = links.map(\.confidence)
        gradingCodes = links.map(\.gradingCode)
    }

    /// Number of nodes.
    public var nodeCount: Int { ids.count }

    /// The entity of node `node` as a result row's reference: its id, kind and label.
    public func entityRef(ofNode node: Int) -> EntityRef {
        EntityRef(id: ids[node], kind: nodeKinds[node], label: labels[node])
    }
    /// Number of stored edges.
    public var edgeCount: Int { edgeIDs.count }

    /// The node index of `id`, or `nil` when the entity is not in the view.
    public func node(_ id: EntityID) -> Int32? { indexByID[id] }
    /// Index of an edge kind name in ``edgeKindNames``.
    public func edgeKindIndex(_ name: String) -> UInt16? {
        edgeKindNames.firstIndex(of: name).map { UInt16($0) }
    }

    // MARK: Slots (adjacency)

    /// Adjacency slots of `node`: iterate and read ``neighbor(_:)``, ``edgeKind(_:)``, ``isOutgoing(_:)``,
    /// ``edgeIndex(_:)``.
    public func slots(of node: Int32) -> Range<Int> { Int(offsets[Int(node)])..<Int(offsets[Int(node) + 1]) }
    /// Number of edges touching `node` (both directions).
    public func degree(of node: Int32) -> Int { slots(of: node).count }
    /// The node at the other end of a slot.
    public func neighbor(_ slot: Int) -> Int32 { targets[slot] }
    /// The index (`0..<edgeCount`) of a slot's stored edge, to read its attributes.
    public func edgeIndex(_ slot: Int) -> Int { Int(slotEdges[slot] >> 1) }
    /// The edge kind index of a slot.
    public func edgeKind(_ slot: Int) -> UInt16 { edgeKinds[edgeIndex(slot)] }
    /// Whether the slot's edge points away from the node that owns the slot.
    public func isOutgoing(_ slot: Int) -> Bool { slotEdges[slot] & 1 == 1 }
    /// The stored edge of a slot.
    public func edge(_ slot: Int) -> EdgeID { edgeIDs[edgeIndex(slot)] }

    // MARK: Edges (attributes by edge index)

    /// The id of edge `edge` (an index `0..<edgeCount`).
    public func id(ofEdge edge: Int) -> EdgeID { edgeIDs[edge] }
    /// The kind index (into ``edgeKindNames``) of edge `edge`.
    public func kind(ofEdge edge: Int) -> UInt16 { edgeKinds[edge] }
    /// First day edge `edge` held, if known.
    public func validFrom(ofEdge edge: Int) -> CivilDate? { Link.date(validFromDays[edge], open: Link.openStart) }
    /// Last day edge `edge` held, if it ended.
    public func validTo(ofEdge edge: Int) -> CivilDate? { Link.date(validToDays[edge], open: Link.openEnd) }
    /// Confidence in edge `edge`, 0...1 (1 unless the writer said otherwise).
    public func confidence(ofEdge edge: Int) -> Double { confidences[edge] }
    /// Grading of the source that reported edge `edge`, or `nil` when it has no source.
    public func grading(ofEdge edge: Int) -> Grading? { Link.grading(gradingCodes[edge]) }
    /// Whether edge `edge`'s validity overlaps `range` (an open end overlaps everything on that
    /// side), as ``DateRange/overlaps(from:to:)`` decides.
    public func isEdge(_ edge: Int, validDuring range: DateRange) -> Bool {
        DayWindow(range).admits(from: validFromDays[edge], to: validToDays[edge])
    }

    // MARK: Traversal

    /// Breadth-first distances from `start`, up to `maxHops`, following edges in `direction`, of
    /// the given kind indexes (all when `nil`) and, with `during`, valid at some time in that range.
    /// The start node has distance 0.
    public func distances(
        from start: Int32, maxHops: Int, direction: EdgeDirection = .both,
        kinds: Set<UInt16>? = nil, during: DateRange? = nil
    ) -> [Int32: Int] {
        let window = during.map(DayWindow.init)
        var distance: [Int32: Int] = [start: 0]
        var frontier: [Int32] = [start]
        var hop = 0
        while !frontier.isEmpty && hop < maxHops {
            hop += 1
            var next: [Int32] = []
            for node in frontier {
                for slot in slots(of: node) {
                    let packed = slotEdges[slot]
                    let edge = Int(packed >> 1)
                    switch direction {
                    case .outgoing where packed & 1 == 0: continue
                    case .incoming where packed & 1 == 1: continue
                    default: break
                    }
                    if let kinds, !kinds.contains(edgeKinds[edge]) { continue }
                    if let window, !window.admits(from: validFromDays[edge], to: validToDays[edge]) { continue }
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

/// A ``DateRange`` as day numbers, open ends as the extreme values, so testing an edge's validity
/// is two integer comparisons.
private struct DayWindow {
    let first: Int32
    let last: Int32

    init(_ range: DateRange) {
        first = range.lower.map(GraphView.Link.day) ?? GraphView.Link.openStart
        last = range.upper.map(GraphView.Link.day) ?? GraphView.Link.openEnd
    }

    /// Whether `[from, to]` (day numbers, open ends as the extremes) overlaps the window.
    func admits(from: Int32, to: Int32) -> Bool { from <= last && to >= first }
}
