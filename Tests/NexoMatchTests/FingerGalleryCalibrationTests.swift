import NexoKit
import NexoSynthesis
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

/// Finger evidence measured on the gallery's own impostors: decisions within their targets under several
/// distortions, exact copies a hit at any gallery size, and no cap the bar can exceed.
@Suite struct FingerGalleryCalibrationTests {
    /// An engine over `people` synthetic index fingers (position 2), one impression each, and the masters.
    static func gallery(_ people: Int, seed: UInt64) throws -> (
        MatchSession, MemoryGalleryStorage, [SyntheticFinger], [FingerTemplate]
    ) {
        let storage = MemoryGalleryStorage()
        let engine = MatchEngine()
        engine.fingerImpostorPairs = 6_000
        let session = engine.session(storage: storage)
        var rng = SeededRandom(seed: seed)
        let masters = (0..<people).map { _ in SyntheticFinger.random(position: 2, using: &rng) }
        var enrolled: [FingerTemplate] = []
        for (i, master) in masters.enumerated() {
            let finger = master.impression(ImpressionSettings(), using: &rng)
            enrolled.append(finger)
            _ = try session.enroll(BiometricSample(fingers: [finger]), for: EntityID("P-\(i + 1)"))
        }
        return (session, storage, masters, enrolled)
    }

    @Test func galleryImpostorsDecideWithinTargetsAndExactCopiesHitAtAnySize() throws {
        let (session, _, masters, enrolled) = try Self.gallery(220, seed: 5)
        let stats = try #require(try session.statistics().first { $0.modality == .finger })
        #expect(stats.index.contains("impostor comparisons of this gallery"), "\(stats.index)")

        // An exact copy of an enrolled finger: evidence beyond the bar of 10,000,000 people.
        let copy = try session.identify(BiometricSample(fingers: [enrolled[40]]), top: 1)
        let evidence = try #require(copy.candidates.first?.fused)
        #expect(copy.candidates.first?.entity == "P-41")
        #expect(evidence > DecisionPolicy.thresholds(gallerySize: 10_000_000).hit, "\(evidence)")

        var rng = SeededRandom(seed: 99)
        var strangerHits = 0, strangers = 0
        for settings in [ImpressionSettings(), Self.settings(distortion: 20, drop: 0.2...0.35)] {
            var mateHits = 0
            for mate in stride(from: 0, to: 220, by: 22) {
                let probe = BiometricSample(fingers: [masters[mate].impression(settings, using: &rng)])
                let answer = try session.identify(probe, top: 3)
                if answer.candidates.first?.entity == EntityID("P-\(mate + 1)"),
                    answer.candidates.first?.decision == .hit
                {
                    mateHits += 1
                }
                // Someone else decided hit: a wrong hit.
                #expect(!answer.candidates.contains { $0.entity != EntityID("P-\(mate + 1)") && $0.decision == .hit })
            }
            #expect(mateHits >= 6, "10 mated searches, \(mateHits) hits")
            for _ in 0..<10 {
                let stranger = SyntheticFinger.random(position: 2, using: &rng).impression(settings, using: &rng)
                let answer = try session.identify(BiometricSample(fingers: [stranger]), top: 3)
                strangers += 1
                if answer.candidates.contains(where: { $0.decision == .hit }) { strangerHits += 1 }
            }
        }
        #expect(strangerHits == 0, "\(strangerHits) of \(strangers) strangers called a hit")
    }

    @Test func evidenceGrowsBeyondEveryMeasuredImpostorWithoutACap() {
        let calibration = FingerCalibration.shared
        let top = calibration.impostorScores.last!
        let beyond = [top + 0.05, top + 0.2, 1.0].map { FingerCalibration.logLikelihoodRatio($0, calibration) }
        #expect(beyond[0] < beyond[1] && beyond[1] <= beyond[2])
        #expect(beyond[2] > 7, "the old cap was 7: \(beyond[2])")
        #expect(
            FingerCalibration.logLikelihoodRatio(calibration.impostorScores[calibration.impostorScores.count / 2]) == -2
        )
    }

    static func settings(distortion: Double, drop: ClosedRange<Double>) -> ImpressionSettings {
        var settings = ImpressionSettings()
        settings.distortion = distortion
        settings.dropRate = drop
        return settings
    }
}
