import NexoKit
import NexoTemplateMath

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Synthetic face embeddings with realistic score distributions.
///
/// An identity is a random unit vector in 512 dimensions (isotropic Gaussian, normalised); a
/// capture of it is `normalise(identity + e)`, where `e` is Gaussian noise of expected length σ
/// drawn per capture from ``noise``. Two captures with noise σ₁, σ₂ then have cosine ≈
/// `1 / √((1 + σ₁²)(1 + σ₂²))`: with σ in 0.5…1.0 genuine scores fall mostly in 0.5…0.8. Captures
/// of different identities are nearly orthogonal: cosine ≈ 0 with standard deviation
/// `1/√512 ≈ 0.044`.
///
/// With a ``FaceSpectrum`` other than the default ``FaceSpectrum/isotropic``, identities are
/// drawn with that spectrum's per-dimension deviations and impostor cosines spread as
/// `1/√effectiveDimension`: 0 ± 0.094 for ``FaceSpectrum/decaying``, closer to real embeddings,
/// whose variance between people is concentrated in fewer directions. The capture noise keeps its
/// expected length σ (so genuine scores keep their distribution); by default it is spread evenly
/// over the dimensions (``CaptureNoise/isotropic``): a face model trained to tell people apart
/// puts what varies between photos of one person (pose, light, blur) mostly outside the
/// directions that separate people, which is why approximate indexes find mates on real
/// embeddings. ``CaptureNoise/likeIdentities`` draws the noise with the identities' spectrum
/// instead, the hardest case for an index. The isotropic default draws exactly the numbers it
/// always drew.
public struct FaceSynthesizer: Sendable {
    /// Range of the per-capture noise length σ (0 = the identity vector itself).
    public var noise: ClosedRange<Float>
    /// How variance between identities is spread over the dimensions.
    public var spectrum: FaceSpectrum
    /// How a capture's noise is spread over the dimensions.
    public var captureNoise: CaptureNoise

    /// How a capture's noise is spread over the dimensions.
    public enum CaptureNoise: Sendable, Hashable {
        /// Evenly, whatever the identities' spectrum.
        case isotropic
        /// With the identities' spectrum: a capture differs from its enrolment in the directions
        /// people differ from one another.
        case likeIdentities
    }

    /// A synthesizer with per-capture noise length drawn uniformly from `noise`.
    public init(
        noise: ClosedRange<Float> = 0.5...1.0, spectrum: FaceSpectrum = .isotropic,
        captureNoise: CaptureNoise = .isotropic
    ) {
        self.noise = noise
        self.spectrum = spectrum
        self.captureNoise = captureNoise
    }

    /// A new identity: a random unit vector (uniformly distributed when isotropic).
    public func identity(using rng: inout some RandomNumberGenerator) -> [Float] {
        var v = [Float](repeating: 0, count: FaceTemplate.dimensions)
        GaussianNoise.fill(&v, standardDeviation: 1, using: &rng)
        if spectrum.exponent != 0 {
            for i in v.indices { v[i] *= spectrum.deviations[i] }
        }
        return FaceVector.normalized(v)
    }

    /// A capture of `identity` (a unit vector), as a template.
    public func capture(of identity: [Float], using rng: inout some RandomNumberGenerator) -> FaceTemplate {
        precondition(
            identity.count == FaceTemplate.dimensions, "face vectors have \(FaceTemplate.dimensions) dimensions")
        let sigma = noise.lowerBound + (noise.upperBound - noise.lowerBound) * Float(GaussianNoise.unit(&rng))
        var v = [Float](repeating: 0, count: identity.count)
        if spectrum.exponent == 0 || captureNoise == .isotropic {
            GaussianNoise.fill(&v, standardDeviation: sigma / Float(identity.count).squareRoot(), using: &rng)
        } else {
            GaussianNoise.fill(&v, standardDeviation: sigma, using: &rng)
            for i in v.indices { v[i] *= spectrum.deviations[i] }
        }
        for i in v.indices { v[i] += identity[i] }
        return FaceTemplate(vector: FaceVector.normalized(v))!
    }
}
