import NexoKit

/// An inverted-file (IVF) index over unit face vectors: spherical k-means centroids, each vector
/// filed under its nearest centroid with an int8 copy kept contiguous per list. A search ranks the
/// centroids, scans the int8 codes of the nearest `probeLists` lists and returns the best
/// candidates by approximate score (re-rank them exactly against the fp32 gallery).
///
/// Whether it finds what matters — a probe's mate — depends on the faces: on random directions in
/// 512 dimensions a capture rarely falls in its mate's cell, on embeddings whose variance sits in
/// fewer directions it almost always does (`Scripts/bench mate-recall`). ``mateRecall(of:noise:probeLists:samples:using:)``
/// measures it on the gallery itself, so the engine uses the index only where it keeps mates.
public struct InvertedFaceLists: Sendable {
    /// Dimensions of a face vector.
    public static let dimensions = FaceTemplate.dimensions
    /// Number of lists (centroids).
    public let listCount: Int
    /// Lists scanned per search.
    public var probeLists: Int
    private var centroids: [Float]
    private var members: [[Int32]]
    private var codes: [[Int8]]
    private var scales: [[Float]]

    /// Trains `listCount` centroids by spherical k-means (`iterations` rounds) on `sample`
    /// (unit vectors, concatenated), seeded by `rng` for the initial centroids.
    public init(trainingOn sample: [Float], listCount: Int, iterations: Int = 6, probeLists: Int = 16,
                using rng: inout some RandomNumberGenerator) {
        let d = Self.dimensions
        let n = sample.count / d
        precondition(n >= listCount && listCount >= 1, "k-means needs at least as many vectors as lists")
        self.listCount = listCount
        self.probeLists = min(probeLists, listCount)
        var picks = Array(0..<n)
        picks.shuffle(using: &rng)
        var centroids = [Float](repeating: 0, count: listCount * d)
        for c in 0..<listCount {
            for j in 0..<d { centroids[c * d + j] = sample[picks[c] * d + j] }
        }
        for _ in 0..<iterations {
            var sums = [Float](repeating: 0, count: listCount * d)
            var counts = [Int](repeating: 0, count: listCount)
            sample.withUnsafeBufferPointer { s in
                for i in 0..<n {
                    let c = Self.nearest(s.baseAddress! + i * d, centroids)
                    counts[c] += 1
                    for j in 0..<d { sums[c * d + j] += s[i * d + j] }
                }
            }
            for c in 0..<listCount {
                if counts[c] == 0 {  // an empty cell restarts at a random sample vector
                    let i = Int.random(in: 0..<n, using: &rng)
                    for j in 0..<d { sums[c * d + j] = sample[i * d + j] }
                }
                var norm: Float = 0
                for j in 0..<d { norm += sums[c * d + j] * sums[c * d + j] }
                let inverse = norm > 0 ? 1 / norm.squareRoot() : 0
                for j in 0..<d { centroids[c * d + j] = sums[c * d + j] * inverse }
            }
        }
        self.centroids = centroids
        members = Array(repeating: [], count: listCount)
        codes = Array(repeating: [], count: listCount)
        scales = Array(repeating: [], count: listCount)
    }

    /// Number of vectors filed.
    public var count: Int { members.reduce(0) { $0 + $1.count } }

    /// Files the unit vector `vector` as gallery row `index`.
    public mutating func add(index: Int, normalized vector: [Float]) {
        let list = vector.withUnsafeBufferPointer { Self.nearest($0.baseAddress!, centroids) }
        members[list].append(Int32(index))
        scales[list].append(QuantizedFaceGallery.quantize(vector[...], into: &codes[list]))
    }

    /// The `k` best rows by approximate (int8) score among the `probeLists` lists nearest to the
    /// unit vector `probe`, best first.
    public func candidates(normalized probe: [Float], k: Int) -> [FaceMatch] {
        let d = Self.dimensions
        var lists = TopK(k: probeLists)
        probe.withUnsafeBufferPointer { p in
            Self.forEachCentroidScore(p.baseAddress!, centroids) { lists.offer(index: $0, score: $1) }
        }
        var q: [Int8] = []
        q.reserveCapacity(d)
        let probeScale = QuantizedFaceGallery.quantize(probe[...], into: &q)
        var top = TopK(k: k)
        q.withUnsafeBufferPointer { pq in
            for list in lists.sorted().map(\.index) {
                codes[list].withUnsafeBufferPointer { c in
                    scales[list].withUnsafeBufferPointer { s in
                        guard let base = c.baseAddress else { return }
                        for row in 0..<s.count {
                            let score = Float(FaceKernels.dot(pq.baseAddress!, base + row * d, count: d)) * (s[row] * probeScale)
                            if score >= top.threshold { top.offer(index: Int(members[list][row]), score: score) }
                        }
                    }
                }
            }
        }
        return top.sorted()
    }

    /// The share of `samples` gallery rows found first again when searched with a noisy copy
    /// through these lists with `probeLists` scanned, re-ranked exactly: the index's recall of
    /// mates on this gallery. The noise (of norm `noise`, about what a second capture adds) is a
    /// signed sum of eight other faces of the gallery: a capture differs from its enrolment in the directions
    /// faces differ from one another, so the check holds for structured faces as for random ones.
    public func mateRecall(of gallery: FaceGallery, noise: Float, probeLists: Int, samples: Int,
                           using rng: inout some RandomNumberGenerator) -> Double {
        var probe = self
        probe.probeLists = min(probeLists, listCount)
        guard gallery.count > 0, samples > 0 else { return 1 }
        var found = 0
        for _ in 0..<samples {
            let row = Int.random(in: 0..<gallery.count, using: &rng)
            // Eight other faces with random signs: the spread of the gallery, close to none of them.
            var direction = [Float](repeating: 0, count: Self.dimensions)
            for _ in 0..<8 {
                let other = gallery.vector(at: Int.random(in: 0..<gallery.count, using: &rng))
                let sign: Float = Bool.random(using: &rng) ? 1 : -1
                for j in direction.indices { direction[j] += sign * other[j] }
            }
            let length = max(direction.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-6)
            let captured = zip(gallery.vector(at: row), direction).map { $0 + noise * $1 / length }
            let unit = FaceVector.normalized(captured)
            let best = probe.candidates(normalized: unit, k: 16).max { a, b in
                gallery.score(normalized: unit, at: a.index) < gallery.score(normalized: unit, at: b.index)
            }
            if best?.index == row { found += 1 }
        }
        return Double(found) / Double(samples)
    }

    /// The centroid nearest to the unit vector at `vector` (largest dot product).
    static func nearest(_ vector: UnsafePointer<Float>, _ centroids: [Float]) -> Int {
        var best = 0
        var bestScore = -Float.infinity
        forEachCentroidScore(vector, centroids) { index, score in
            if score > bestScore {
                bestScore = score
                best = index
            }
        }
        return best
    }

    /// Calls `body` with each centroid's index and its dot product with `vector`, in order, four
    /// centroids at a time.
    static func forEachCentroidScore(_ vector: UnsafePointer<Float>, _ centroids: [Float], _ body: (Int, Float) -> Void) {
        let d = dimensions
        let count = centroids.count / d
        centroids.withUnsafeBufferPointer { c in
            var i = 0
            while i + 4 <= count {
                let s = FaceKernels.dot4(vector, rows: c.baseAddress! + i * d, count: d)
                for r in 0..<4 { body(i + r, s[r]) }
                i += 4
            }
            while i < count {
                body(i, FaceKernels.dot(vector, c.baseAddress! + i * d, count: d))
                i += 1
            }
        }
    }
}
