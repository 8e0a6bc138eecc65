/// Working memory for finger comparisons, reused from one comparison to the next (about 80 KB
/// plus room for candidates, which grows as needed). It holds no result between calls.
///
/// Like a database statement, it is a resource tied to one thread: create one per thread or
/// task that compares fingers; it is deliberately not `Sendable`.
public final class FingerMatchScratch {
    static let cellSide = 64
    static let cellCount = cellSide * cellSide

    /// Candidate edge pairs: `probe entry | gallery edge << 24 | rotation << 48`.
    var candidates: UnsafeMutablePointer<UInt64>
    /// Candidates kept after the rotation vote, and their translations.
    var kept: UnsafeMutablePointer<UInt64>
    var tx: UnsafeMutablePointer<Float>
    var ty: UnsafeMutablePointer<Float>
    var keptCells: UnsafeMutablePointer<UInt16>
    var capacity: Int
    var candidateCount = 0
    var keptCount = 0
    let rotationVotes = UnsafeMutablePointer<UInt32>.allocate(capacity: 32)
    let cells = UnsafeMutablePointer<UInt8>.allocate(capacity: cellCount)
    /// Votes per correspondence `probe << 8 | gallery`, and which ones are non-zero.
    let votes = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    let touched = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << 16)
    var touchedCount = 0
    let order = UnsafeMutablePointer<UInt32>.allocate(capacity: 1 << 16)
    /// The one-to-one correspondences of the last comparison, best supported first.
    let assigned = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
    var assignedCount = 0
    let alive = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
    /// Which probe and gallery minutiae are paired, while the rest are paired by geometry.
    let usedProbe = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
    let usedGallery = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
    /// Pairs the geometry allows, as sortable keys (`FingerProbe.complete`): at most 255 × 255.
    let nearPairs = UnsafeMutablePointer<UInt64>.allocate(capacity: 1 << 16)

    /// Creates working memory.
    public init() {
        capacity = 4096
        candidates = .allocate(capacity: capacity)
        kept = .allocate(capacity: capacity)
        tx = .allocate(capacity: capacity)
        ty = .allocate(capacity: capacity)
        keptCells = .allocate(capacity: capacity)
        cells.initialize(repeating: 0, count: Self.cellCount)
        votes.initialize(repeating: 0, count: 1 << 16)
        usedProbe.initialize(repeating: false, count: 256)
        usedGallery.initialize(repeating: false, count: 256)
    }

    deinit {
        for p in [
            UnsafeMutableRawPointer(candidates), UnsafeMutableRawPointer(kept), UnsafeMutableRawPointer(tx),
            UnsafeMutableRawPointer(ty), UnsafeMutableRawPointer(keptCells), UnsafeMutableRawPointer(rotationVotes),
            UnsafeMutableRawPointer(cells),
            UnsafeMutableRawPointer(votes), UnsafeMutableRawPointer(touched), UnsafeMutableRawPointer(order),
            UnsafeMutableRawPointer(assigned), UnsafeMutableRawPointer(alive), UnsafeMutableRawPointer(usedProbe),
            UnsafeMutableRawPointer(usedGallery), UnsafeMutableRawPointer(nearPairs),
        ] {
            p.deallocate()
        }
    }

    /// Makes room for `count` candidates (keeping those collected).
    func reserve(_ count: Int) {
        guard count > capacity else { return }
        var newCapacity = capacity
        while newCapacity < count { newCapacity *= 2 }
        func grow<T>(_ old: UnsafeMutablePointer<T>, keeping: Int) -> UnsafeMutablePointer<T> {
            let fresh = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
            fresh.moveInitialize(from: old, count: keeping)
            old.deallocate()
            return fresh
        }
        candidates = grow(candidates, keeping: candidateCount)
        kept = grow(kept, keeping: 0)
        tx = grow(tx, keeping: 0)
        ty = grow(ty, keeping: 0)
        keptCells = grow(keptCells, keeping: 0)
        capacity = newCapacity
    }

    @inline(__always)
    static func cellIndex(_ tx: Float, _ ty: Float) -> Int {
        let half = Float(cellSide / 2)
        let scale = 1 / FingerProbe.cell
        let fx = min(max(tx * scale + half, 0), Float(cellSide - 1))
        let fy = min(max(ty * scale + half, 0), Float(cellSide - 1))
        return Int(clampingFloat: fy) * cellSide + Int(clampingFloat: fx)
    }

    @inline(__always)
    static func vote(
        _ probe: Int, _ gallery: Int, _ votes: UnsafeMutablePointer<UInt8>,
        _ touched: UnsafeMutablePointer<UInt16>, _ touchedCount: inout Int
    ) {
        let key = probe << 8 | gallery
        let v = votes[key]
        if v == 0 {
            touched[touchedCount] = UInt16(key)
            touchedCount += 1
        }
        if v < 255 { votes[key] = v + 1 }
    }

    /// Greedy one-to-one assignment by votes among correspondences with at least `minVotes`;
    /// fills `assigned` and returns its size.
    func assign(minVotes: Int) -> Int {
        var n = 0
        let votes = votes, touched = touched, order = order, assigned = assigned
        for k in 0..<touchedCount {
            let key = touched[k]
            let v = votes[Int(key)]
            if Int(v) >= minVotes {
                order[n] = UInt32(v) << 16 | UInt32(key)
                n += 1
            }
        }
        var sorted = UnsafeMutableBufferPointer(start: order, count: n)
        sorted.sort(by: >)
        var usedProbe = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var usedGallery = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        assignedCount = 0
        for k in 0..<n {
            let entry = order[k]
            let p = Int((entry >> 8) & 0xFF), g = Int(entry & 0xFF)
            guard !Self.test(usedProbe, p), !Self.test(usedGallery, g) else { continue }
            Self.set(&usedProbe, p)
            Self.set(&usedGallery, g)
            assigned[assignedCount] = UInt16(entry & 0xFFFF)
            assignedCount += 1
        }
        return assignedCount
    }

    @inline(__always)
    static func test(_ bits: (UInt64, UInt64, UInt64, UInt64), _ i: Int) -> Bool {
        let word: UInt64
        switch i >> 6 {
        case 0: word = bits.0
        case 1: word = bits.1
        case 2: word = bits.2
        default: word = bits.3
        }
        return word & (1 << UInt64(i & 63)) != 0
    }

    @inline(__always)
    static func set(_ bits: inout (UInt64, UInt64, UInt64, UInt64), _ i: Int) {
        let mask: UInt64 = 1 << UInt64(i & 63)
        switch i >> 6 {
        case 0: bits.0 |= mask
        case 1: bits.1 |= mask
        case 2: bits.2 |= mask
        default: bits.3 |= mask
        }
    }

    /// Resets what the last comparison touched.
    func clear() {
        let votes = votes, touched = touched, cells = cells, keptCells = keptCells
        for k in 0..<touchedCount { votes[Int(touched[k])] = 0 }
        touchedCount = 0
        for k in 0..<keptCount { cells[Int(keptCells[k])] = 0 }
        keptCount = 0
        candidateCount = 0
    }
}

@available(*, unavailable)
extension FingerMatchScratch: Sendable {}
