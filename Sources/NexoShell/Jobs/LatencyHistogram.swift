/// Latencies in nanoseconds, from 1 ns to 1 hour, kept to 3 significant decimal digits in constant
/// memory: HdrHistogram's log-linear bucket scheme, reduced to what a job's status reports.
///
/// Values below 2048 have a counter each. Above, every power of two [2ⁿ, 2ⁿ⁺¹) is split into 1024
/// equal sub-buckets of width 2ⁿ⁻¹⁰, so a counter stands for values within 1/1024 (< 0.1 %) of its
/// lowest one. The counters are allocated once, at creation; recording only increments one.
///
/// Written for the job host instead of a package so that `nexo` links nothing beyond the standard
/// library for it: a histogram is needed only by feed jobs, but what the executable links is
/// loaded at every start.
struct LatencyHistogram: Sendable {
    /// The highest value kept apart: 1 hour. Higher values are counted as this one.
    static let highestTrackableValue: UInt64 = 3_600_000_000_000

    /// Sub-buckets of the first bucket, 2 × 10³ rounded up to a power of two: 3 significant digits.
    private static let subBucketBits = 11
    private static let subBucketCount = 1 << subBucketBits
    private static let subBucketHalfCount = subBucketCount / 2
    /// Buckets needed for values up to `highestTrackableValue`: the first covers [0, 2048), each
    /// next one the following power of two.
    private static let bucketCount: Int = {
        var buckets = 1
        var firstBeyond = UInt64(subBucketCount)
        while firstBeyond <= highestTrackableValue {
            firstBeyond <<= 1
            buckets += 1
        }
        return buckets
    }()

    private var counts = [UInt64](repeating: 0, count: (bucketCount + 1) * subBucketHalfCount)
    /// How many values were recorded.
    private(set) var count: UInt64 = 0
    /// The highest value recorded (after clamping to `highestTrackableValue`), exactly; 0 when empty.
    private(set) var max: UInt64 = 0
    private var min = UInt64.max

    /// Counts `value` (nanoseconds); a value above `highestTrackableValue` counts as that.
    mutating func record(_ value: UInt64) {
        let clamped = Swift.min(value, Self.highestTrackableValue)
        counts[Self.index(of: clamped)] += 1
        count += 1
        max = Swift.max(max, clamped)
        min = Swift.min(min, clamped)
    }

    /// The value at or below which `percentile` % of the recorded values fall, as HdrHistogram
    /// reports it: the highest value its counter stands for, kept within the recorded minimum and
    /// maximum. 0 when nothing was recorded; the exact minimum at 0 and the exact maximum at 100.
    func valueAtPercentile(_ percentile: Double) -> UInt64 {
        guard count > 0 else { return 0 }
        guard percentile > 0 else { return min }
        guard percentile < 100 else { return max }
        // One ulp below, so that a product meant to be whole is not rounded up past it.
        let share = percentile.nextDown * Double(count) / 100
        let rank = Swift.max(1, UInt64(share.rounded(.up)))
        var seen: UInt64 = 0
        for (index, counted) in counts.enumerated() where counted > 0 {
            seen += counted
            if seen >= rank { return Swift.min(Swift.max(Self.highestValue(at: index), min), max) }
        }
        return max
    }

    /// The counter of `value`: values below 2048 have their own; above, bucket b ≥ 1 holds
    /// [2¹⁰⁺ᵇ, 2¹¹⁺ᵇ) in counters b·1024 + (value >> b), that is (b + 1)·1024 … (b + 2)·1024 − 1.
    private static func index(of value: UInt64) -> Int {
        let bucket = Self.bucket(of: value)
        return bucket * subBucketHalfCount + Int(value >> UInt64(bucket))
    }

    private static func bucket(of value: UInt64) -> Int {
        let bits = UInt64.bitWidth - (value | UInt64(subBucketCount - 1)).leadingZeroBitCount
        return bits - subBucketBits
    }

    /// The highest value counted by the counter at `index`.
    private static func highestValue(at index: Int) -> UInt64 {
        let bucket = Swift.max(0, index / subBucketHalfCount - 1)
        let lowest = UInt64(index - bucket * subBucketHalfCount) << UInt64(bucket)
        return lowest + (1 << UInt64(bucket)) - 1
    }
}
