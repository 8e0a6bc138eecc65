import NexoTemplateMath

/// Reusable working memory of HNSW searches: a visited mark per node (a generation number, so
/// clearing is O(1)) and the two heaps. One per thread; pass the same one to every search.
public struct HNSWScratch: Sendable {
    var visited: [UInt32] = []
    var generation: UInt32 = 0
    var candidates = ScoreHeap()
    var results = ScoreHeap()

    /// Empty scratch; it grows to the index on first use.
    public init() {}

    mutating func grow(to count: Int) {
        if visited.count < count { visited.append(contentsOf: repeatElement(0, count: count - visited.count)) }
    }

    /// Starts a new search: every node counts as unvisited.
    mutating func nextGeneration() {
        generation &+= 1
        if generation == 0 {
            for i in visited.indices { visited[i] = 0 }
            generation = 1
        }
    }
}

/// How a layer search scores nodes against its probe.
protocol HNSWScorer {
    func score(_ node: Int32) -> Float
    /// Four nodes at once (more memory fetches in flight).
    func score4(_ a: Int32, _ b: Int32, _ c: Int32, _ d: Int32) -> SIMD4<Float>
    /// Starts fetching what scoring `node` reads.
    func prefetch(_ node: Int32)
}

/// Exact fp32 cosines against the stored vectors (building the graph, upper layers).
struct ExactScorer: HNSWScorer {
    let probe: UnsafePointer<Float>
    let rows: UnsafePointer<Float>

    @inline(__always) func score(_ node: Int32) -> Float {
        FaceKernels.dot(probe, rows + Int(node) &* FaceGallery.dimensions, count: FaceGallery.dimensions)
    }
    @inline(__always) func score4(_ a: Int32, _ b: Int32, _ c: Int32, _ d: Int32) -> SIMD4<Float> {
        let n = FaceGallery.dimensions
        return FaceKernels.dot4(
            probe, rows + Int(a) &* n, rows + Int(b) &* n, rows + Int(c) &* n, rows + Int(d) &* n, count: n)
    }
    @inline(__always) func prefetch(_ node: Int32) {
        FaceKernels.prefetchRow(rows + Int(node) &* FaceGallery.dimensions)
    }
}

/// Approximate cosines from the int8 codes: a quarter of the bytes of ``ExactScorer`` per node,
/// which is what a search of a gallery larger than the caches waits for.
struct CodeScorer: HNSWScorer {
    let probe: UnsafePointer<Int8>
    let probeScale: Float
    let codes: UnsafePointer<Int8>
    let scales: UnsafePointer<Float>

    @inline(__always) func score(_ node: Int32) -> Float {
        let n = FaceGallery.dimensions
        return Float(FaceKernels.dot(probe, codes + Int(node) &* n, count: n)) * (scales[Int(node)] * probeScale)
    }
    @inline(__always) func score4(_ a: Int32, _ b: Int32, _ c: Int32, _ d: Int32) -> SIMD4<Float> {
        let n = FaceGallery.dimensions
        let dots = FaceKernels.dot4(
            probe, codes + Int(a) &* n, codes + Int(b) &* n, codes + Int(c) &* n, codes + Int(d) &* n, count: n)
        return SIMD4(
            Float(dots[0]) * (scales[Int(a)] * probeScale), Float(dots[1]) * (scales[Int(b)] * probeScale),
            Float(dots[2]) * (scales[Int(c)] * probeScale), Float(dots[3]) * (scales[Int(d)] * probeScale))
    }
    @inline(__always) func prefetch(_ node: Int32) {
        FaceKernels.prefetchRow(codes + Int(node) &* FaceGallery.dimensions)
    }
}

extension HNSWIndex {
    /// Candidates of the layer-0 search re-scored in fp32 (at least `k`): the int8 walk ranks them
    /// within its quantisation error (~5·10⁻⁴), far less than the gaps that decide a top-10.
    static let rerankCount = 64

    /// The `k` most similar vectors to `probe` (normalised here), best first, searching layer 0
    /// with a candidate list of `max(ef, k)` entries.
    public func search(_ probe: [Float], k: Int, ef: Int) -> [FaceMatch] {
        var scratch = HNSWScratch()
        return search(normalized: FaceVector.normalized(probe), k: k, ef: ef, scratch: &scratch)
    }

    /// The `k` most similar vectors to the unit vector `probe`, best first, with exact fp32
    /// scores. The search descends the upper layers in fp32, walks layer 0 with a candidate list
    /// of `max(ef, k)` entries scored from the int8 codes (as FAISS's HNSW over scalar-quantised
    /// codes does), and re-scores the best ``rerankCount`` of them in fp32. `scratch` is reused
    /// between calls to avoid allocating per query.
    public func search(normalized probe: [Float], k: Int, ef: Int, scratch: inout HNSWScratch) -> [FaceMatch] {
        precondition(probe.count == FaceGallery.dimensions, "face vectors have \(FaceGallery.dimensions) dimensions")
        guard entryPoint >= 0 else { return [] }
        scratch.grow(to: count)
        var probeCodes: [Int8] = []
        probeCodes.reserveCapacity(FaceGallery.dimensions)
        let probeScale = QuantizedFaceGallery.quantize(probe[...], into: &probeCodes)
        return probe.withUnsafeBufferPointer { q in
            vectors.storage.withUnsafeBufferPointer { g in
                var entry = entryPoint
                var layer = topLevel
                while layer > 0 {
                    entry = greedy(q.baseAddress!, from: entry, layer: layer)
                    layer -= 1
                }
                let found = probeCodes.withUnsafeBufferPointer { pc in
                    codes.withUnsafeBufferPointer { c in
                        codeScales.withUnsafeBufferPointer { s in
                            searchLayer(
                                CodeScorer(
                                    probe: pc.baseAddress!, probeScale: probeScale, codes: c.baseAddress!,
                                    scales: s.baseAddress!),
                                from: entry, ef: max(ef, k), layer: 0, scratch: &scratch)
                        }
                    }
                }
                let exact = ExactScorer(probe: q.baseAddress!, rows: g.baseAddress!)
                var top = TopK(k: k)
                for candidate in found.prefix(max(k, Self.rerankCount)) {
                    top.offer(index: Int(candidate.node), score: exact.score(candidate.node))
                }
                return top.sorted()
            }
        }
    }

    /// Hill-climbs `layer` from `entry` to the most similar node it can reach (ef = 1).
    @_optimize(speed)
    func greedy(_ probe: UnsafePointer<Float>, from entry: Int32, layer: Int) -> Int32 {
        vectors.storage.withUnsafeBufferPointer { g in
            let v = g.baseAddress!, d = FaceGallery.dimensions
            var best = entry
            var bestScore = FaceKernels.dot(probe, v + Int(entry) * d, count: d)
            var improved = true
            while improved {
                improved = false
                for n in neighbors(of: best, layer: layer) {
                    let s = FaceKernels.dot(probe, v + Int(n) * d, count: d)
                    if s > bestScore {
                        bestScore = s
                        best = n
                        improved = true
                    }
                }
            }
            return best
        }
    }

    /// Best-first search of one layer (the paper's Algorithm 2) with `scorer`: returns up to `ef`
    /// nodes, best first, with their scores as keys.
    ///
    /// Each expanded node's unvisited neighbours are collected first and scored four at a time
    /// while the next four are fetched, then offered to the lists in link order, so the result is
    /// the same as scoring them one by one.
    @_optimize(speed)
    func searchLayer<Scorer: HNSWScorer>(
        _ scorer: Scorer, from entry: Int32, ef: Int, layer: Int,
        scratch: inout HNSWScratch
    ) -> [ScoreHeap.Entry] {
        scratch.nextGeneration()
        scratch.candidates.removeAll()
        scratch.results.removeAll()
        let generation = scratch.generation
        let stride = baseStride
        var visited = scratch.visited
        scratch.visited = [] // taken out, so that writing to it does not copy it
        defer { scratch.visited = visited }
        return base.withUnsafeBufferPointer { links in
            visited.withUnsafeMutableBufferPointer { seen in
                withUnsafeTemporaryAllocation(of: (node: Int32, score: Float).self, capacity: stride) { pending in
                    let first = scorer.score(entry)
                    seen[Int(entry)] = generation
                    scratch.candidates.push(-first, entry)
                    scratch.results.push(first, entry)
                    while !scratch.candidates.isEmpty {
                        let current = scratch.candidates.pop()
                        if -current.key < scratch.results.top.key && scratch.results.count >= ef { break }
                        // Unvisited neighbours, in link order.
                        var count = 0
                        if layer == 0 {
                            let own = links.baseAddress! + Int(current.node) * stride
                            for i in 0..<Int(own[0]) {
                                let n = own[1 + i]
                                if seen[Int(n)] != generation {
                                    seen[Int(n)] = generation
                                    pending[count] = (n, 0)
                                    count += 1
                                }
                            }
                        } else {
                            for n in neighbors(of: current.node, layer: layer) where seen[Int(n)] != generation {
                                seen[Int(n)] = generation
                                pending[count] = (n, 0)
                                count += 1
                            }
                        }
                        for i in 0..<min(count, 4) { scorer.prefetch(pending[i].node) }
                        var k = 0
                        while k + 4 <= count {
                            for i in k + 4..<min(count, k + 8) { scorer.prefetch(pending[i].node) }
                            let s = scorer.score4(
                                pending[k].node, pending[k + 1].node, pending[k + 2].node, pending[k + 3].node)
                            pending[k].score = s[0]
                            pending[k + 1].score = s[1]
                            pending[k + 2].score = s[2]
                            pending[k + 3].score = s[3]
                            k += 4
                        }
                        while k < count {
                            pending[k].score = scorer.score(pending[k].node)
                            k += 1
                        }
                        for i in 0..<count {
                            let (n, s) = pending[i]
                            if scratch.results.count < ef || s > scratch.results.top.key {
                                scratch.candidates.push(-s, n)
                                scratch.results.push(s, n)
                                if scratch.results.count > ef { scratch.results.pop() }
                            }
                        }
                    }
                    return scratch.results.entries.sorted { $0.key > $1.key || ($0.key == $1.key && $0.node < $1.node) }
                }
            }
        }
    }
}
