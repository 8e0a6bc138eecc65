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

extension HNSWIndex {
    /// The `k` most similar vectors to `probe` (normalised here), best first, searching layer 0
    /// with a candidate list of `max(ef, k)` entries.
    public func search(_ probe: [Float], k: Int, ef: Int) -> [FaceMatch] {
        var scratch = HNSWScratch()
        return search(normalized: FaceVector.normalized(probe), k: k, ef: ef, scratch: &scratch)
    }

    /// The `k` most similar vectors to the unit vector `probe`, best first (exact scores of the
    /// vectors visited), with a layer-0 candidate list of `max(ef, k)`; `scratch` is reused
    /// between calls to avoid allocating per query.
    public func search(normalized probe: [Float], k: Int, ef: Int, scratch: inout HNSWScratch) -> [FaceMatch] {
        precondition(probe.count == FaceGallery.dimensions, "face vectors have \(FaceGallery.dimensions) dimensions")
        guard entryPoint >= 0 else { return [] }
        scratch.grow(to: count)
        return probe.withUnsafeBufferPointer { q in
            var entry = entryPoint
            var layer = topLevel
            while layer > 0 {
                entry = greedy(q.baseAddress!, from: entry, layer: layer)
                layer -= 1
            }
            let found = searchLayer(q.baseAddress!, from: entry, ef: max(ef, k), layer: 0, scratch: &scratch)
            return found.prefix(k).map { FaceMatch(index: Int($0.node), score: $0.key) }
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

    /// Best-first search of one layer (the paper's Algorithm 2): returns up to `ef` nodes, best
    /// first, with their scores as keys.
    ///
    /// Each expanded node's unvisited neighbours are collected first and scored four at a time
    /// (``FaceKernels/dot4(_:_:_:_:_:count:)``, bit-identical to one at a time), then offered to
    /// the lists in link order, so the result is the same as scoring them one by one.
    @_optimize(speed)
    func searchLayer(_ probe: UnsafePointer<Float>, from entry: Int32, ef: Int, layer: Int,
                     scratch: inout HNSWScratch) -> [ScoreHeap.Entry] {
        scratch.nextGeneration()
        scratch.candidates.removeAll()
        scratch.results.removeAll()
        let generation = scratch.generation
        let stride = baseStride
        var visited = scratch.visited
        scratch.visited = []  // taken out, so that writing to it does not copy it
        defer { scratch.visited = visited }
        return vectors.storage.withUnsafeBufferPointer { g in
            base.withUnsafeBufferPointer { links in
                visited.withUnsafeMutableBufferPointer { seen in
                    withUnsafeTemporaryAllocation(of: (node: Int32, score: Float).self, capacity: stride) { pending in
                        let v = g.baseAddress!, d = FaceGallery.dimensions
                        let first = FaceKernels.dot(probe, v + Int(entry) * d, count: d)
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
                                for i in 0 ..< Int(own[0]) {
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
                            var k = 0
                            while k + 4 <= count {
                                let s = FaceKernels.dot4(probe, v + Int(pending[k].node) * d, v + Int(pending[k + 1].node) * d,
                                                         v + Int(pending[k + 2].node) * d, v + Int(pending[k + 3].node) * d, count: d)
                                pending[k].score = s[0]
                                pending[k + 1].score = s[1]
                                pending[k + 2].score = s[2]
                                pending[k + 3].score = s[3]
                                k += 4
                            }
                            while k < count {
                                pending[k].score = FaceKernels.dot(probe, v + Int(pending[k].node) * d, count: d)
                                k += 1
                            }
                            for i in 0 ..< count {
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
}
