import Glibc
import NexoKit

/// Turns a comparator's native score into evidence: log10 of the likelihood ratio
/// P(score | same person) / P(score | different people).
///
/// Each modality's genuine and impostor score distributions are modelled as normal distributions
/// whose parameters were measured on synthetic captures (see the modality's tests and
/// `Scripts/bench accuracy`). The ratio is clamped to ``range`` so no single modality can
/// outvote the others by a model artefact in the far tails.
public struct ScoreCalibration: Sendable, Hashable {
    /// Mean and standard deviation of same-person scores.
    public var genuine: (mean: Double, deviation: Double)
    /// Mean and standard deviation of different-person scores.
    public var impostor: (mean: Double, deviation: Double)
    /// Lowest and highest log10 LR this modality may contribute.
    public var range: ClosedRange<Double>

    /// Creates a calibration.
    public init(
        genuine: (mean: Double, deviation: Double), impostor: (mean: Double, deviation: Double),
        range: ClosedRange<Double> = -6...12
    ) {
        self.genuine = genuine
        self.impostor = impostor
        self.range = range
    }

    /// log10 LR of `score`. Scores beyond the genuine mean count as the genuine mean (the
    /// evidence cannot weaken as agreement grows), and below the impostor mean as the impostor mean.
    public func logLikelihoodRatio(_ score: Double) -> Double {
        let s = min(max(score, impostor.mean), genuine.mean)
        func logDensity(_ x: Double, _ mean: Double, _ sd: Double) -> Double {
            -((x - mean) * (x - mean)) / (2 * sd * sd) - log(sd)
        }
        let natural = logDensity(s, genuine.mean, genuine.deviation) - logDensity(s, impostor.mean, impostor.deviation)
        return min(max(natural / log(10.0), range.lowerBound), range.upperBound)
    }

    public static func == (a: ScoreCalibration, b: ScoreCalibration) -> Bool {
        a.genuine == b.genuine && a.impostor == b.impostor && a.range == b.range
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(genuine.mean); hasher.combine(genuine.deviation)
        hasher.combine(impostor.mean); hasher.combine(impostor.deviation)
    }
}

/// The thresholds that turn fused evidence into hit / review / no hit.
///
/// For calibrated likelihood ratios, an impostor reaches LR ≥ t with probability at most 1/t
/// (Turing's bound), so a hit threshold of log10(N / FPIR) keeps the chance that any of N
/// impostors in the gallery is called a hit below the target FPIR. The threshold therefore rises
/// with the gallery size. Review starts two orders of magnitude lower.
public enum DecisionPolicy {
    /// The default target false-positive identification rate (the operating point).
    public static let defaultFPIR = 0.003

    /// Thresholds for a gallery of `gallerySize` entries and a target FPIR.
    public static func thresholds(gallerySize: Int, targetFPIR: Double = defaultFPIR) -> MatchThresholds {
        let hit = log10(Double(max(gallerySize, 1)) / targetFPIR)
        return MatchThresholds(hit: hit, review: hit - 2, targetFPIR: targetFPIR)
    }

    /// The decision for fused evidence.
    public static func decide(_ fused: Double, _ thresholds: MatchThresholds) -> MatchDecision {
        fused >= thresholds.hit ? .hit : fused >= thresholds.review ? .review : .noHit
    }
}
