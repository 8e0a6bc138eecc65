extension JaroWinkler {
    /// One side of many comparisons, prepared once: a bit mask of positions per byte value, so
    /// that the match search of a comparison is a few mask operations per byte of the other side
    /// (the bit-parallel Jaro of Hyyrö-style matchers; our own implementation).
    ///
    /// Use it to compare one name with a gallery: `let p = JaroWinkler.Pattern(query)`, then
    /// `p.similarity(to: candidate)` for each candidate, or ``similarities(to:into:)`` for a whole
    /// ``PackedStrings`` list at once. Strings longer than 64 bytes fall back to the classic
    /// search, with the same results.
    public struct Pattern: Sendable {
        /// The prepared bytes.
        public let bytes: [UInt8]
        // positions[c] has bit i set when bytes[i] == c (only for patterns of ≤ 64 bytes).
        private let positions: [UInt64]

        /// Prepares `bytes` (a folded name's UTF-8).
        public init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var positions = [UInt64](repeating: 0, count: bytes.count <= 64 ? 256 : 0)
            if bytes.count <= 64 {
                for (i, c) in bytes.enumerated() { positions[Int(c)] |= 1 &<< UInt64(i) }
            }
            self.positions = positions
        }

        /// Prepares the UTF-8 of `text` as it is (fold it first to compare names).
        public init(_ text: String) { self.init(Array(text.utf8)) }

        /// Jaro–Winkler similarity of the pattern and `other`.
        public func similarity(to other: [UInt8]) -> Double {
            bytes.withUnsafeBufferPointer { a in
                positions.withUnsafeBufferPointer { pm in
                    other.withUnsafeBufferPointer { b in Self.jaroWinkler(a, pm, b) }
                }
            }
        }

        /// Jaro similarity of the pattern and `other`.
        public func jaro(to other: [UInt8]) -> Double {
            bytes.withUnsafeBufferPointer { a in
                positions.withUnsafeBufferPointer { pm in
                    other.withUnsafeBufferPointer { b in Self.jaro(a, pm, b) }
                }
            }
        }

        /// Jaro–Winkler similarities of the pattern and every string of `list`, written to
        /// `scores[0..<list.count]` in the list's order.
        ///
        /// Strings of equal length are compared eight at a time (their match windows are then the
        /// same, so one window mask serves all lanes and the eight searches run side by side).
        /// - Precondition: `scores.count >= list.count`.
        public func similarities(to list: PackedStrings, into scores: UnsafeMutableBufferPointer<Float>) {
            precondition(scores.count >= list.count, "scores holds \(scores.count) values for \(list.count) strings")
            bytes.withUnsafeBufferPointer { a in
                positions.withUnsafeBufferPointer { pm in
                    list.bytes.withUnsafeBufferPointer { all in
                        list.offsets.withUnsafeBufferPointer { offsets in
                            list.byLength.withUnsafeBufferPointer { order in
                                func string(_ k: Int) -> UnsafeBufferPointer<UInt8> {
                                    UnsafeBufferPointer(rebasing: all[Int(offsets[k])..<Int(offsets[k + 1])])
                                }
                                var r = 0
                                while r < order.count {
                                    let first = Int(order[r])
                                    let m = Int(offsets[first + 1] - offsets[first])
                                    // Lanes: the following strings of the same length, at most eight.
                                    var lanes = 1
                                    while lanes < 8, r + lanes < order.count,
                                        Int(offsets[Int(order[r + lanes]) + 1] - offsets[Int(order[r + lanes])]) == m
                                    {
                                        lanes += 1
                                    }
                                    if a.count <= 64, m <= 64, m > 0, a.count > 0, lanes >= 3 {
                                        Self.eightLanes(a, pm, all.baseAddress!, offsets, order, r, lanes, m, scores)
                                        r += lanes
                                    } else {
                                        scores[first] = Float(Self.jaroWinkler(a, pm, string(first)))
                                        r += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        /// Up to eight strings of length `m` (`order[r..<r+lanes]`), compared side by side; unused
        /// lanes repeat the first string and their results are dropped.
        @inline(__always)
        private static func eightLanes(
            _ a: UnsafeBufferPointer<UInt8>, _ pm: UnsafeBufferPointer<UInt64>,
            _ all: UnsafePointer<UInt8>, _ offsets: UnsafeBufferPointer<Int32>,
            _ order: UnsafeBufferPointer<Int32>, _ r: Int, _ lanes: Int, _ m: Int,
            _ scores: UnsafeMutableBufferPointer<Float>
        ) {
            let n = a.count
            let table = pm.baseAddress!
            var starts = SIMD8<Int>()
            for l in 0..<8 { starts[l] = Int(offsets[Int(order[r + (l < lanes ? l : 0)])]) }
            let window = max(0, max(n, m) / 2 - 1)
            let full: UInt64 = n >= 64 ? ~0 : (1 &<< UInt64(n)) &- 1
            let width = min(n, window + 1)
            var mask: UInt64 = width >= 64 ? ~0 : (1 &<< UInt64(width)) &- 1
            var available = SIMD8<UInt64>(repeating: full)
            var flagsB = SIMD8<UInt64>(repeating: 0)
            let zero = SIMD8<UInt64>(repeating: 0), one = SIMD8<UInt64>(repeating: 1)
            // The match search; each byte's position masks are kept for the transposition count.
            let (matchCounts, halves) = withUnsafeTemporaryAllocation(of: SIMD8<UInt64>.self, capacity: m) { masks in
                for j in 0..<m {
                    var pmv = SIMD8<UInt64>()
                    for l in 0..<8 { pmv[l] = table[Int(all[starts[l] + j])] }
                    masks[j] = pmv
                    let candidates = pmv & available & SIMD8(repeating: mask)
                    let lowest = candidates & (zero &- candidates)
                    available ^= lowest
                    flagsB.replace(with: flagsB | SIMD8(repeating: 1 &<< UInt64(j)), where: lowest .!= zero)
                    let add = (1 &<< UInt64(truncatingIfNeeded: j + window + 1)) & (j + window + 1 < 64 ? full : 0)
                    let drop: UInt64 = j >= window ? 1 &<< UInt64(j - window) : 0
                    mask = (mask | add) & ~drop
                }
                // Transpositions, all lanes at once: the r-th matched byte of b (in order of j) pairs
                // with the r-th matched position of a (lowest remaining bit); they differ when that
                // bit is missing from the byte's position mask.
                var remaining = ~available & SIMD8(repeating: full)
                let matchCounts = SIMD8<UInt64>(truncatingIfNeeded: remaining.nonzeroBitCount)
                var halves = zero
                for j in 0..<m {
                    let matchedB = (flagsB &>> UInt64(j)) & one
                    let lowest = remaining & (zero &- remaining)
                    let differs = SIMD8<UInt64>(repeating: 0).replacing(with: one, where: masks[j] & lowest .== zero)
                    halves &+= matchedB & differs
                    remaining ^= lowest & (zero &- matchedB)
                }
                return (matchCounts, halves)
            }
            // Prefixes lane by lane (into plain memory: writing SIMD lanes one by one stalls on
            // store forwarding); the scores all at once.
            let prefixes = withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { t in
                let limit = min(JaroWinkler.maxPrefix, n, m)
                for l in 0..<8 {
                    let b = all + starts[l]
                    var prefix = 0
                    while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
                    t[l] = Double(prefix)
                }
                return UnsafeRawPointer(t.baseAddress!).loadUnaligned(as: SIMD8<Double>.self)
            }
            let matches = SIMD8<Double>(matchCounts)
            let transpositions = SIMD8<Double>(halves &>> 1)
            let c = matches.replacing(with: 1, where: matches .== 0)
            var jaro = (matches / Double(n) + matches / Double(m) + (matches - transpositions) / c) / 3
            jaro.replace(with: 0, where: matches .== 0)
            let boosted = jaro + prefixes * JaroWinkler.prefixScale * (1 - jaro)
            jaro.replace(with: boosted, where: jaro .> JaroWinkler.boostThreshold)
            for l in 0..<lanes { scores[Int(order[r + l])] = Float(jaro[l]) }
        }

        @inline(__always)
        private static func jaroWinkler(
            _ a: UnsafeBufferPointer<UInt8>, _ pm: UnsafeBufferPointer<UInt64>,
            _ b: UnsafeBufferPointer<UInt8>
        ) -> Double {
            JaroWinkler.winkler(jaro(a, pm, b), a, b)
        }

        @inline(__always)
        private static func jaro(
            _ a: UnsafeBufferPointer<UInt8>, _ pm: UnsafeBufferPointer<UInt64>,
            _ b: UnsafeBufferPointer<UInt8>
        ) -> Double {
            let n = a.count, m = b.count
            guard n <= 64, m <= 64, let pa = a.baseAddress, let pb = b.baseAddress, let table = pm.baseAddress else {
                return JaroWinkler.jaro(a, b)
            }
            let window = max(0, max(n, m) / 2 - 1)
            var flagsA: UInt64 = 0, flagsB: UInt64 = 0
            // Window of b[j] in a is bits j-window … j+window; slide it one bit per byte of b.
            let width = min(n, window + 1)
            var mask: UInt64 = width >= 64 ? ~0 : (1 &<< UInt64(width)) &- 1
            let full: UInt64 = n >= 64 ? ~0 : (1 &<< UInt64(n)) &- 1
            for j in 0..<m {
                let candidates = table[Int(pb[j])] & ~flagsA & mask
                let lowest = candidates & (0 &- candidates)
                flagsA |= lowest
                flagsB |= UInt64(lowest != 0 ? 1 : 0) &<< UInt64(j)
                // Next window: add bit j+window+1 (if inside a), drop bit j-window (if ≥ 0).
                let add = (1 &<< UInt64(truncatingIfNeeded: j + window + 1)) & (j + window + 1 < 64 ? full : 0)
                let drop: UInt64 = j >= window ? 1 &<< UInt64(j - window) : 0
                mask = (mask | add) & ~drop
            }
            let matches = flagsA.nonzeroBitCount
            guard matches > 0 else { return n == 0 && m == 0 ? 1 : 0 }
            var half = 0
            while flagsA != 0 {
                let i = flagsA.trailingZeroBitCount, k = flagsB.trailingZeroBitCount
                half &+= pa[i] != pb[k] ? 1 : 0
                flagsA &= flagsA &- 1
                flagsB &= flagsB &- 1
            }
            return JaroWinkler.score(matches: matches, halfTranspositions: half, n, m)
        }
    }
}

/// Many short strings in one buffer (bytes end to end, with offsets), so that scanning a gallery
/// of names touches contiguous memory and no reference counts.
public struct PackedStrings: Sendable {
    /// All bytes, end to end.
    public private(set) var bytes: [UInt8] = []
    /// Start of each string in ``bytes``, plus the end of the last one.
    public private(set) var offsets: [Int32] = [0]
    /// Indexes of the strings sorted by length (stable), for comparing equal lengths together.
    public private(set) var byLength: [Int32] = []

    /// An empty list.
    public init() {}

    /// A list of the given byte strings.
    public init(_ strings: some Sequence<[UInt8]>) {
        for s in strings {
            bytes.append(contentsOf: s)
            offsets.append(Int32(bytes.count))
        }
        byLength = (0..<Int32(count)).sorted { (length(Int($0)), $0) < (length(Int($1)), $1) }
    }

    /// Appends a string (keeping the length order costs O(count); build large lists with
    /// ``init(_:)``).
    public mutating func append(_ string: [UInt8]) {
        bytes.append(contentsOf: string)
        offsets.append(Int32(bytes.count))
        // Keep `byLength` sorted: insert after the last string of the same or smaller length.
        var lo = 0, hi = byLength.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if length(Int(byLength[mid])) <= string.count { lo = mid + 1 } else { hi = mid }
        }
        byLength.insert(Int32(count - 1), at: lo)
    }

    private func length(_ i: Int) -> Int { Int(offsets[i + 1] - offsets[i]) }

    /// Number of strings.
    public var count: Int { offsets.count - 1 }

    /// The bytes of string `i`.
    public subscript(i: Int) -> ArraySlice<UInt8> { bytes[Int(offsets[i])..<Int(offsets[i + 1])] }
}
