/// The popcount inner loop of iris comparisons.
enum IrisKernels {
    /// `1/√n` for n in 0...2048 (0 for n = 0), so ranking shifts needs neither division nor root.
    static let inverseSquareRoots: [Double] = (0 ... 2048).map { $0 == 0 ? 0 : 1 / Double($0).squareRoot() }

    /// Compares one gallery entry (32 code + 32 mask words) with every rotated probe (64 words
    /// each, `shifts` of them) and returns the rotation with the highest `(n − 2d)/√n` — the
    /// lowest Daugman-normalised distance — with its disagreeing bits `d` and compared bits `n`.
    /// With no bit compared at any rotation, returns the first rotation with d = n = 0.
    @inline(__always) @_optimize(speed)
    static func best(entry: UnsafePointer<UInt64>, rotations: UnsafePointer<UInt64>, shifts: Int,
                     inverseRoots: UnsafePointer<Double>) -> (shift: Int, d: UInt64, n: UInt64) {
        let g = UnsafeRawPointer(entry)
        let c0 = g.loadUnaligned(fromByteOffset: 0, as: SIMD8<UInt64>.self)
        let c1 = g.loadUnaligned(fromByteOffset: 64, as: SIMD8<UInt64>.self)
        let c2 = g.loadUnaligned(fromByteOffset: 128, as: SIMD8<UInt64>.self)
        let c3 = g.loadUnaligned(fromByteOffset: 192, as: SIMD8<UInt64>.self)
        let m0 = g.loadUnaligned(fromByteOffset: 256, as: SIMD8<UInt64>.self)
        let m1 = g.loadUnaligned(fromByteOffset: 320, as: SIMD8<UInt64>.self)
        let m2 = g.loadUnaligned(fromByteOffset: 384, as: SIMD8<UInt64>.self)
        let m3 = g.loadUnaligned(fromByteOffset: 448, as: SIMD8<UInt64>.self)
        var bestShift = 0, bestD: UInt64 = 0, bestN: UInt64 = 0
        var bestScore = -Double.infinity
        var p = UnsafeRawPointer(rotations)
        for s in 0 ..< shifts {
            let v0 = p.loadUnaligned(fromByteOffset: 256, as: SIMD8<UInt64>.self) & m0
            let v1 = p.loadUnaligned(fromByteOffset: 320, as: SIMD8<UInt64>.self) & m1
            let v2 = p.loadUnaligned(fromByteOffset: 384, as: SIMD8<UInt64>.self) & m2
            let v3 = p.loadUnaligned(fromByteOffset: 448, as: SIMD8<UInt64>.self) & m3
            let x0 = (p.loadUnaligned(fromByteOffset: 0, as: SIMD8<UInt64>.self) ^ c0) & v0
            let x1 = (p.loadUnaligned(fromByteOffset: 64, as: SIMD8<UInt64>.self) ^ c1) & v1
            let x2 = (p.loadUnaligned(fromByteOffset: 128, as: SIMD8<UInt64>.self) ^ c2) & v2
            let x3 = (p.loadUnaligned(fromByteOffset: 192, as: SIMD8<UInt64>.self) ^ c3) & v3
            let n = ((v0.nonzeroBitCount &+ v1.nonzeroBitCount) &+ (v2.nonzeroBitCount &+ v3.nonzeroBitCount)).wrappedSum()
            let d = ((x0.nonzeroBitCount &+ x1.nonzeroBitCount) &+ (x2.nonzeroBitCount &+ x3.nonzeroBitCount)).wrappedSum()
            let score = Double(Int64(bitPattern: n &- 2 &* d)) * inverseRoots[Int(n)]
            if score > bestScore {
                bestScore = score
                bestShift = s
                bestD = d
                bestN = n
            }
            p += 512
        }
        return (bestShift, bestD, bestN)
    }
}
