import Glibc
import NexoKit
import NexoTemplateMath

/// How much one capture of a ``SyntheticFinger`` differs from the master.
public struct ImpressionSettings: Sendable, Hashable {
    /// Largest rotation, degrees either way (uniform).
    public var maxRotation: Double = 30
    /// Largest translation, pixels in each axis (uniform).
    public var maxTranslation: Double = 40
    /// Largest elastic displacement of the skin outside the contact centre, pixels.
    public var distortion: Double = 12
    /// Largest elastic twist of the skin outside the contact centre, degrees.
    public var twist: Double = 3
    /// Standard deviation of the position noise, pixels.
    public var positionNoise: Double = 2
    /// Standard deviation of the direction noise, degrees.
    public var angleNoise: Double = 6
    /// Fraction of the contact area's minutiae lost (uniform in the range).
    public var dropRate: ClosedRange<Double> = 0.05...0.2
    /// Spurious minutiae added, as a fraction of the master's count (uniform in the range).
    public var spuriousRate: ClosedRange<Double> = 0...0.15
    /// Size of the contact ellipse relative to the finger's (uniform in the range).
    public var contactScale: ClosedRange<Double> = 0.75...1.0
    /// Probability that an ending reads as a bifurcation or the other way round.
    public var kindFlipRate = 0.1

    /// The defaults: plain live-scan captures of fair quality.
    public init() {}

    /// A capture that is the master exactly (no transform, noise, loss or distortion).
    public static let exact: ImpressionSettings = {
        var s = ImpressionSettings()
        s.maxRotation = 0
        s.maxTranslation = 0
        s.distortion = 0
        s.twist = 0
        s.positionNoise = 0
        s.angleNoise = 0
        s.dropRate = 0...0
        s.spuriousRate = 0...0
        s.contactScale = 1...1
        s.kindFlipRate = 0
        return s
    }()
}

extension SyntheticFinger {
    /// One capture: the part of the finger in a random contact ellipse, elastically distorted
    /// around the contact centre (after Cappelli, Maio and Maltoni's skin-distortion model: a
    /// still centre, a displaced and twisted rim, a smooth transition), with minutiae lost and
    /// spurious ones added along the ridge flow, position and direction noise, endings and
    /// bifurcations confused, then rotated and moved. Minutiae outside the image are lost; the
    /// order is shuffled.
    public func impression(
        _ settings: ImpressionSettings = ImpressionSettings(),
        using rng: inout some RandomNumberGenerator
    ) -> FingerTemplate {
        let scale = Double.random(in: settings.contactScale, using: &rng)
        let contactAxes = semiAxes * scale
        let slack = semiAxes - contactAxes
        let contact =
            centre + SIMD2(Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng)) * slack
        func inContact(_ p: SIMD2<Double>) -> Bool {
            let q = (p - contact) / contactAxes
            return (q * q).sum() <= 1
        }
        // Elastic distortion: displacement v and twist ω of the rim, none within r0 of the contact centre.
        let pull = settings.distortion * Double.random(in: 0...1, using: &rng)
        let pullAngle = Double.random(in: 0..<(2 * .pi), using: &rng)
        let v = SIMD2(cos(pullAngle), sin(pullAngle)) * pull
        let omega = Double.random(in: -settings.twist...settings.twist, using: &rng) * .pi / 180
        let r0 = 0.3 * min(contactAxes.x, contactAxes.y)
        let r1 = 1.2 * max(contactAxes.x, contactAxes.y)
        func distort(_ p: SIMD2<Double>) -> SIMD2<Double> {
            let d = p - contact
            let r = (d * d).sum().squareRoot()
            let t = min(max((r - r0) / (r1 - r0), 0), 1)
            let weight = t * t * (3 - 2 * t)
            let twisted = SIMD2(d.x * cos(omega) + d.y * sin(omega), -d.x * sin(omega) + d.y * cos(omega))
            return p + weight * (v + twisted - d)
        }
        // Rigid transform about the image centre.
        let rho = Double.random(in: -settings.maxRotation...settings.maxRotation, using: &rng)
        let rhoRadians = rho * .pi / 180
        let shift = SIMD2(
            Double.random(in: -settings.maxTranslation...settings.maxTranslation, using: &rng),
            Double.random(in: -settings.maxTranslation...settings.maxTranslation, using: &rng))
        let pivot = SIMD2(Double(width) / 2, Double(height) / 2)
        func move(_ p: SIMD2<Double>) -> SIMD2<Double> {
            let d = p - pivot
            return pivot + shift
                + SIMD2(
                    d.x * cos(rhoRadians) + d.y * sin(rhoRadians),
                    -d.x * sin(rhoRadians) + d.y * cos(rhoRadians))
        }

        var source = minutiae.filter { inContact(SIMD2(Double($0.x), Double($0.y))) }
        let drop = Double.random(in: settings.dropRate, using: &rng)
        source = source.filter { _ in Double.random(in: 0..<1, using: &rng) >= drop }
        let spurious = Int(
            clampingFloat: Double(minutiae.count) * Double.random(in: settings.spuriousRate, using: &rng),
            rounding: .toNearestOrAwayFromZero)
        var added = 0
        var attempts = 0
        while added < spurious, attempts < 1000 {
            attempts += 1
            let p =
                contact + SIMD2(Double.random(in: -1...1, using: &rng), Double.random(in: -1...1, using: &rng))
                * contactAxes
            guard inContact(p) else { continue }
            source.append(makeMinutia(at: p, using: &rng))
            added += 1
        }

        var result: [Minutia] = []
        for m in source {
            let p = SIMD2(Double(m.x), Double(m.y))
            let radians = m.angle * .pi / 180
            // The direction after distortion: where a point a few pixels along the ridge goes.
            let ahead = p + SIMD2(cos(radians), -sin(radians)) * 6
            let q = distort(p)
            let qa = distort(ahead)
            var angle =
                atan2(q.y - qa.y, qa.x - q.x) * 180 / .pi + rho + GaussianNoise.next(using: &rng) * settings.angleNoise
            angle = angle.truncatingRemainder(dividingBy: 360)
            if angle < 0 { angle += 360 }
            let moved =
                move(q) + SIMD2(GaussianNoise.next(using: &rng), GaussianNoise.next(using: &rng))
                * settings.positionNoise
            let x = Int(clampingFloat: moved.x, rounding: .toNearestOrAwayFromZero)
            let y = Int(clampingFloat: moved.y, rounding: .toNearestOrAwayFromZero)
            guard x >= 0, y >= 0, x < width, y < height else { continue }
            var kind = m.kind
            if kind != .other, Double.random(in: 0..<1, using: &rng) < settings.kindFlipRate {
                kind = kind == .ending ? .bifurcation : .ending
            }
            result.append(
                Minutia(
                    x: x, y: y, angle: angle, kind: kind,
                    quality: min(100, max(0, m.quality + .random(in: -15...15, using: &rng)))))
        }
        result.shuffle(using: &rng)
        return FingerTemplate(
            position: position, width: width, height: height, resolution: 197,
            quality: .random(in: 40...100, using: &rng), minutiae: result)
    }
}
