/// The popcount inner loop of iris comparisons.
enum IrisKernels {
    /// `1/√n` for n in 0...2048 (0 for n = 0), so ranking shifts needs neither division nor root.
    static let inverseSquareRoots: [Double] = (0...2048).map { $0 == 0 ? 0 : 1 / Double($0).squareRoot() }

    /// Per-lane counts of one rotation against the entry: bits valid in both masks (`n`) and,
    /// among them, bits that disagree (`d`); each lane is at most 256.
    @inline(__always)
    static func laneCounts(
        _ p: UnsafeRawPointer,
        _ c0: SIMD8<UInt64>, _ c1: SIMD8<UInt64>, _ c2: SIMD8<UInt64>, _ c3: SIMD8<UInt64>,
        _ m0: SIMD8<UInt64>, _ m1: SIMD8<UInt64>, _ m2: SIMD8<UInt64>, _ m3: SIMD8<UInt64>
    )
        -> (n: SIMD8<UInt64>, d: SIMD8<UInt64>)
    {
        let v0 = p.loadUnaligned(fromByteOffset: 256, as: SIMD8<UInt64>.self) & m0
        let v1 = p.loadUnaligned(fromByteOffset: 320, as: SIMD8<UInt64>.self) & m1
        let v2 = p.loadUnaligned(fromByteOffset: 384, as: SIMD8<UInt64>.self) & m2
        let v3 = p.loadUnaligned(fromByteOffset: 448, as: SIMD8<UInt64>.self) & m3
        let x0 = (p.loadUnaligned(fromByteOffset: 0, as: SIMD8<UInt64>.self) ^ c0) & v0
        let x1 = (p.loadUnaligned(fromByteOffset: 64, as: SIMD8<UInt64>.self) ^ c1) & v1
        let x2 = (p.loadUnaligned(fromByteOffset: 128, as: SIMD8<UInt64>.self) ^ c2) & v2
        let x3 = (p.loadUnaligned(fromByteOffset: 192, as: SIMD8<UInt64>.self) ^ c3) & v3
        let n = (v0.nonzeroBitCount &+ v1.nonzeroBitCount) &+ (v2.nonzeroBitCount &+ v3.nonzeroBitCount)
        let d = (x0.nonzeroBitCount &+ x1.nonzeroBitCount) &+ (x2.nonzeroBitCount &+ x3.nonzeroBitCount)
        return (SIMD8(truncatingIfNeeded: n), SIMD8(truncatingIfNeeded: d))
    }

    /// Compares one gallery entry (32 code + 32 mask words) with every rotated probe (64 words
    /// each, `shifts` of them) and returns the rotation with the highest `(n − 2d)/√n` — the
    /// lowest Daugman-normalised distance — with its disagreeing bits `d` and compared bits `n`.
    /// Ties go to the earlier rotation. With no bit compared at any rotation, returns the first
    /// rotation with d = n = 0.
    ///
    /// Two rotations share one horizontal sum: their per-lane counts (each lane ≤ 256, a sum
    /// over 8 lanes ≤ 2048) are packed into the four 16-bit fields of each lane, so a single
    /// reduction yields n and d of both. The best is kept without branches.
    @inline(__always) @_optimize(speed)
    static func best(
        entry: UnsafePointer<UInt64>, rotations: UnsafePointer<UInt64>, shifts: Int,
        inverseRoots: UnsafePointer<Double>
    ) -> (shift: Int, d: UInt64, n: UInt64) {
        let g = UnsafeRawPointer(entry)
        let c0 = g.loadUnaligned(fromByteOffset: 0, as: SIMD8<UInt64>.self)
        let c1 = g.loadUnaligned(fromByteOffset: 64, as: SIMD8<UInt64>.self)
        let c2 = g.loadUnaligned(fromByteOffset: 128, as: SIMD8<UInt64>.self)
        let c3 = g.loadUnaligned(fromByteOffset: 192, as: SIMD8<UInt64>.self)
        let m0 = g.loadUnaligned(fromByteOffset: 256, as: SIMD8<UInt64>.self)
        let m1 = g.loadUnaligned(fromByteOffset: 320, as: SIMD8<UInt64>.self)
        let m2 = g.loadUnaligned(fromByteOffset: 384, as: SIMD8<UInt64>.self)
        let m3 = g.loadUnaligned(fromByteOffset: 448, as: SIMD8<UInt64>.self)
        // best: shift | d << 16 | n << 32.
        var best: UInt64 = 0
        var bestScore = -Double.infinity
        @inline(__always) func offer(_ s: Int, _ n: UInt64, _ d: UInt64) {
            let score = Double(Int64(bitPattern: n &- 2 &* d)) * inverseRoots[Int(n)]
            let better = score > bestScore
            bestScore = better ? score : bestScore
            best = better ? UInt64(s) | d << 16 | n << 32 : best
        }
        var p = UnsafeRawPointer(rotations)
        var s = 0
        while s + 1 < shifts {
            let a = laneCounts(p, c0, c1, c2, c3, m0, m1, m2, m3)
            let b = laneCounts(p + 512, c0, c1, c2, c3, m0, m1, m2, m3)
            let sums = (a.n | a.d &<< 16 | b.n &<< 32 | b.d &<< 48).wrappedSum()
            offer(s, sums & 0xFFFF, sums >> 16 & 0xFFFF)
            offer(s + 1, sums >> 32 & 0xFFFF, sums >> 48)
            p += 1024
            s += 2
        }
        if s < shifts {
            let a = laneCounts(p, c0, c1, c2, c3, m0, m1, m2, m3)
            let sums = (a.n | a.d &<< 16).wrappedSum()
            offer(s, sums & 0xFFFF, sums >> 16)
        }
        return (Int(best & 0xFFFF), best >> 16 & 0xFFFF, best >> 32)
    }
}
