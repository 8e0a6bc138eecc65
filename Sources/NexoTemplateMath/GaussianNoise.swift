#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Normal deviates from a random number generator (Box–Muller): the random directions of the
/// face index's projections and inverted lists, and the noise of the synthetic captures in
/// NexoSynthesis. Given a seeded generator, the same numbers on every machine.
package enum GaussianNoise {
    /// Fills `values` with independent normal deviates of mean 0 and `standardDeviation`, two
    /// per pair of uniforms from ``unit(_:)``.
    package static func fill(
        _ values: inout [Float], standardDeviation: Float, using rng: inout some RandomNumberGenerator
    ) {
        var i = 0
        while i < values.count {
            let u1 = 1 - unit(&rng) // (0, 1]: log stays finite
            let u2 = unit(&rng)
            let r = (-2 * log(u1)).squareRoot() * Double(standardDeviation)
            let angle = 2 * Double.pi * u2
            values[i] = Float(r * cos(angle))
            if i + 1 < values.count { values[i + 1] = Float(r * sin(angle)) }
            i += 2
        }
    }

    /// One standard normal deviate, from two uniforms drawn with `Double.random(in:using:)`.
    package static func next(using rng: inout some RandomNumberGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        let v = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    package static func unit(_ rng: inout some RandomNumberGenerator) -> Double {
        Double(rng.next() >> 11) * 0x1.0p-53
    }
}
