import NexoKit
import NexoSynthesis
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

@Suite struct FingerprintSyntheticTests {
    @Test func mastersHaveRealisticMinutiae() {
        var rng = SplitMix64(seed: 1)
        var patterns = Set<SyntheticFinger.Pattern>()
        for _ in 0..<100 {
            let finger = SyntheticFinger.random(position: 3, using: &rng)
            patterns.insert(finger.pattern)
            #expect((30...60).contains(finger.minutiae.count))
            #expect(finger.template.position == 3)
            for (i, m) in finger.minutiae.enumerated() {
                #expect(m.x >= 0 && m.x < finger.width && m.y >= 0 && m.y < finger.height)
                #expect(m.angle >= 0 && m.angle < 360)
                // Directions follow the ridge flow, one way or the other (noise σ 4°).
                let flow = finger.ridgeOrientation(at: SIMD2(Double(m.x), Double(m.y)))
                var d = abs(m.angle.truncatingRemainder(dividingBy: 180) - flow)
                d = min(d, 180 - d)
                #expect(d < 25, "minutia \(i) at \(m.angle)° on a \(flow)° ridge")
                for other in finger.minutiae[(i + 1)...] {
                    let dx = Double(other.x - m.x), dy = Double(other.y - m.y)
                    #expect(dx * dx + dy * dy >= 17 * 17)
                }
            }
        }
        #expect(patterns == Set(SyntheticFinger.Pattern.allCases))
    }

    @Test func impressionsAreSeededAndExactSettingsReproduceTheMaster() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        let fa = SyntheticFinger.random(using: &a), fb = SyntheticFinger.random(using: &b)
        #expect(fa == fb)
        #expect(fa.impression(using: &a) == fb.impression(using: &b))
        var rng = SplitMix64(seed: 9)
        let exact = fa.impression(.exact, using: &rng)
        #expect(Set(exact.minutiae.map { [$0.x, $0.y] }) == Set(fa.minutiae.map { [$0.x, $0.y] }))
    }

    @Test func impressionsLoseGainAndMoveMinutiae() {
        var rng = SplitMix64(seed: 12)
        var lost = 0, total = 0
        for _ in 0..<50 {
            let finger = SyntheticFinger.random(using: &rng)
            let capture = finger.impression(using: &rng)
            total += finger.minutiae.count
            lost += max(0, finger.minutiae.count - capture.minutiae.count)
            #expect(
                capture.minutiae.allSatisfy { $0.x >= 0 && $0.x < capture.width && $0.y >= 0 && $0.y < capture.height })
            #expect(capture.minutiae != finger.minutiae)
        }
        #expect(lost > 0 && lost < total / 2)
    }

    @Test func impressionsRoundTripThroughBothRecordFormats() throws {
        var rng = SplitMix64(seed: 31)
        let finger = SyntheticFinger.random(position: 2, using: &rng)
        let capture = finger.impression(using: &rng)
        for format in MinutiaeRecord.Format.allCases {
            let record = MinutiaeRecord(
                format: format, width: capture.width, height: capture.height, views: [FingerView(template: capture)])
            let again = try MinutiaeRecord(bytes: record.bytes(as: format)).fingers[0]
            // The record's angle units cost at most half a unit; the match does not notice.
            let result = FingerProbe(PreparedFinger(capture)).compare(
                PreparedFinger(again), scratch: FingerMatchScratch())
            #expect(result.matchedMinutiae >= capture.minutiae.count - 1)
        }
    }
}
