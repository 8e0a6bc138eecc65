import NexoKit
import NexoTemplateMath

/// A projection of face vectors onto the directions where a gallery's faces vary most (the top
/// principal subspace of their second-moment matrix), for cheap first-pass scores.
///
/// Real face embeddings concentrate the variance between people in a minority of directions;
/// scoring 128 coordinates there instead of all 512 reads a quarter of the bytes and still puts a
/// probe's mate among the few hundred candidates that are then re-scored exactly. On faces that
/// vary alike in every direction the subspace holds a quarter of the variance and is no use:
/// ``capturedShare(of:)`` measures how much it holds, and callers decide.
public struct FaceProjection: Sendable {
    /// Dimensions of a face vector.
    public static let dimensions = FaceTemplate.dimensions
    /// Dimensions projected onto.
    public let rank: Int
    /// Orthonormal basis vectors, `rank` rows of 512.
    let basis: StoredValues<Float>

    /// A projection onto `basis` (`rank` orthonormal rows of 512), as saved in an index file; `nil` when the
    /// sizes disagree.
    init?(rank: Int, basis: StoredValues<Float>) {
        guard rank % 64 == 0, rank > 0, rank <= Self.dimensions, basis.count == rank * Self.dimensions else {
            return nil
        }
        self.rank = rank
        self.basis = basis
    }

    /// The `rank`-dimensional principal subspace of `sample` (unit vectors, concatenated) found
    /// by subspace iteration on its second-moment matrix; `rank` must be a multiple of 64.
    @_optimize(speed)
    public init(sample: [Float], rank: Int, iterations: Int = 8, using rng: inout some RandomNumberGenerator) {
        let d = Self.dimensions
        precondition(
            rank % 64 == 0 && rank > 0 && rank <= d, "the rank must be a positive multiple of 64, at most \(d)")
        self.rank = rank
        let n = sample.count / d
        // Second moment C = XᵀX / n (symmetric; all of it is filled).
        var moment = [Float](repeating: 0, count: d * d)
        sample.withUnsafeBufferPointer { x in
            moment.withUnsafeMutableBufferPointer { c in
                Self.accumulateMoment(x.baseAddress!, count: n, into: c.baseAddress!)
            }
        }
        let scale = 1 / Float(max(n, 1))
        for i in moment.indices { moment[i] *= scale }
        // Subspace iteration: V ← orthonormalise(C·V), `rank` vectors at once.
        var vectors = [Float](repeating: 0, count: rank * d)
        GaussianNoise.fill(&vectors, standardDeviation: 1, using: &rng)
        Self.orthonormalise(&vectors, rank: rank)
        var product = [Float](repeating: 0, count: rank * d)
        for _ in 0..<iterations {
            moment.withUnsafeBufferPointer { c in
                vectors.withUnsafeBufferPointer { v in
                    product.withUnsafeMutableBufferPointer { p in
                        Self.multiply(c.baseAddress!, v.baseAddress!, rank: rank, into: p.baseAddress!)
                    }
                }
            }
            swap(&vectors, &product)
            Self.orthonormalise(&vectors, rank: rank)
        }
        basis = StoredValues(vectors)
    }

    /// The mean share of squared length that `vectors` (unit vectors, concatenated) keep in the
    /// subspace: the variance it captures. Measure it on vectors the projection was not computed
    /// from (on its own sample it is optimistic: the top directions of a finite sample fit its noise).
    @_optimize(speed)
    public func capturedShare(of vectors: [Float]) -> Double {
        let d = Self.dimensions
        let n = vectors.count / d
        guard n > 0 else { return 0 }
        var total = 0.0
        for i in 0..<n {
            let p = project(Array(vectors[i * d..<(i + 1) * d]))
            total += Double(p.reduce(0) { $0 + $1 * $1 })
        }
        return total / Double(n)
    }

    /// The `rank` coordinates of `vector` in the subspace.
    @_optimize(speed)
    public func project(_ vector: [Float]) -> [Float] {
        let d = Self.dimensions
        var out = [Float](repeating: 0, count: rank)
        vector.withUnsafeBufferPointer { x in
            basis.withUnsafeBufferPointer { b in
                for r in 0..<rank { out[r] = FaceKernels.dot(x.baseAddress!, b.baseAddress! + r * d, count: d) }
            }
        }
        return out
    }

    /// Adds `x xᵀ` of each of the `count` rows of 512 at `rows` to the 512 × 512 matrix at `c`,
    /// sixteen columns at a time.
    @_optimize(speed)
    static func accumulateMoment(_ rows: UnsafePointer<Float>, count: Int, into c: UnsafeMutablePointer<Float>) {
        let d = dimensions
        let raw = UnsafeMutableRawPointer(c)
        for v in 0..<count {
            let row = UnsafeRawPointer(rows + v * d)
            for i in 0..<d {
                let weight = SIMD16<Float>(repeating: rows[v * d + i])
                var offset = 0
                while offset < d * 4 {
                    let target = raw + (i * d * 4 + offset)
                    let sum =
                        target.loadUnaligned(as: SIMD16<Float>.self)
                        + weight * row.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                    target.storeBytes(of: sum, as: SIMD16<Float>.self)
                    offset += 64
                }
            }
        }
    }

    /// `rank` rows of `C·v` for the symmetric 512 × 512 matrix `c` and the rows `v`.
    @_optimize(speed)
    static func multiply(
        _ c: UnsafePointer<Float>, _ v: UnsafePointer<Float>, rank: Int, into out: UnsafeMutablePointer<Float>
    ) {
        let d = dimensions
        for r in 0..<rank {
            for i in 0..<d { out[r * d + i] = FaceKernels.dot(c + i * d, v + r * d, count: d) }
        }
    }

    /// Modified Gram–Schmidt on `rank` rows of 512 (a row that collapses is left at zero).
    @_optimize(speed)
    static func orthonormalise(_ rows: inout [Float], rank: Int) {
        rows.withUnsafeMutableBufferPointer { orthonormalise($0.baseAddress!, rank: rank) }
    }

    @_optimize(speed)
    static func orthonormalise(_ base: UnsafeMutablePointer<Float>, rank: Int) {
        let d = dimensions
        for r in 0..<rank {
            let row = base + r * d
            for earlier in 0..<r {
                let other = base + earlier * d
                let projection = FaceKernels.dot(UnsafePointer(row), UnsafePointer(other), count: d)
                for j in 0..<d { row[j] -= projection * other[j] }
            }
            let norm = FaceKernels.dot(UnsafePointer(row), UnsafePointer(row), count: d).squareRoot()
            let inverse: Float = norm > 1e-12 ? 1 / norm : 0
            for j in 0..<d { row[j] *= inverse }
        }
    }
}
