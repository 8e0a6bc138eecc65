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
        -> (score: Double, matched: Int, rotation: Double)
    {
        let np = finger.xs.count, ng = g.xs.count
        var rho = initial
        var tx: Float = 0, ty: Float = 0
        let alive = s.alive
        alive.initialize(repeating: true, count: s.assignedCount)
        let assigned = UnsafeMutableBufferPointer(start: s.assigned, count: s.assignedCount)
        var matched = 0
        var cr: Float = 1, sr: Float = 0
        for pass in 0..<3 {
            if pass < 2 {
                // Weighted least-squares rotation and translation over the live correspondences.
                var w: Float = 0, pxm: Float = 0, pym: Float = 0, gxm: Float = 0, gym: Float = 0
                for (k, key) in assigned.enumerated() where alive[k] {
                    let vw = Float(s.votes[Int(key)])
                    let a = Int(key >> 8), c = Int(key & 0xFF)
                    w += vw; pxm += vw * finger.xs[a]; pym += vw * finger.ys[a]; gxm += vw * g.xs[c];
                    gym += vw * g.ys[c]
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
            cr = cosf(rho)
            sr = sinf(rho)
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
        if matched >= Self.completionFrom {
            matched += complete(g, s, rotation: rho, cos: cr, sin: sr, tx: tx, ty: ty)
        }
        return (Double(matched * matched) / Double(np * ng), matched, Double(rho))
    }

    /// Pairs found through the edges before the alignment is trusted enough to pair the rest.
    static let completionFrom = 3

    /// Pairs the minutiae the edge votes left unpaired, now that the alignment is known: each
    /// unpaired probe minutia with the nearest unpaired gallery minutia that the fitted transform
    /// puts within ``residual`` pixels and ``angleResidual`` degrees of it, nearest pairs first,
    /// one to one. The votes cannot pair a minutia with fewer than two neighbours in the edge
    /// length range, nor one whose edges voted for a wrong partner first; the geometry can.
    /// Appends the pairs to the scratch's live assignments; returns how many.
    private func complete(
        _ g: PreparedFinger, _ s: FingerMatchScratch, rotation rho: Float, cos cr: Float, sin sr: Float,
        tx: Float, ty: Float
    ) -> Int {
        let np = finger.xs.count, ng = g.xs.count
        // Runs on most comparisons, impostors included: scratch buffers only, no allocation.
        let usedProbe = s.usedProbe, usedGallery = s.usedGallery, near = s.nearPairs
        usedProbe.update(repeating: false, count: np)
        usedGallery.update(repeating: false, count: ng)
        // The live pairs first (the dropped ones are forgotten), so that all fit in `assigned`:
        // one to one, they are at most min(np, ng) ≤ 255.
        var live = 0
        for k in 0..<s.assignedCount where s.alive[k] {
            usedProbe[Int(s.assigned[k] >> 8)] = true
            usedGallery[Int(s.assigned[k] & 0xFF)] = true
            s.assigned[live] = s.assigned[k]
            s.alive[live] = true
            live += 1
        }
        s.assignedCount = live
        let rhoDegrees = rho * 180 / .pi
        let tolerance = Self.residual * Self.residual
        // Candidate pairs within tolerance as `cost bits << 16 | probe << 8 | gallery`: the cost is
        // a non-negative float, whose bit pattern orders as the float does, so sorting the keys
        // orders by cost, then probe, then gallery.
        var nearCount = 0
        guard let firstX = xsInOrder.first else { return 0 }
        let xs = xsInOrder, byX = minutiaeByX, columns = xColumnStarts
        let window = Self.residual + 1
        for c in 0..<ng where !usedGallery[c] {
            let gx = g.xs[c] * cr + g.ys[c] * sr + tx, gy = -g.xs[c] * sr + g.ys[c] * cr + ty
            // Only probe minutiae whose x is within the tolerance (one pixel wider, so rounding
            // cannot lose a pair the exact test below would keep): from the start of the column
            // of x - window, skip the few below it, then scan up to x + window.
            let column = (gx - window - firstX) * Self.inverseColumnWidth
            guard column < Float(columns.count - 1) else { continue }
            var k = column <= 0 ? 0 : Int(columns[Int(column)])
            while k < np && xs[k] < gx - window { k += 1 }
            while k < np && xs[k] <= gx + window {
                let a = Int(byX[k])
                k += 1
                if usedProbe[a] { continue }
                let ex = finger.xs[a] - gx, ey = finger.ys[a] - gy
                let squared = ex * ex + ey * ey
                guard squared <= tolerance else { continue }
                var da = FingerAngle.normalized(finger.thetas[a] - g.thetas[c] - rhoDegrees)
                if da > 180 { da = 360 - da }
                if da <= Self.angleResidual {
                    let cost = squared + da * da / 1_000
                    near[nearCount] = UInt64(cost.bitPattern) << 16 | UInt64(a) << 8 | UInt64(c)
                    nearCount += 1
                }
            }
        }
        guard nearCount > 0 else { return 0 }
        var sortable = UnsafeMutableBufferPointer(start: near, count: nearCount)
        sortable.sort()
        var added = 0
        for k in 0..<nearCount {
            let a = Int(near[k] >> 8 & 0xFF), c = Int(near[k] & 0xFF)
            guard !usedProbe[a] && !usedGallery[c] else { continue }
            usedProbe[a] = true
            usedGallery[c] = true
            s.assigned[s.assignedCount] = UInt16(a << 8 | c)
            s.alive[s.assignedCount] = true
            s.assignedCount += 1
            added += 1
        }
        return added
    }
}
