import LinkGraph
import NexoKit
import Synchronization

/// The view's adjacency copied into flat arrays of this module, for walks that visit millions of slots
/// (`link neighbors`): reading them costs an array load where each of the view's accessors is a call into
/// the SDK library. Built once per view and kept while the host's view stays the same, as
/// ``AnalysisSelection`` keeps its graphs.
struct ViewAdjacency: Sendable {
    /// Slots of node `n`: `offsets[n]..<offsets[n + 1]`.
    let offsets: [Int32]
    /// Per slot: the node at the other end.
    let targets: [Int32]
    /// Per slot: the link's kind index.
    let kinds: [UInt16]
    /// Per slot: the view's edge index, for the filters that read a link's attributes.
    let edges: [Int32]
    /// Per node: its kind, as an index into ``nodeKindNames`` (a `--kinds` filter compares numbers, not strings).
    let nodeKinds: [UInt16]
    /// The node kinds of the view.
    let nodeKindNames: [String]

    private static let kept = Mutex<(view: GraphView?, adjacency: ViewAdjacency?)>((nil, nil))

    /// The adjacency of `view`, built on first use and kept for the next command while the view is the same.
    static func of(_ view: GraphView) -> ViewAdjacency {
        if let known = kept.withLock({ entry -> ViewAdjacency? in
            guard let seen = entry.view, AnalysisSelection.sameStorage(seen, view) else { return nil }
            return entry.adjacency
        }) {
            return known
        }
        let built = ViewAdjacency(view)
        kept.withLock { $0 = (view, built) }
        return built
    }

    private init(_ view: GraphView) {
        var offsets = [Int32](repeating: 0, count: view.nodeCount + 1)
        var targets: [Int32] = []
        var kinds: [UInt16] = []
        var edges: [Int32] = []
        let slotCount = view.edgeCount * 2
        targets.reserveCapacity(slotCount)
        kinds.reserveCapacity(slotCount)
        edges.reserveCapacity(slotCount)
        for node in 0..<Int32(view.nodeCount) {
            for slot in view.slots(of: node) {
                targets.append(view.neighbor(slot))
                kinds.append(view.edgeKind(slot))
                edges.append(Int32(view.edgeIndex(slot)))
            }
            offsets[Int(node) + 1] = Int32(targets.count)
        }
        self.offsets = offsets
        self.targets = targets
        self.kinds = kinds
        self.edges = edges
        var kindNumber: [String: UInt16] = [:]
        var names: [String] = []
        nodeKinds = view.nodeKinds.map { kind in
            if let known = kindNumber[kind] { return known }
            let number = UInt16(truncatingIfNeeded: names.count)
            kindNumber[kind] = number
            names.append(kind)
            return number
        }
        nodeKindNames = names
    }
}

/// Per-node buffers of a walk, kept between commands: a fresh walk over a 200,000-node graph would otherwise
/// allocate and fault in megabytes to visit a few hundred nodes. A walk takes them (a walk running at the same
/// time gets new ones) and gives them back with `distance` all -1 again.
struct WalkBuffers: Sendable {
    /// Per node: hops from the start, -1 when not reached.
    var distance: [Int32]
    /// Per node: the node one step closer to the start (meaningful only where `distance >= 0`).
    var parent: [Int32]
    /// Per node: the kind of the link from `parent` (meaningful only where `distance >= 0`).
    var via: [UInt16]
    /// One bit per node, all clear at rest: how a hop's many nodes are put in order.
    var marks: [UInt64]

    private static let spare = SpareSlot<WalkBuffers>()

    /// Buffers for `nodeCount` nodes: the ones given back last when they fit, else new ones.
    static func take(nodeCount: Int) -> WalkBuffers {
        if let kept = spare.take(), kept.distance.count == nodeCount { return kept }
        return WalkBuffers(
            distance: [Int32](repeating: -1, count: nodeCount),
            // Written for every node reached before it is read.
            parent: [Int32](unsafeUninitializedCapacity: nodeCount) { _, count in count = nodeCount },
            via: [UInt16](unsafeUninitializedCapacity: nodeCount) { _, count in count = nodeCount },
            marks: [UInt64](repeating: 0, count: nodeCount / 64 + 1))
    }

    /// Puts `nodes` (distinct node numbers) in ascending order: a comparison sort when they are few; else each is
    /// marked in `marks` and the marks are read back in order (and cleared), which costs a word per 64 nodes of
    /// the range they span instead of a sort.
    mutating func sortAscending(_ nodes: UnsafeMutableBufferPointer<Int32>) {
        guard nodes.count >= max(64, distance.count / 2_048) else {
            var nodes = nodes
            nodes.sort()
            return
        }
        var low = Int32.max
        var high: Int32 = 0
        marks.withUnsafeMutableBufferPointer { marks in
            for node in nodes {
                marks[Int(node) >> 6] |= 1 << UInt64(node & 63)
                low = min(low, node)
                high = max(high, node)
            }
            var position = 0
            for word in Int(low) >> 6...Int(high) >> 6 {
                var bits = marks[word]
                marks[word] = 0
                while bits != 0 {
                    nodes[position] = Int32(word << 6 | bits.trailingZeroBitCount)
                    position += 1
                    bits &= bits - 1
                }
            }
        }
    }

    /// Gives the buffers back for the next walk, after setting `distance` of `touched` (every node the walk set)
    /// back to -1.
    consuming func giveBack(touched: [Int32]) {
        var buffers = self
        for node in touched { buffers.distance[Int(node)] = -1 }
        Self.spare.keep(buffers)
    }
}
