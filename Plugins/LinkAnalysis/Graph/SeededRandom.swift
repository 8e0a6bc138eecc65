/// The seeded random source of LinkGraph (SplitMix64) — community detection, sampled betweenness, key players:
/// the same seed gives the same sequence, and so the same results, on every platform.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's finaliser: every bit of `value` moves about half the bits of the result.
    static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A random 32-bit key for item `item` in round `round` under `seed`, drawn on demand in any order (the same
    /// arguments give the same key): ordering items by (key, item) is a uniformly random order, fresh each round,
    /// in which the place of any one item is known without ordering the others.
    static func key(seed: UInt64, round: Int, item: Int) -> UInt32 {
        let counter =
            seed &+ UInt64(truncatingIfNeeded: round) &* 0x9E37_79B9_7F4A_7C15
            &+ UInt64(truncatingIfNeeded: item) &* 0xD1B5_4A32_D192_ED03
        return UInt32(truncatingIfNeeded: mix(mix(counter)) >> 32)
    }

    /// A uniform number in `[0, 1)`.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform index in `0..<count` (`count > 0`).
    mutating func index(below count: Int) -> Int { Int(next(upperBound: UInt64(count))) }

    /// Shuffles `values` in place (Fisher–Yates).
    mutating func shuffle(_ values: inout [Int32]) {
        var index = values.count - 1
        while index > 0 {
            values.swapAt(index, self.index(below: index + 1))
            index -= 1
        }
    }
}
