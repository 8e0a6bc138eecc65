import NexoKit
import NexoMatch
import NexoTemplateSynthesis

extension FingerScoreCalibration {
    /// Measures a calibration on synthetic fingers: the first impression of each of `fingers`
    /// masters against a second impression of every other (fingers × (fingers − 1) scores).
    /// `Scripts/finger-calibration` measures the engine's shipped table this way.
    public static func measure(
        fingers: Int, settings: ImpressionSettings = ImpressionSettings(),
        using rng: inout some RandomNumberGenerator
    ) -> FingerScoreCalibration {
        FingerScoreCalibration(impostorScores: impostorScores(fingers: fingers, settings: settings, using: &rng))
    }

    /// The impostor scores ``measure(fingers:settings:using:)`` calibrates from, in comparison order.
    public static func impostorScores(
        fingers: Int, settings: ImpressionSettings = ImpressionSettings(),
        using rng: inout some RandomNumberGenerator
    ) -> [Double] {
        let masters = (0..<max(fingers, 2)).map { _ in SyntheticFinger.random(using: &rng) }
        let probes = masters.map { FingerProbe(PreparedFinger($0.impression(settings, using: &rng))) }
        let gallery = masters.map { PreparedFinger($0.impression(settings, using: &rng)) }
        let scratch = FingerMatchScratch()
        var scores: [Double] = []
        for (i, probe) in probes.enumerated() {
            for (j, entry) in gallery.enumerated() where i != j {
                scores.append(probe.compare(entry, scratch: scratch).score)
            }
        }
        return scores
    }
}
