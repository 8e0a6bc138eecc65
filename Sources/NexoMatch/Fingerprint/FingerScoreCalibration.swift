import NexoKit

/// Maps finger comparison scores to the false-match rate they correspond to, from a measured
/// impostor score distribution.
///
/// Build one with ``init(impostorScores:)`` from any impostor comparisons (synthetic ones with
/// ``measure(fingers:settings:using:)``), then read ``falseMatchRate(forScore:)`` or
/// ``threshold(forFalseMatchRate:)``. Rates below 1 / (number of impostor scores) cannot be
/// measured; they are reported as that bound.
public struct FingerScoreCalibration: Sendable, Hashable {
    /// Impostor scores, ascending.
    public let impostorScores: [Double]

    /// Calibrates from impostor scores (any order); needs at least one.
    public init(impostorScores: [Double]) {
        precondition(!impostorScores.isEmpty, "a calibration needs impostor scores")
        self.impostorScores = impostorScores.sorted()
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
        let allowed = Int((rate * Double(impostorScores.count)).rounded(.down))
        guard allowed < impostorScores.count else { return impostorScores[0] }
        let above = impostorScores[impostorScores.count - 1 - allowed]
        // Strictly above the (allowed + 1)-th highest impostor score.
        return above.nextUp
    }

    /// Measures a calibration on synthetic fingers: the first impression of each of `fingers`
    /// masters against a second impression of every other (fingers × (fingers − 1) scores).
    public static func measure(fingers: Int, settings: ImpressionSettings = ImpressionSettings(),
                               using rng: inout some RandomNumberGenerator) -> FingerScoreCalibration {
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
        return FingerScoreCalibration(impostorScores: scores)
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
        let allowed = Int((rate * Double(impostor.count)).rounded(.down))
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
