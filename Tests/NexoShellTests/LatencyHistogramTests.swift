import Foundation
import NexoMatch
import NexoTemplateMath
import Testing

@testable import NexoShell

/// The feed jobs' latency histogram against the exact percentiles of the values it was given: what
/// it reports is never below the exact value and at most 1/1024 (< 0.1 %) of it above.
@Suite struct LatencyHistogramTests {
    /// Percentiles in thousandths of a percent, so that the exact rank is computed in integers.
    private static let thousandths = [1, 100, 1_000, 10_000, 25_000, 50_000, 90_000, 99_000, 99_900, 99_999]

    @Test(arguments: ["uniform over an hour", "uniform over 5 ms", "log-normal around 2 ms", "all equal", "one value"])
    func reportsEachPercentileAtOrJustAboveTheExactOne(distribution: String) {
        let values = Self.values(distribution)
        var histogram = LatencyHistogram()
        for value in values { histogram.record(value) }
        let sorted = values.sorted()

        #expect(histogram.count == UInt64(values.count))
        #expect(histogram.max == sorted.last)
        #expect(histogram.valueAtPercentile(0) == sorted.first)
        #expect(histogram.valueAtPercentile(100) == sorted.last)
        for thousandth in Self.thousandths {
            let rank = max(1, (thousandth * sorted.count + 99_999) / 100_000)
            let exact = sorted[rank - 1]
            let reported = histogram.valueAtPercentile(Double(thousandth) / 1000)
            #expect(reported >= exact, "p\(Double(thousandth) / 1000): \(reported) below \(exact)")
            #expect(reported <= exact + exact / 1024, "p\(Double(thousandth) / 1000): \(reported) for \(exact)")
        }
    }

    @Test func ranksFollowHdrHistogramsDefinition() {
        var histogram = LatencyHistogram()
        for value in UInt64(1)...100 { histogram.record(value) }
        #expect(histogram.valueAtPercentile(50) == 50)
        #expect(histogram.valueAtPercentile(90) == 90)
        #expect(histogram.valueAtPercentile(99) == 99)
        #expect(histogram.valueAtPercentile(99.5) == 100)
        #expect(histogram.valueAtPercentile(0.5) == 1)
    }

    @Test func aValueAboveTheBucketsFirstIsReportedAsTheBucketsHighest() {
        var histogram = LatencyHistogram()
        histogram.record(1_000_000) // 1 ms: its counter stands for 999_936 … 1_000_447
        histogram.record(2_000_000)
        #expect(histogram.valueAtPercentile(50) == 1_000_447)
        #expect(histogram.max == 2_000_000)
    }

    @Test func anEmptyHistogramReportsZero() {
        let histogram = LatencyHistogram()
        #expect(histogram.count == 0)
        #expect(histogram.max == 0)
        for percentile in [0, 50, 99, 100.0] { #expect(histogram.valueAtPercentile(percentile) == 0) }
    }

    @Test func valuesAboveAnHourCountAsAnHour() {
        var histogram = LatencyHistogram()
        histogram.record(UInt64.max)
        histogram.record(LatencyHistogram.highestTrackableValue + 1)
        histogram.record(5)
        #expect(histogram.count == 3)
        #expect(histogram.max == LatencyHistogram.highestTrackableValue)
        #expect(histogram.valueAtPercentile(50) == LatencyHistogram.highestTrackableValue)
        #expect(histogram.valueAtPercentile(1) == 5)
    }

    private static func values(_ distribution: String) -> [UInt64] {
        var random = SeededGenerator(seed: 12)
        switch distribution {
        case "uniform over an hour":
            return (0..<100_000).map { _ in
                UInt64.random(in: 1...LatencyHistogram.highestTrackableValue, using: &random)
            }
        case "uniform over 5 ms":
            return (0..<100_000).map { _ in UInt64.random(in: 1...5_000_000, using: &random) }
        case "log-normal around 2 ms":
            return (0..<100_000).map { _ in
                let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random)
                let u2 = Double.random(in: 0..<1, using: &random)
                let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
                return UInt64(max(1, exp(log(2_000_000) + 1.5 * normal).rounded()))
            }
        case "all equal": return Array(repeating: 1_234_567, count: 1_000)
        default: return [42_424_242]
        }
    }
}
