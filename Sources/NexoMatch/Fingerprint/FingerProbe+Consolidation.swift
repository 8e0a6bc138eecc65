import Glibc

extension FingerProbe {
    /// Largest position difference of a matched minutia pair after the final fit, pixels.
    static let residual: Float = 16
    /// Largest direction difference of a matched minutia pair after the final fit, degrees.
    static let angleResidual: Float = 25

    /// Fits one rigid transform (least squares, weighted by votes) to the assigned
    /// correspondences, keeps those that agree with it in position and direction, refits once,
    /// and scores the survivors.
    func refit(_ g: PreparedFinger, _ s: FingerMatchScratch, rotation initial: Float)
        -> (score: Double, matched: Int, rotation: Double) {
        let np = finger.xs.count, ng = g.xs.count
        var rho = initial
        var tx: Float = 0, ty: Float = 0
        let alive = s.alive
        alive.initialize(repeating: true, count: s.assignedCount)
        let assigned = UnsafeMutableBufferPointer(start: s.assigned, count: s.assignedCount)
        var matched = 0
        for pass in 0..<3 {
            if pass < 2 {
                // Weighted least-squares rotation and translation over the live correspondences.
                var w: Float = 0, pxm: Float = 0, pym: Float = 0, gxm: Float = 0, gym: Float = 0
                for (k, key) in assigned.enumerated() where alive[k] {
                    let vw = Float(s.votes[Int(key)])
                    let a = Int(key >> 8), c = Int(key & 0xFF)
                    w += vw; pxm += vw * finger.xs[a]; pym += vw * finger.ys[a]; gxm += vw * g.xs[c]; gym += vw * g.ys[c]
                }
                guard w > 0 else { return (0, 0, 0) }
                pxm /= w; pym /= w; gxm /= w; gym /= w
                var sin: Float = 0, cos: Float = 0
                for (k, key) in assigned.enumerated() where alive[k] {
                    let vw = Float(s.votes[Int(key)])
                    let a = Int(key >> 8), c = Int(key & 0xFF)
                    let px = finger.xs[a] - pxm, py = finger.ys[a] - pym, gx = g.xs[c] - gxm, gy = g.ys[c] - gym
                    sin += vw * (gy * px - gx * py)
                    cos += vw * (gx * px + gy * py)
                }
                if sin != 0 || cos != 0 { rho = atan2f(sin, cos) }
                tx = pxm - (gxm * cosf(rho) + gym * sinf(rho))
                ty = pym - (-gxm * sinf(rho) + gym * cosf(rho))
            }
            let cr = cosf(rho), sr = sinf(rho)
            let rhoDegrees = rho * 180 / .pi
            let tolerance = Self.residual * Self.residual
            matched = 0
            for (k, key) in assigned.enumerated() {
                let a = Int(key >> 8), c = Int(key & 0xFF)
                let ex = finger.xs[a] - (g.xs[c] * cr + g.ys[c] * sr + tx)
                let ey = finger.ys[a] - (-g.xs[c] * sr + g.ys[c] * cr + ty)
                var da = FingerAngle.normalized(finger.thetas[a] - g.thetas[c] - rhoDegrees)
                if da > 180 { da = 360 - da }
                alive[k] = ex * ex + ey * ey <= tolerance && da <= Self.angleResidual
                if alive[k] { matched += 1 }
            }
        }
        return (Double(matched * matched) / Double(np * ng), matched, Double(rho))
    }
}
