import Glibc
import NexoKit
import NexoTemplateMath

/// Maps finger comparison scores to the false-match rate they correspond to, from a measured
/// impostor score distribution.
///
/// Build one with ``init(impostorScores:)`` from any impostor comparisons (the engine's comes from
/// the table it ships, ``FingerCalibration``; NexoSynthesis measures one on synthetic fingers),
/// then read ``falseMatchRate(forScore:)`` or ``threshold(forFalseMatchRate:)``. Rates below 1 /
/// (number of impostor scores) cannot be measured; ``falseMatchRate(forScore:)`` reports that
/// bound, and ``extrapolatedFalseMatchRate(forScore:)`` extends the tail beyond it.
public struct FingerScoreCalibration: Sendable, Hashable {
    /// Impostor scores, ascending.
    public let impostorScores: [Double]
    /// The tail model: above `start` (the score exceeded by the top `share` of impostors), the
    /// excess over `start` follows a generalised Pareto distribution with `scale` and `shape`
    /// (peaks over a threshold, moment estimates; a shape below 0 is taken as 0, so the model never
    /// claims a bounded tail); `nil` when the sample is too small to fit one.
    public let tail: (start: Double, share: Double, scale: Double, shape: Double)?

    /// Calibrates from impostor scores (any order); needs at least one. The tail is fitted to the
    /// top 1 % of them when that is at least 50 scores.
    public init(impostorScores: [Double]) {
        precondition(!impostorScores.isEmpty, "a calibration needs impostor scores")
        let sorted = impostorScores.sorted()
        self.impostorScores = sorted
        let top = sorted.count / 100
        if top >= 50 {
            let start = sorted[sorted.count - top - 1]
            let excesses = sorted[(sorted.count - top)...].map { $0 - start }
            let mean = excesses.reduce(0, +) / Double(top)
            let variance = excesses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(top - 1, 1))
            if mean > 0, variance > 0 {
                let shape = max(0, 0.5 * (1 - mean * mean / variance))
                let scale = shape == 0 ? mean : 0.5 * mean * (mean * mean / variance + 1)
                tail = (start, Double(top) / Double(sorted.count), scale, shape)
            } else {
                tail = nil
            }
        } else {
            tail = nil
        }
    }

    public static func == (a: Self, b: Self) -> Bool { a.impostorScores == b.impostorScores }
    public func hash(into hasher: inout Hasher) { hasher.combine(impostorScores) }

    /// The false-match rate of `score`: measured where the sample has impostors scoring as
    /// high, and from the exponential tail model above the sample's top 1 % (so the evidence of a
    /// score far above every measured impostor is not capped at 1 / sample size).
    public func extrapolatedFalseMatchRate(forScore score: Double) -> Double {
        guard let tail, score > tail.start else { return falseMatchRate(forScore: score) }
        let excess = score - tail.start
        if tail.shape < 1e-9 { return tail.share * exp(-excess / tail.scale) }
        return tail.share * pow(1 + tail.shape * excess / tail.scale, -1 / tail.shape)
    }

    /// The fraction of impostor comparisons scoring `score` or more; at least 1 / (count + 1).
    public func falseMatchRate(forScore score: Double) -> Double {
        // First index whose score is >= `score`.
        var lo = 0, hi = impostorScores.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if impostorScores[mid] < score { lo = mid + 1 } else { hi = mid }
        }
        return max(Double(impostorScores.count - lo), 1) / Double(impostorScores.count + 1)
    }

    /// The lowest score whose false-match rate is at most `rate`: the threshold to accept at.
    public func threshold(forFalseMatchRate rate: Double) -> Double {
        let allowed = max(0, Int(clampingFloat: rate * Double(impostorScores.count), rounding: .down))
        guard allowed < impostorScores.count else { return impostorScores[0] }
        let above = impostorScores[impostorScores.count - 1 - allowed]
        // Strictly above the (allowed + 1)-th highest impostor score.
        return above.nextUp
    }
}

/// Verification error rates from genuine and impostor score samples.
public struct VerificationErrorRates: Sendable, Hashable {
    /// Genuine scores, ascending.
    public let genuine: [Double]
    /// Impostor scores, ascending.
    public let impostor: [Double]

    /// Sorts and keeps both samples.
    public init(genuine: [Double], impostor: [Double]) {
        self.genuine = genuine.sorted()
        self.impostor = impostor.sorted()
    }

    /// Fraction of genuine scores below `threshold` (false non-matches).
    public func falseNonMatchRate(at threshold: Double) -> Double {
        Double(Self.countBelow(genuine, threshold)) / Double(max(genuine.count, 1))
    }

    /// Fraction of impostor scores at or above `threshold` (false matches).
    public func falseMatchRate(at threshold: Double) -> Double {
        Double(impostor.count - Self.countBelow(impostor, threshold)) / Double(max(impostor.count, 1))
    }

    /// The equal error rate: where false matches and false non-matches are equally frequent,
    /// searched over every observed score as threshold (the mean of the two rates there).
    public var equalErrorRate: Double {
        var best = (gap: Double.infinity, rate: 1.0)
        for t in Set(genuine + impostor).sorted() + [Double.infinity] {
            let fnmr = falseNonMatchRate(at: t), fmr = falseMatchRate(at: t)
            if abs(fnmr - fmr) < best.gap { best = (abs(fnmr - fmr), (fnmr + fmr) / 2) }
        }
        return best.rate
    }

    /// The false non-match rate at the lowest threshold whose false-match rate is at most `rate`.
    public func falseNonMatchRate(atFalseMatchRate rate: Double) -> Double {
        guard !impostor.isEmpty else { return 0 }
        let allowed = max(0, Int(clampingFloat: rate * Double(impostor.count), rounding: .down))
        guard allowed < impostor.count else { return 0 }
        return falseNonMatchRate(at: impostor[impostor.count - 1 - allowed].nextUp)
    }

    private static func countBelow(_ sorted: [Double], _ threshold: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < threshold { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
