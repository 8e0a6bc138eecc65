import NexoKit
import NexoTemplateMath

/// An inverted-file (IVF) index over unit face vectors: spherical k-means centroids, each vector
/// filed under its nearest centroid with an int8 copy kept contiguous per list. A search ranks the
/// centroids, scans the int8 codes of the nearest `probeLists` lists and returns the best
/// candidates by approximate score (re-rank them exactly against the fp32 gallery).
///
/// With 64 lists or more the centroids are themselves grouped (k-means again, about √lists groups):
/// a vector is filed by scoring the groups and then only the centroids of the three best, and a
/// search ranks centroids in the best quarter of the groups (more when it scans many lists). That
/// makes filing a million faces under a thousand lists a few seconds instead of a minute, and
/// ranking the lists a fraction of the scan.
///
/// With a ``FaceProjection`` the whole index works in the projected space: centroids are trained
/// on projected faces and the lists keep int8 codes of the projected vector (128 bytes instead of
/// 512): a quarter of the bytes read per search, and cells drawn where faces differ, in which a
/// capture's noise — spread over all 512 dimensions — moves it less.
///
/// Whether it finds what matters — a probe's mate — depends on the faces: on random directions in
/// 512 dimensions a capture rarely falls in its mate's cell, on embeddings whose variance sits in
/// fewer directions it almost always does (`Scripts/bench mate-recall`).
/// ``mateRecall(of:noise:probeLists:samples:reranked:stopScore:using:)`` measures it, so the engine uses the index
/// only where it keeps mates.
public struct InvertedFaceLists: Sendable {
    /// Dimensions of a face vector.
    public static let dimensions = FaceTemplate.dimensions
    /// Number of lists (centroids).
    public let listCount: Int
    /// Lists scanned per search.
    public var probeLists: Int
    private(set) var centroids: StoredValues<Float>
    /// Codes are of projected vectors when set.
    public let projection: FaceProjection?
    /// Dimensions of centroids and codes: the projection's rank, or 512.
    let space: Int
    /// The coarse layer: unit centroids of groups of centroids, and each group's centroids.
    private(set) var groups = StoredValues<Float>()
    private(set) var groupMembers: [[Int32]] = []
    /// Each list's entries held in memory: rows, codes and scales (after its mapped entries, if any).
    private(set) var members: [[Int32]]
    private(set) var codes: [[Int8]]
    private(set) var scales: [[Float]]
    /// Each list's first entries, read in place from an index file.
    private(set) var mapped: MappedListEntries?

    /// Lists from their parts (an index file's), taken as they are.
    init(
        listCount: Int, probeLists: Int, centroids: StoredValues<Float>, projection: FaceProjection?, space: Int,
        groups: StoredValues<Float>,
        groupMembers: [[Int32]], members: [[Int32]], codes: [[Int8]], scales: [[Float]],
        mapped: MappedListEntries? = nil
    ) {
        self.listCount = listCount
        self.probeLists = probeLists
        self.centroids = centroids
        self.projection = projection
        self.space = space
        self.groups = groups
        self.groupMembers = groupMembers
        self.members = members
        self.codes = codes
        self.scales = scales
        self.mapped = mapped
    }

    /// Trains `listCount` centroids by spherical k-means (`iterations` rounds) on `sample`
    /// (unit vectors, concatenated), seeded by `rng` for the initial centroids.
    public init(
        trainingOn sample: [Float], listCount: Int, iterations: Int = 6, probeLists: Int = 16,
        projection: FaceProjection? = nil, using rng: inout some RandomNumberGenerator
    ) {
        self.projection = projection
        let n = sample.count / Self.dimensions
        precondition(n >= listCount && listCount >= 1, "k-means needs at least as many vectors as lists")
        self.listCount = listCount
        self.probeLists = min(probeLists, listCount)
        let space = projection?.rank ?? Self.dimensions
        self.space = space
        var points = sample
        if let projection {
            points = []
            points.reserveCapacity(n * space)
            for i in 0..<n {
                points += FaceVector.normalized(
                    projection.project(Array(sample[i * Self.dimensions..<(i + 1) * Self.dimensions])))
            }
        }
        let trained = Self.sphericalKMeans(
            points, dimensions: space, count: listCount, iterations: iterations, using: &rng)
        centroids = StoredValues(trained)
        members = Array(repeating: [], count: listCount)
        codes = Array(repeating: [], count: listCount)
        scales = Array(repeating: [], count: listCount)
        if listCount >= 64 {
            let groupCount = Int(clampingFloat: Double(listCount).squareRoot(), rounding: .toNearestOrAwayFromZero)
            let grouped = Self.sphericalKMeans(
                trained, dimensions: space, count: groupCount, iterations: 8, using: &rng)
            groups = StoredValues(grouped)
            groupMembers = Array(repeating: [], count: groupCount)
            trained.withUnsafeBufferPointer { c in
                for list in 0..<listCount {
                    let group = Self.best(1, of: c.baseAddress! + list * space, in: grouped, dimensions: space)[0]
                    groupMembers[group].append(Int32(list))
                }
            }
        }
    }

    /// Number of vectors filed.
    public var count: Int { members.reduce(0) { $0 + $1.count } + (mapped?.count ?? 0) }

    /// Files the unit vector `vector` as gallery row `index`.
    @_optimize(speed)
    public mutating func add(index: Int, normalized vector: [Float]) {
        let code = projection?.project(vector) ?? vector
        let unit = projection == nil ? code : FaceVector.normalized(code)
        let list = unit.withUnsafeBufferPointer { nearestLists(to: $0.baseAddress!, count: 1, minimumGroups: 3)[0] }
        members[list].append(Int32(index))
        scales[list].append(QuantizedFaceGallery.quantize(code[...], into: &codes[list]))
    }

    /// The `k` best rows by approximate (int8) score among the `probeLists` lists nearest to the
    /// unit vector `probe`, best first.
    ///
    /// With `stopScore`, the scan ends early — after any list — once the best row so far scores
    /// at least that exactly (`exactScore` gives a row's exact score): a face no impostor reaches
    /// is the probe's mate, and each person has one face, so the lists left cannot change who
    /// comes first. A probe of a known person then reads a few lists instead of all of them.
    @_optimize(speed)
    public func candidates(
        normalized probe: [Float], k: Int, stopScore: Float? = nil,
        exactScore: ((Int) -> Float)? = nil
    ) -> [FaceMatch] {
        let d = space
        let code = projection?.project(probe) ?? probe
        let unit = projection == nil ? code : FaceVector.normalized(code)
        let lists = unit.withUnsafeBufferPointer {
            nearestLists(to: $0.baseAddress!, count: probeLists, minimumGroups: max(3, groupMembers.count / 4))
        }
        var q: [Int8] = []
        q.reserveCapacity(d)
        let probeScale = QuantizedFaceGallery.quantize(code[...], into: &q)
        var top = TopK(k: k)
        var best = (index: -1, score: -Float.infinity)
        var checked = -1
        q.withUnsafeBufferPointer { pq in
            let probeCode = pq.baseAddress!
            for list in lists {
                if let stopScore, let exactScore, best.index >= 0, best.index != checked {
                    checked = best.index
                    if exactScore(best.index) >= stopScore { break }
                }
                if let mapped {
                    let entries = mapped.range(of: list)
                    scan(
                        probeCode, probeScale, codes: mapped.codes + entries.lowerBound * d,
                        scales: UnsafeBufferPointer(rebasing: mapped.scales[entries]),
                        members: mapped.members + entries.lowerBound, into: &top, best: &best)
                }
                codes[list].withUnsafeBufferPointer { c in
                    scales[list].withUnsafeBufferPointer { s in
                        members[list].withUnsafeBufferPointer { m in
                            guard let base = c.baseAddress else { return }
                            scan(
                                probeCode, probeScale, codes: base, scales: s, members: m.baseAddress!, into: &top,
                                best: &best)
                        }
                    }
                }
            }
        }
        return top.sorted()
    }

    /// Offers `top` the approximate scores of the probe's code against `scales.count` entries of one list (codes
    /// `space` bytes each, their rows in `members`), keeping the best entry seen in `best`.
    @inline(__always)
    private func scan(
        _ probeCode: UnsafePointer<Int8>, _ probeScale: Float, codes base: UnsafePointer<Int8>,
        scales s: UnsafeBufferPointer<Float>, members m: UnsafePointer<Int32>, into top: inout TopK,
        best: inout (index: Int, score: Float)
    ) {
        let d = space
        var threshold = top.threshold
        var row = 0
        while row + 4 <= s.count {
            let dots = FaceKernels.dot4(probeCode, rows: base + row * d, count: d)
            for r in 0..<4 {
                let score = Float(dots[r]) * (s[row + r] * probeScale)
                if score >= threshold {
                    top.offer(index: Int(m[row + r]), score: score)
                    threshold = top.threshold
                    if score > best.score { best = (Int(m[row + r]), score) }
                }
            }
            row += 4
        }
        while row < s.count {
            let score = Float(FaceKernels.dot(probeCode, base + row * d, count: d)) * (s[row] * probeScale)
            if score >= threshold {
                top.offer(index: Int(m[row]), score: score)
                threshold = top.threshold
                if score > best.score { best = (Int(m[row]), score) }
            }
            row += 1
        }
    }

    /// The share of `samples` gallery rows found first again when searched with a noisy copy
    /// through these lists with `probeLists` scanned, the best `reranked` by approximate score
    /// re-ranked exactly, stopping early at `stopScore` (as the engine's search does): the index's recall of
    /// mates on this gallery. The noise — a random direction spread evenly over the dimensions,
    /// of length `noise` (about what a second capture adds) — is the capture model of
    /// ``FaceSynthesizer`` and of face models trained to separate people, which put what varies
    /// between photos of one person mostly outside the directions that tell people apart.
    public func mateRecall(
        of gallery: some FaceVectorSource, noise: Float, probeLists: Int, samples: Int, reranked: Int = 256,
        stopScore: Float? = nil, using rng: inout some RandomNumberGenerator
    ) -> Double {
        var probe = self
        probe.probeLists = min(probeLists, listCount)
        guard gallery.count > 0, samples > 0 else { return 1 }
        var found = 0
        var direction = [Float](repeating: 0, count: Self.dimensions)
        for _ in 0..<samples {
            let row = Int.random(in: 0..<gallery.count, using: &rng)
            GaussianNoise.fill(&direction, standardDeviation: 1, using: &rng)
            let length = max(direction.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-6)
            let captured = zip(gallery.vector(at: row), direction).map { $0 + noise * $1 / length }
            let unit = FaceVector.normalized(captured)
            let candidates = probe.candidates(
                normalized: unit, k: reranked, stopScore: stopScore,
                exactScore: { gallery.score(normalized: unit, at: $0) })
            let best = candidates.max { a, b in
                gallery.score(normalized: unit, at: a.index) < gallery.score(normalized: unit, at: b.index)
            }
            if best?.index == row { found += 1 }
        }
        return Double(found) / Double(samples)
    }

    /// The `count` lists whose centroids are nearest to the unit vector at `vector`, best first:
    /// when the centroids are grouped, among those of the best groups — at least
    /// `minimumGroups`, and as many more as hold four times `count` centroids.
    private func nearestLists(to vector: UnsafePointer<Float>, count: Int, minimumGroups: Int) -> [Int] {
        guard !groupMembers.isEmpty else {
            return centroids.withUnsafeBufferPointer { Self.best(count, of: vector, in: $0, dimensions: space) }
        }
        var top = TopK(k: count)
        var taken = 0, centroidsScored = 0
        let bestGroups = groups.withUnsafeBufferPointer {
            Self.best(groupMembers.count, of: vector, in: $0, dimensions: space)
        }
        centroids.withUnsafeBufferPointer { c in
            for group in bestGroups {
                if taken >= minimumGroups && centroidsScored >= 4 * count { break }
                for list in groupMembers[group] {
                    top.offer(
                        index: Int(list),
                        score: FaceKernels.dot(vector, c.baseAddress! + Int(list) * space, count: space))
                }
                taken += 1
                centroidsScored += groupMembers[group].count
            }
        }
        return top.sorted().map(\.index)
    }

    /// Indices of the `count` rows of `rows` (unit vectors of `dimensions`, concatenated) with the
    /// largest dot product with `vector`, best first.
    static func best(_ count: Int, of vector: UnsafePointer<Float>, in rows: [Float], dimensions: Int) -> [Int] {
        rows.withUnsafeBufferPointer { best(count, of: vector, in: $0, dimensions: dimensions) }
    }

    /// ``best(_:of:in:dimensions:)`` of rows in place.
    static func best(
        _ count: Int, of vector: UnsafePointer<Float>, in rows: UnsafeBufferPointer<Float>, dimensions: Int
    ) -> [Int] {
        if count == 1 {
            var best = 0
            var bestScore = -Float.infinity
            forEachScore(vector, rows, dimensions: dimensions) { index, score in
                if score > bestScore {
                    bestScore = score
                    best = index
                }
            }
            return [best]
        }
        var top = TopK(k: count)
        forEachScore(vector, rows, dimensions: dimensions) { top.offer(index: $0, score: $1) }
        return top.sorted().map(\.index)
    }

    /// `count` unit centroids of `points` (unit vectors of `dimensions`, a multiple of 64,
    /// concatenated) by spherical k-means:
    /// `iterations` rounds of filing each point under its nearest centroid and re-centring; an
    /// empty cell restarts at a random point.
    @_optimize(speed)
    static func sphericalKMeans(
        _ points: [Float], dimensions d: Int, count: Int, iterations: Int,
        using rng: inout some RandomNumberGenerator
    ) -> [Float] {
        let n = points.count / d
        var picks = Array(0..<n)
        picks.shuffle(using: &rng)
        var centroids = [Float](repeating: 0, count: count * d)
        for c in 0..<count {
            for j in 0..<d { centroids[c * d + j] = points[picks[c] * d + j] }
        }
        for _ in 0..<iterations {
            var sums = [Float](repeating: 0, count: count * d)
            var counts = [Int](repeating: 0, count: count)
            points.withUnsafeBufferPointer { s in
                for i in 0..<n {
                    let c = best(1, of: s.baseAddress! + i * d, in: centroids, dimensions: d)[0]
                    counts[c] += 1
                    for j in 0..<d { sums[c * d + j] += s[i * d + j] }
                }
            }
            for c in 0..<count {
                if counts[c] == 0 {
                    let i = Int.random(in: 0..<n, using: &rng)
                    for j in 0..<d { sums[c * d + j] = points[i * d + j] }
                }
                var norm: Float = 0
                for j in 0..<d { norm += sums[c * d + j] * sums[c * d + j] }
                let inverse = norm > 0 ? 1 / norm.squareRoot() : 0
                for j in 0..<d { centroids[c * d + j] = sums[c * d + j] * inverse }
            }
        }
        return centroids
    }

    /// Calls `body` with each row's index and its dot product with `vector` (rows of `d`
    /// dimensions, a multiple of 64), in order, four rows at a time.
    @_optimize(speed)
    static func forEachScore(
        _ vector: UnsafePointer<Float>, _ rows: UnsafeBufferPointer<Float>, dimensions d: Int,
        _ body: (Int, Float) -> Void
    ) {
        let count = rows.count / d
        guard count > 0, let c = rows.baseAddress else { return }
        var i = 0
        while i + 4 <= count {
            let s = FaceKernels.dot4(vector, rows: c + i * d, count: d)
            for r in 0..<4 { body(i + r, s[r]) }
            i += 4
        }
        while i < count {
            body(i, FaceKernels.dot(vector, c + i * d, count: d))
            i += 1
        }
    }
}
