import NexoKit

/// The generator's random numbers: xoshiro256** seeded through SplitMix64, so the same seed gives
/// the same world on every machine and Swift version (the standard library's generator makes no
/// such promise). Each part of the world draws from its own stream (``init(seed:stream:)``), so
/// adding draws to one part does not shift every other part.
public struct WorldRandom: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for `seed` and the named stream.
    public init(seed: UInt64, stream: String = "") {
        var x = seed ^ 0x9E37_79B9_7F4A_7C15
        for byte in stream.utf8 { x = (x ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A number in `0..<n` (n > 0), by multiply-high (bias below 2⁻³² for the sizes used here).
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// A number in `[0, 1)`.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// `true` with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A random element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn with the given relative weights.
    public mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// A roughly normal number (Irwin–Hall of 4 uniforms) with this mean and standard deviation.
    public mutating func normal(mean: Double, deviation: Double) -> Double {
        let sum = unit() + unit() + unit() + unit()
        return mean + (sum - 2) * deviation * 1.732_050_807_568_877
    }

    /// A day in `first...last`.
    public mutating func date(_ first: CivilDate, _ last: CivilDate) -> CivilDate {
        let a = first.daysSinceEpoch, b = last.daysSinceEpoch
        return CivilDate(daysSinceEpoch: a + below(max(1, b - a + 1)))
    }

    /// `count` distinct indexes from `0..<n` (all of them when count ≥ n), in drawn order.
    public mutating func sample(_ count: Int, of n: Int) -> [Int] {
        if count >= n { return Array(0..<n) }
        var chosen = Set<Int>()
        var result: [Int] = []
        while result.count < count {
            let i = below(n)
            if chosen.insert(i).inserted { result.append(i) }
        }
        return result
    }
}

/// A table of choices with relative weights, drawn by ``WorldRandom/weighted(_:)``.
struct Weighted<T> {
    let items: [T]
    let weights: [Double]

    init(_ pairs: [(T, Double)]) {
        items = pairs.map(\.0)
        weights = pairs.map(\.1)
    }

    func draw(_ random: inout WorldRandom) -> T { items[random.weighted(weights)] }
}
