import NexoKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the variance of synthetic face embeddings is spread over their 512 dimensions.
///
/// ``isotropic`` spreads it evenly: identities are uniformly random directions and two of them have
/// cosine 0 ± 1/√512 (± 0.044). Real embeddings are not like that: their covariance spectrum
/// decays, a few hundred directions carry most of the variance, and impostor cosines spread wider
/// (about ± 0.1 for common face models). ``powerLaw(exponent:)`` gives dimension `i` (from 0) a
/// variance proportional to `(i + 1)^−exponent` (for identities; capture noise follows
/// ``FaceSynthesizer/CaptureNoise``); ``decaying`` (exponent 0.75) has an effective dimension of
/// about 96 and impostor cosines of 0 ± 0.094, with genuine cosines unchanged (mostly 0.5–0.8).
///
/// The effective dimension is the participation ratio `(Σλ)² / Σλ²` of the variances λ: the
/// number of equally weighted dimensions that would give the same spread of random cosines
/// (`1/√effectiveDimension`).
public struct FaceSpectrum: Sendable, Hashable {
    /// Exponent of the power law; 0 is isotropic.
    public let exponent: Double
    /// Standard deviation of each dimension, scaled so that the variances sum to 1.
    public let deviations: [Float]

    /// Variance of dimension `i` proportional to `(i + 1)^−exponent` (exponent ≥ 0).
    public static func powerLaw(exponent: Double) -> FaceSpectrum {
        FaceSpectrum(exponent: exponent)
    }

    /// Every dimension alike: the default of ``FaceSynthesizer``.
    public static let isotropic = FaceSpectrum(exponent: 0)

    /// A spectrum like real face embeddings': power law with exponent 0.75.
    public static let decaying = FaceSpectrum(exponent: 0.75)

    private init(exponent: Double) {
        precondition(exponent >= 0, "a spectrum's exponent must be >= 0")
        self.exponent = exponent
        let variances = (0..<FaceTemplate.dimensions).map { pow(Double($0 + 1), -exponent) }
        let total = variances.reduce(0, +)
        deviations = variances.map { Float(($0 / total).squareRoot()) }
    }

    /// The participation ratio `(Σλ)² / Σλ²` (512 when isotropic).
    public var effectiveDimension: Double {
        let variances = deviations.map { Double($0) * Double($0) }
        let total = variances.reduce(0, +)
        return total * total / variances.map { $0 * $0 }.reduce(0, +)
    }
}
