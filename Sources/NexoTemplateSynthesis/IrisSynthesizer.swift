import NexoKit
import NexoTemplateMath

/// Synthetic iris templates with realistic genuine and impostor distances.
///
/// An identity is a 2048-bit code whose bits along each ring come in runs (each next angle flips
/// with probability ``runFlip``), as Gabor phase bits of neighbouring samples are correlated in
/// real codes; this lowers the degrees of freedom so that impostor distances spread like real
/// ones (best of ±8 shifts ≈ 0.45–0.48). A capture of it:
/// 1. flips each bit with a probability drawn from ``bitNoise`` (two captures with p₁, p₂ differ
///    in `p₁ + p₂ − 2p₁p₂` of their bits: 0.1–0.3 for the default range),
/// 2. rotates the code by a head tilt drawn from ``tilt`` (angular positions),
/// 3. masks the eyelids in the camera frame — arcs centred at the top (angle 64) and bottom
///    (angle 192), wider on outer rings, their size drawn from ``occlusion`` — and a few small
///    specular reflections.
public struct IrisSynthesizer: Sendable {
    /// Probability that a bit differs from its neighbour at the previous angle.
    public var runFlip: Double
    /// Range of the per-capture bit-flip probability.
    public var bitNoise: ClosedRange<Double>
    /// Range of the head tilt, in angular positions; two captures differ by at most twice it, within
    /// the default ±8 search.
    public var tilt: ClosedRange<Int>
    /// Range of the fraction of the outermost ring hidden by each eyelid.
    public var occlusion: ClosedRange<Double>

    /// A synthesizer; the defaults give genuine distances of about 0.1–0.3.
    public init(
        runFlip: Double = 0.25, bitNoise: ClosedRange<Double> = 0.05...0.15,
        tilt: ClosedRange<Int> = -4...4, occlusion: ClosedRange<Double> = 0.05...0.3
    ) {
        self.runFlip = runFlip
        self.bitNoise = bitNoise
        self.tilt = tilt
        self.occlusion = occlusion
    }

    /// A new identity's code (32 words, layout of ``IrisCode``).
    public func identity(using rng: inout some RandomNumberGenerator) -> [UInt64] {
        var code = [UInt64](repeating: 0, count: IrisTemplate.words)
        for ring in 0..<IrisCode.rings {
            var bit = rng.next() & 1 == 1
            for angle in 0..<IrisCode.angles {
                if Self.unit(&rng) < runFlip { bit.toggle() }
                IrisCode.setBit(&code, ring: ring, angle: angle, to: bit)
            }
        }
        return code
    }

    /// A capture of `identity`: noisy, tilted and occluded.
    public func capture(of identity: [UInt64], using rng: inout some RandomNumberGenerator) -> IrisTemplate {
        precondition(identity.count == IrisTemplate.words, "iris codes have \(IrisTemplate.words) words")
        let p = Self.draw(bitNoise, &rng)
        var code = identity
        for w in code.indices {
            var flips: UInt64 = 0
            for b in 0..<64 where Self.unit(&rng) < p { flips |= 1 << UInt64(b) }
            code[w] ^= flips
        }
        let turn = tilt.lowerBound + Int(rng.next() % UInt64(tilt.count))
        code = IrisCode.rotated(code, by: turn)
        var mask = [UInt64](repeating: ~0, count: IrisTemplate.words)
        let upper = Self.draw(occlusion, &rng), lower = Self.draw(occlusion, &rng) * 0.6
        for ring in 0..<IrisCode.rings {
            let depth = Double(ring + 1) / Double(IrisCode.rings) // outer rings are covered more
            let halfUpper = Int(clampingFloat: upper * depth * Double(IrisCode.angles) / 2)
            let halfLower = Int(clampingFloat: lower * depth * Double(IrisCode.angles) / 2)
            for a in -halfUpper...halfUpper where halfUpper > 0 {
                IrisCode.setBit(&mask, ring: ring, angle: (64 + a + IrisCode.angles) % IrisCode.angles, to: false)
            }
            for a in -halfLower...halfLower where halfLower > 0 {
                IrisCode.setBit(&mask, ring: ring, angle: (192 + a + IrisCode.angles) % IrisCode.angles, to: false)
            }
        }
        for _ in 0..<Int(rng.next() % 4) { // specular reflections: 2 rings × 6 angles
            let ring = Int(rng.next() % UInt64(IrisCode.rings - 1)), angle = Int(rng.next() % UInt64(IrisCode.angles))
            for r in ring...ring + 1 {
                for a in angle..<angle + 6 { IrisCode.setBit(&mask, ring: r, angle: a % IrisCode.angles, to: false) }
            }
        }
        return IrisTemplate(code: code, mask: mask)!
    }

    static func draw(_ range: ClosedRange<Double>, _ rng: inout some RandomNumberGenerator) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit(&rng)
    }

    static func unit(_ rng: inout some RandomNumberGenerator) -> Double {
        Double(rng.next() >> 11) * 0x1.0p-53
    }
}
