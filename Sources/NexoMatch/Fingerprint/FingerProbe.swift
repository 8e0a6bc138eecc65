import Glibc
import NexoKit
import NexoTemplateMath

/// The result of comparing two fingers.
public struct FingerComparison: Sendable, Hashable {
    /// Similarity 0...1: matched² / (probe minutiae × gallery minutiae). Turn it into a
    /// false-match rate with ``FingerScoreCalibration``.
    public var score: Double
    /// Number of minutia pairs matched one-to-one.
    public var matchedMinutiae: Int
    /// Rotation from the gallery finger to the probe, degrees counter-clockwise.
    public var rotation: Double

    /// No match at all.
    public static let none = FingerComparison(score: 0, matchedMinutiae: 0, rotation: 0)
}

/// A probe finger ready to be compared with many ``PreparedFinger``s: its edges are entered in a
/// dense table under every code within tolerance, so each gallery edge finds its candidate
/// partners with one lookup.
///
/// The comparison (our own design, after the minutia-pair matchers in the literature):
/// 1. every gallery edge looks up the probe edges with a compatible (length, αi, αj); each hit
///    proposes two minutia correspondences and a rotation;
/// 2. the rotations vote; hits within ±17° of the winning rotation are kept;
/// 3. their translations (edge midpoints after rotation) vote on a 32-pixel grid; hits within
///    36 pixels of the winning cell's mean are kept — pairs are local, so this tolerates the
///    elastic distortion a single alignment of all minutiae would not;
/// 4. kept hits vote for their two correspondences; a greedy one-to-one assignment takes those
///    supported by two edges or more, best supported first;
/// 5. one rigid transform is fitted to them (least squares, weighted by votes) and refitted
///    once; pairs more than 16 pixels or 25° from it are dropped. With m pairs left out of
///    n and n' minutiae, the score is m² / (n·n').
///
/// Build it once per search (about 30 KB, well under a millisecond) and share it between
/// threads; each thread brings its own ``FingerMatchScratch``.
public struct FingerProbe: Sendable {
    /// The prepared probe finger.
    public let finger: PreparedFinger
    /// `offsets[code]..<offsets[code + 1]` index the entries under `code`; 16-bit when the
    /// entries allow (half the cache footprint), else empty and `wideOffsets` is used.
    let offsets: [UInt16]
    let wideOffsets: [UInt32]
    /// Probe edges in both directions: `a | b << 8 | φ << 16`.
    let entries: [UInt32]
    /// The codes with at least one entry, one bit each (for the prefilter).
    public let coverage: [UInt64]
    /// The share of all codes set in ``coverage``.
    public let coverageShare: Double
    /// The probe's minutiae ordered by x, and their xs in that order: the geometric completion
    /// after a fit looks only at those within its tolerance of a gallery minutia's x.
    let minutiaeByX: [UInt8]
    let xsInOrder: [Float]
    /// Where each column of ``columnWidth`` pixels starts in ``xsInOrder``, from its first x: the
    /// completion finds its window in one step instead of a binary search.
    let xColumnStarts: [UInt16]
    /// Width of a column of ``xColumnStarts``: the completion's window (twice its tolerance).
    static let columnWidth: Float = 2 * (residual + 1)
    static let inverseColumnWidth: Float = 1 / columnWidth

    /// Builds the probe's lookup table.
    public init(_ finger: PreparedFinger) {
        self.finger = finger
        let geometry = PreparedFinger.geometry
        func forEachEntry(_ body: (Int, UInt32) -> Void) {
            PreparedFinger.forEachEdge(finger.xs, finger.ys, finger.thetas, geometry: geometry) {
                i, j, length, phi, ai, aj in
                let forward = UInt32(i) | UInt32(j) << 8 | UInt32(FingerAngle.byte(phi)) << 16
                geometry.tolerantCodes(length: length, alphaI: ai, alphaJ: aj) { body($0, forward) }
                // The same pair seen from j: direction φ + 180°, both relative angles shift by 180°.
                let backward = UInt32(j) | UInt32(i) << 8 | UInt32(FingerAngle.byte(phi + 180)) << 16
                geometry.tolerantCodes(
                    length: length, alphaI: FingerAngle.normalized(aj - 180),
                    alphaJ: FingerAngle.normalized(ai - 180)
                ) { body($0, backward) }
            }
        }
        var offsets = [UInt32](repeating: 0, count: geometry.codeCount + 1)
        forEachEntry { code, _ in offsets[code + 1] += 1 }
        for c in 0..<geometry.codeCount { offsets[c + 1] += offsets[c] }
        var fill = offsets
        // Padded so that a lookup can always read ``unrolledEntries`` entries.
        var entries = [UInt32](repeating: 0, count: Int(offsets[geometry.codeCount]) + Self.unrolledEntries)
        forEachEntry { code, entry in
            entries[Int(fill[code])] = entry
            fill[code] += 1
        }
        var coverage = [UInt64](repeating: 0, count: FingerSignature.wordCount)
        for c in 0..<geometry.codeCount where offsets[c] < offsets[c + 1] { coverage[c >> 6] |= 1 << UInt64(c & 63) }
        self.coverage = coverage
        coverageShare = Double(coverage.reduce(0) { $0 + $1.nonzeroBitCount }) / Double(geometry.codeCount)
        if offsets[geometry.codeCount] <= UInt32(UInt16.max) {
            self.offsets = offsets.map { UInt16($0) }
            self.wideOffsets = []
        } else {
            self.offsets = []
            self.wideOffsets = offsets
        }
        self.entries = entries
        minutiaeByX = finger.xs.indices.sorted { (finger.xs[$0], $0) < (finger.xs[$1], $1) }.map {
            UInt8(truncatingIfNeeded: $0)
        }
        xsInOrder = minutiaeByX.map { finger.xs[Int($0)] }
        // Minutiae lie inside the image (checked at the door), so there are few columns.
        var starts: [UInt16] = []
        if let first = xsInOrder.first, let last = xsInOrder.last {
            let count = Int(clampingFloat: (last - first) * Self.inverseColumnWidth) + 1
            starts = [UInt16](repeating: 0, count: count + 1)
            var k = 0
            for column in 0...count {
                let from = first + Float(column) * Self.columnWidth
                while k < xsInOrder.count && xsInOrder[k] < from { k += 1 }
                starts[column] = UInt16(k)
            }
        }
        xColumnStarts = starts
    }

    /// Compares the probe with `gallery`, reusing `scratch` (one per thread).
    public func compare(_ gallery: PreparedFinger, scratch: FingerMatchScratch) -> FingerComparison {
        let result = match(gallery, scratch)
        scratch.clear()
        return result
    }

    /// Compares the probe with `gallery` and lists the matched minutiae (probe index, gallery
    /// index), best supported first — for explanations, not for scanning.
    public func correspondences(_ gallery: PreparedFinger) -> (FingerComparison, [(probe: Int, gallery: Int)]) {
        let scratch = FingerMatchScratch()
        let result = match(gallery, scratch)
        var pairs: [(probe: Int, gallery: Int)] = []
        for k in 0..<scratch.assignedCount where scratch.alive[k] {
            pairs.append((probe: Int(scratch.assigned[k] >> 8), gallery: Int(scratch.assigned[k] & 0xFF)))
        }
        scratch.clear()
        return (result, pairs)
    }

    /// The candidate pairs of step 1 (`probe entry | gallery edge << 24 | rotation << 48`, in
    /// gathering order) and the rotation votes, for tests of the table lookup.
    func candidatePairs(_ gallery: PreparedFinger) -> (candidates: [UInt64], votes: [UInt32]) {
        let s = FingerMatchScratch()
        s.rotationVotes.initialize(repeating: 0, count: 32)
        if !offsets.isEmpty {
            offsets.withUnsafeBufferPointer { gather(gallery, $0, s) }
        } else {
            wideOffsets.withUnsafeBufferPointer { gather(gallery, $0, s) }
        }
        return (
            Array(UnsafeBufferPointer(start: s.candidates, count: s.candidateCount)),
            Array(UnsafeBufferPointer(start: s.rotationVotes, count: 32))
        )
    }

    /// Rotation window half-width, 256ths of a turn (12 ≈ 17°).
    static let rotationTolerance: Int32 = 12
    /// Translation tolerance of the edge vote, pixels.
    static let translationTolerance: Float = 36
    /// Votes a correspondence needs (edges supporting it) to be assigned.
    static let minVotes = 2
    /// Translation vote cell, pixels.
    static let cell: Float = 32

    private func match(_ g: PreparedFinger, _ s: FingerMatchScratch) -> FingerComparison {
        let np = finger.xs.count
        let ng = g.xs.count
        guard np >= 3, ng >= 3 else { return .none }
        // 1. Candidate edge pairs and rotation votes.
        let votes = s.rotationVotes
        votes.initialize(repeating: 0, count: 32)
        if !offsets.isEmpty {
            offsets.withUnsafeBufferPointer { gather(g, $0, s) }
        } else {
            wideOffsets.withUnsafeBufferPointer { gather(g, $0, s) }
        }
        guard s.candidateCount >= 2 else { return .none }
        // 2. The winning rotation: best window of three 8-unit bins.
        var best = 0
        var bestVotes: UInt32 = 0
        for w in 0..<32 {
            let v = votes[(w + 31) & 31] &+ votes[w] &+ votes[(w + 1) & 31]
            if v > bestVotes { bestVotes = v; best = w }
        }
        // The rotation: mean of the three bins' centres weighted by their votes.
        let left = Float(votes[(best + 31) & 31]), middle = Float(votes[best]), right = Float(votes[(best + 1) & 31])
        guard left + middle + right >= 2 else { return .none }
        let rotationUnits = Float(best * 8 + 4) + 8 * (right - left) / (left + middle + right)
        let centre = Int32(best * 8 + 4)
        let tolerance = Self.rotationTolerance
        let rho = rotationUnits * 2 * .pi / 256
        let cosR = cosf(rho)
        let sinR = sinf(rho)
        // 3. Translations of the pairs in the rotation window (edge midpoints), voted on a grid.
        let candidates = s.candidates
        let candidateCount = s.candidateCount
        var keptCount = 0
        let kept = s.kept, txs = s.tx, tys = s.ty, cells = s.cells, keptCells = s.keptCells
        var bestCell = 0
        var bestCellVotes: UInt8 = 0
        finger.xs.withUnsafeBufferPointer { pxs in
            finger.ys.withUnsafeBufferPointer { pys in
                g.xs.withUnsafeBufferPointer { gxs in
                    g.ys.withUnsafeBufferPointer { gys in
                        // Candidates in the rotation window, compacted without a branch.
                        var inWindow = 0
                        for k in 0..<candidateCount {
                            let c = candidates[k]
                            let dev = ((Int32(truncatingIfNeeded: c >> 48) &- centre &+ 128) & 255) &- 128
                            kept[inWindow] = c
                            // 1 when |dev| ≤ tolerance, from the sign bit (a `?:` here became a branch).
                            inWindow &+= 1 &- Int(UInt32(bitPattern: tolerance &- abs(dev)) >> 31)
                        }
                        for k in 0..<inWindow {
                            let c = kept[k]
                            let a = Int(c & 0xFF), b = Int((c >> 8) & 0xFF)
                            let gc = Int((c >> 24) & 0xFF), gd = Int((c >> 32) & 0xFF)
                            let mxp = (pxs[a] + pxs[b]) * 0.5, myp = (pys[a] + pys[b]) * 0.5
                            let mxg = (gxs[gc] + gxs[gd]) * 0.5, myg = (gys[gc] + gys[gd]) * 0.5
                            let tx = mxp - (mxg * cosR + myg * sinR)
                            let ty = myp - (-mxg * sinR + myg * cosR)
                            kept[keptCount] = c
                            txs[keptCount] = tx
                            tys[keptCount] = ty
                            let cell = FingerMatchScratch.cellIndex(tx, ty)
                            keptCells[keptCount] = UInt16(cell)
                            keptCount += 1
                            let v = cells[cell] &+ (cells[cell] < 255 ? 1 : 0)
                            cells[cell] = v
                            if v > bestCellVotes { bestCellVotes = v; bestCell = cell }
                        }
                    }
                }
            }
        }
        s.keptCount = keptCount
        // The reference translation: the mean over the winning cell.
        var sumX: Float = 0, sumY: Float = 0, n: Float = 0
        for k in 0..<keptCount where Int(keptCells[k]) == bestCell {
            sumX += txs[k]; sumY += tys[k]; n += 1
        }
        guard n > 0 else { return .none }
        let refX = sumX / n, refY = sumY / n
        let translationTolerance = Self.translationTolerance * Self.translationTolerance
        // 4. Correspondence votes from consistent pairs, then greedy one-to-one assignment.
        let voteTable = s.votes, touched = s.touched
        var touchedCount = s.touchedCount
        for k in 0..<keptCount {
            let dx = txs[k] - refX, dy = tys[k] - refY
            guard dx * dx + dy * dy <= translationTolerance else { continue }
            let c = kept[k]
            FingerMatchScratch.vote(Int(c & 0xFF), Int((c >> 24) & 0xFF), voteTable, touched, &touchedCount)
            FingerMatchScratch.vote(Int((c >> 8) & 0xFF), Int((c >> 32) & 0xFF), voteTable, touched, &touchedCount)
        }
        s.touchedCount = touchedCount
        _ = s.assign(minVotes: Self.minVotes)
        let fit = refit(g, s, rotation: rho)
        return FingerComparison(score: fit.score, matchedMinutiae: fit.matched, rotation: fit.rotation * 180 / .pi)
    }

    /// Entries a gallery edge copies without a branch (the table is padded by as many), so the
    /// usual 0–4 candidates per lookup cost no mispredicted branch; more take a short loop.
    static let unrolledEntries = 4

    /// Step 1 of the comparison: every gallery edge looks up its code; each probe entry there is
    /// a candidate pair, and votes for its rotation.
    @inline(__always)
    private func gather<Offset: FixedWidthInteger>(
        _ g: PreparedFinger, _ off: UnsafeBufferPointer<Offset>,
        _ s: FingerMatchScratch
    ) {
        let votes = s.rotationVotes
        entries.withUnsafeBufferPointer { ent in
            g.edgeCodes.withUnsafeBufferPointer { codes in
                g.edgeEnds.withUnsafeBufferPointer { ends in
                    guard let table = ent.baseAddress else { return }
                    var n = 0
                    var out = s.candidates
                    var capacity = s.capacity
                    for e in 0..<codes.count {
                        let code = Int(codes[e])
                        let lo = Int(off[code])
                        let count = Int(off[code + 1]) &- lo
                        if n &+ max(count, Self.unrolledEntries) > capacity {
                            s.candidateCount = n
                            s.reserve(n &+ max(count, Self.unrolledEntries))
                            out = s.candidates
                            capacity = s.capacity
                        }
                        let ge = UInt64(ends[e]) << 24
                        let gphi = UInt32(ends[e] >> 16)
                        let from = table + lo, to = out + n
                        @inline(__always) func candidate(_ pe: UInt32) -> UInt64 {
                            UInt64(pe) | ge | UInt64(((pe >> 16) &- gphi) & 255) << 48
                        }
                        // Slots past `count` are overwritten by the next edge's candidates.
                        to[0] = candidate(from[0])
                        to[1] = candidate(from[1])
                        to[2] = candidate(from[2])
                        to[3] = candidate(from[3])
                        if count > Self.unrolledEntries {
                            for k in Self.unrolledEntries..<count { to[k] = candidate(from[k]) }
                        }
                        n &+= count
                    }
                    for k in 0..<n { votes[Int(truncatingIfNeeded: out[k] >> 51)] &+= 1 }
                    s.candidateCount = n
                }
            }
        }
    }
}
