import Glibc
import NexoKit
import NexoTemplateMath

/// A synthetic "master" finger: a ridge-orientation field with singular points, a contact
/// ellipse, and 30–60 minutiae placed in it with directions that follow the ridge flow.
/// ``impression(_:using:)`` makes noisy captures of it for tests and benchmarks.
///
/// The orientation field is the zero-pole model of Sherlock and Monro (1993): around each core
/// the ridge orientation turns by +180°, around each delta by −180°; arches use a smooth bump
/// field instead. Minutiae are spread by dart throwing with a minimum spacing, as real ones
/// are, and each points along the ridge, one way or the other.
public struct SyntheticFinger: Sendable, Hashable {
    /// The pattern class, which fixes the singular points.
    public enum Pattern: String, Sendable, Hashable, CaseIterable {
        /// Arch: no singular points.
        case arch
        /// Tented arch: a core right above a delta.
        case tentedArch
        /// Loop with the delta on the left.
        case leftLoop
        /// Loop with the delta on the right.
        case rightLoop
        /// Whorl: two cores, two deltas.
        case whorl
    }

    /// Pattern class.
    public var pattern: Pattern
    /// Image width in pixels (500 ppi).
    public var width = 400
    /// Image height in pixels.
    public var height = 500
    /// Finger position 0...10.
    public var position: Int
    /// Centre of the finger's contact ellipse.
    public var centre: SIMD2<Double>
    /// Semi-axes of the contact ellipse (horizontal, vertical).
    public var semiAxes: SIMD2<Double>
    /// Core points (image coordinates).
    public var cores: [SIMD2<Double>]
    /// Delta points.
    public var deltas: [SIMD2<Double>]
    /// Arch bump strength (arches only).
    var archStrength: Double
    /// The master minutiae, as a perfect capture would give them.
    public var minutiae: [Minutia]

    /// Makes a random master finger.
    public static func random(position: Int = 0, using rng: inout some RandomNumberGenerator) -> SyntheticFinger {
        let pattern = Pattern.allCases.randomElement(using: &rng)!
        let centre = SIMD2<Double>(200 + .random(in: -12...12, using: &rng), 250 + .random(in: -12...12, using: &rng))
        let axes = SIMD2(Double.random(in: 135...165, using: &rng), Double.random(in: 180...220, using: &rng))
        let core = centre + SIMD2<Double>(.random(in: -30...30, using: &rng), .random(in: -60 ... -10, using: &rng))
        var cores: [SIMD2<Double>] = []
        var deltas: [SIMD2<Double>] = []
        switch pattern {
        case .arch: break
        case .tentedArch:
            cores = [core]
            deltas = [core + SIMD2<Double>(.random(in: -10...10, using: &rng), .random(in: 60...90, using: &rng))]
        case .leftLoop, .rightLoop:
            let side: Double = pattern == .leftLoop ? -1 : 1
            cores = [core]
            deltas = [
                core + SIMD2<Double>(side * .random(in: 90...140, using: &rng), .random(in: 100...150, using: &rng))
            ]
        case .whorl:
            let spread = Double.random(in: 10...30, using: &rng)
            cores = [core - SIMD2<Double>(spread, 0), core + SIMD2<Double>(spread, .random(in: -10...10, using: &rng))]
            deltas = [
                core + SIMD2<Double>(-.random(in: 110...150, using: &rng), .random(in: 110...150, using: &rng)),
                core + SIMD2<Double>(.random(in: 110...150, using: &rng), .random(in: 110...150, using: &rng)),
            ]
        }
        var finger = SyntheticFinger(
            pattern: pattern, position: position, centre: centre, semiAxes: axes, cores: cores,
            deltas: deltas, archStrength: .random(in: 0.4...1.0, using: &rng), minutiae: [])
        let target = Int.random(in: 30...60, using: &rng)
        var attempts = 0
        while finger.minutiae.count < target, attempts < 20_000 {
            attempts += 1
            let p = SIMD2(Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng))
            guard (p * p).sum() <= 0.92 else { continue }
            let point = centre + p * axes
            let spacing = 18.0
            guard
                finger.minutiae.allSatisfy({
                    let d = SIMD2(Double($0.x), Double($0.y)) - point; return (d * d).sum() >= spacing * spacing
                })
            else {
                continue
            }
            finger.minutiae.append(finger.makeMinutia(at: point, using: &rng))
        }
        return finger
    }

    /// A minutia at `point` along the ridge flow, either way, with a little direction noise.
    func makeMinutia(at point: SIMD2<Double>, using rng: inout some RandomNumberGenerator) -> Minutia {
        var angle =
            ridgeOrientation(at: point) + (Bool.random(using: &rng) ? 180 : 0) + GaussianNoise.next(using: &rng) * 4
        angle = angle.truncatingRemainder(dividingBy: 360)
        if angle < 0 { angle += 360 }
        let kind: MinutiaKind = Double.random(in: 0..<1, using: &rng) < 0.55 ? .ending : .bifurcation
        return Minutia(
            x: Int(clampingFloat: point.x, rounding: .toNearestOrAwayFromZero),
            y: Int(clampingFloat: point.y, rounding: .toNearestOrAwayFromZero), angle: angle, kind: kind,
            quality: .random(in: 40...100, using: &rng))
    }

    /// Ridge orientation at `point` in degrees 0..<180, counter-clockwise from the x axis.
    public func ridgeOrientation(at point: SIMD2<Double>) -> Double {
        var radians: Double
        if cores.isEmpty && deltas.isEmpty {
            // Arch: ridges bulge upwards over the middle, flatter towards the tip and the crease.
            let u = (point.x - centre.x) / semiAxes.x
            let v = (point.y - centre.y) / semiAxes.y
            let slope = archStrength * 2 * u * exp(-2 * u * u) * exp(-v * v)
            radians = atan(slope)
        } else {
            radians = 0
            // Image y points down; angles are counter-clockwise with y up.
            for c in cores { radians += 0.5 * atan2(c.y - point.y, point.x - c.x) }
            for d in deltas { radians -= 0.5 * atan2(d.y - point.y, point.x - d.x) }
        }
        var degrees = (radians * 180 / .pi).truncatingRemainder(dividingBy: 180)
        if degrees < 0 { degrees += 180 }
        return degrees
    }

    /// The master minutiae as a template.
    public var template: FingerTemplate {
        FingerTemplate(
            position: position, width: width, height: height, resolution: 197, quality: 100, minutiae: minutiae)
    }
}
