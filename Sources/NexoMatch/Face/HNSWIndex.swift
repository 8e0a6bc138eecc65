import NexoKit
import NexoTemplateMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parameters of an ``HNSWIndex``.
public struct HNSWParameters: Sendable, Hashable {
    /// Links kept per node on the upper layers; layer 0 keeps `2·M`.
    public var m: Int
    /// Size of the candidate list while inserting (larger: better graph, slower build).
    public var efConstruction: Int
    /// Seed of the level draws (same seed and insertion order give the same graph).
    public var seed: UInt64

    /// Parameters; `m` ≥ 2, `efConstruction` ≥ 1.
    public init(m: Int = 16, efConstruction: Int = 200, seed: UInt64 = 1) {
        precondition(m >= 2 && efConstruction >= 1, "HNSW needs m >= 2 and efConstruction >= 1")
        self.m = m
        self.efConstruction = efConstruction
        self.seed = seed
    }
}

/// An approximate nearest-neighbour index over unit face vectors: a hierarchical navigable
/// small-world graph (Malkov & Yashunin, "Efficient and robust approximate nearest neighbor
/// search using Hierarchical Navigable Small World graphs", IEEE TPAMI 2020).
///
/// Each node gets a level drawn from a geometric distribution (`⌊−ln U / ln M⌋`); it is linked on
/// layers 0…level to neighbours chosen by the paper's diversity heuristic (a candidate is kept
/// only if it is more similar to the new node than to any neighbour already kept). A search
/// descends greedily from the top layer's entry point, then runs a best-first search on layer 0
/// with a candidate list of `ef` entries, scored from int8 codes, and re-scores the best of them
/// in fp32. Scores returned are exact fp32 cosines; only the set of vectors visited is
/// approximate, so recall is measured against ``FaceGallery`` exact search.
public struct HNSWIndex: Sendable {
    /// The parameters it was built with.
    public let parameters: HNSWParameters
    /// The vectors, in insertion order (node i is vector i).
    public private(set) var vectors = FaceGallery()
    /// The vectors' int8 codes (512 bytes each) and scales, which layer-0 searches walk.
    var codes: [Int8] = []
    var codeScales: [Float] = []
    /// Layer-0 links: node i owns `1 + 2M` slots from `i·(1 + 2M)`: count, then neighbours.
    var base: [Int32] = []
    /// Links on layers ≥ 1: node i owns `level·(1 + M)` slots, layer l at `(l−1)·(1 + M)`.
    var upper: [[Int32]] = []
    /// Top layer of each node.
    var levels: [UInt8] = []
    /// Entry point of searches (a node on the top layer), -1 while empty.
    var entryPoint: Int32 = -1
    var topLevel = 0
    var levelState: UInt64
    var scratch = HNSWScratch()

    /// An empty index.
    public init(parameters: HNSWParameters = HNSWParameters()) {
        self.parameters = parameters
        self.levelState = parameters.seed
    }

    /// Number of vectors.
    public var count: Int { vectors.count }

    var baseStride: Int { 1 + 2 * parameters.m }
    var upperStride: Int { 1 + parameters.m }

    /// Adds a template, normalised to unit length; returns its node (= gallery index).
    @discardableResult
    public mutating func append(_ template: FaceTemplate) -> Int {
        append(normalized: FaceVector.normalized(template.vector))
    }

    /// Adds a unit vector to the graph; returns its node (= gallery index).
    @discardableResult
    public mutating func append(normalized vector: [Float]) -> Int {
        let node = vectors.append(normalized: vector)
        codeScales.append(QuantizedFaceGallery.quantize(vector[...], into: &codes))
        let level = drawLevel()
        levels.append(UInt8(level))
        base.append(contentsOf: repeatElement(0, count: baseStride))
        upper.append(level == 0 ? [] : [Int32](repeating: 0, count: level * upperStride))
        scratch.grow(to: count)
        guard entryPoint >= 0 else {
            entryPoint = Int32(node)
            topLevel = level
            return node
        }
        vector.withUnsafeBufferPointer { q in
            link(Int32(node), level: level, probe: q.baseAddress!)
        }
        if level > topLevel {
            topLevel = level
            entryPoint = Int32(node)
        }
        return node
    }

    /// Level of a new node: ⌊−ln U · mL⌋ with mL = 1/ln M (capped at 16).
    private mutating func drawLevel() -> Int {
        levelState &+= 0x9E37_79B9_7F4A_7C15
        var z = levelState
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        let u = (Double(z >> 11) + 0.5) * 0x1.0p-53
        return min(16, Int(clampingFloat: -log(u) / log(Double(parameters.m))))
    }

    /// Inserts `node` (already stored, no links yet) into layers 0…level.
    private mutating func link(_ node: Int32, level: Int, probe: UnsafePointer<Float>) {
        var entry = entryPoint
        var layer = topLevel
        while layer > level {
            entry = greedy(probe, from: entry, layer: layer)
            layer -= 1
        }
        var local = scratch
        scratch = HNSWScratch() // take the scratch buffers out so they are not copied on write
        defer { scratch = local }
        for l in stride(from: min(level, topLevel), through: 0, by: -1) {
            let found = vectors.storage.withUnsafeBufferPointer { g in
                searchLayer(
                    ExactScorer(probe: probe, rows: g.baseAddress!), from: entry, ef: parameters.efConstruction,
                    layer: l, scratch: &local)
            }
            let chosen = selectNeighbors(found, limit: parameters.m)
            setLinks(node, layer: l, to: chosen)
            for neighbor in chosen { addLink(from: neighbor, to: node, layer: l) }
            entry = found[0].node
        }
    }

    /// The paper's heuristic (its Algorithm 4): from candidates sorted best first, keep each one
    /// that is more similar to the probe than to every one kept before it, up to `limit`.
    @_optimize(speed)
    func selectNeighbors(_ candidates: [ScoreHeap.Entry], limit: Int) -> [Int32] {
        guard candidates.count > limit else { return candidates.map(\.node) }
        var kept: [Int32] = []
        kept.reserveCapacity(limit)
        vectors.storage.withUnsafeBufferPointer { g in
            let v = g.baseAddress!, d = FaceGallery.dimensions
            for c in candidates {
                let pc = v + Int(c.node) * d
                var diverse = true
                for k in kept where FaceKernels.dot(pc, v + Int(k) * d, count: d) > c.key {
                    diverse = false
                    break
                }
                if diverse {
                    kept.append(c.node)
                    if kept.count == limit { break }
                }
            }
        }
        return kept
    }

    /// Links of `node` on `layer`.
    func neighbors(of node: Int32, layer: Int) -> ArraySlice<Int32> {
        if layer == 0 {
            let start = Int(node) * baseStride
            return base[start + 1..<start + 1 + Int(base[start])]
        }
        let start = (layer - 1) * upperStride
        let links = upper[Int(node)]
        return links[start + 1..<start + 1 + Int(links[start])]
    }

    private mutating func setLinks(_ node: Int32, layer: Int, to links: [Int32]) {
        if layer == 0 {
            let start = Int(node) * baseStride
            base[start] = Int32(links.count)
            for (i, n) in links.enumerated() { base[start + 1 + i] = n }
        } else {
            let start = (layer - 1) * upperStride
            upper[Int(node)][start] = Int32(links.count)
            for (i, n) in links.enumerated() { upper[Int(node)][start + 1 + i] = n }
        }
    }

    /// Adds the back link `from → to`; when `from` is full, its links plus `to` are re-chosen by
    /// the heuristic.
    private mutating func addLink(from: Int32, to: Int32, layer: Int) {
        // A copy, not a slice: a slice would keep the link storage shared while `setLinks`
        // writes to it, and each write would copy all of it (half the build time once).
        var links = Array(neighbors(of: from, layer: layer))
        let limit = layer == 0 ? 2 * parameters.m : parameters.m
        links.append(to)
        if links.count <= limit {
            setLinks(from, layer: layer, to: links)
            return
        }
        var candidates = links.map { ScoreHeap.Entry(key: similarity(from, $0), node: $0) }
        candidates.sort { $0.key > $1.key }
        setLinks(from, layer: layer, to: selectNeighbors(candidates, limit: limit))
    }

    /// Cosine of two stored vectors.
    func similarity(_ a: Int32, _ b: Int32) -> Float {
        vectors.storage.withUnsafeBufferPointer { g in
            let d = FaceGallery.dimensions
            return FaceKernels.dot(g.baseAddress! + Int(a) * d, g.baseAddress! + Int(b) * d, count: d)
        }
    }
}
