import NexoKit
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

@Suite struct IrisCodeTests {
    static func random(_ rng: inout SeededRandom) -> [UInt64] { (0..<32).map { _ in rng.next() } }
    static let full = [UInt64](repeating: ~0, count: 32)

    @Test func identicalCodesAreAtDistanceZeroWithShiftZero() {
        var rng = SeededRandom(seed: 1)
        let t = IrisTemplate(code: Self.random(&rng), mask: Self.full)!
        let d = IrisCode.distance(t, t)
        #expect(d.raw == 0 && d.shift == 0 && d.bitsCompared == 2048)
    }

    @Test func complementedCodeIsAtDistanceOneWithoutShifts() {
        var rng = SeededRandom(seed: 2)
        let code = Self.random(&rng)
        let a = IrisTemplate(code: code, mask: Self.full)!, b = IrisTemplate(code: code.map { ~$0 }, mask: Self.full)!
        #expect(IrisCode.distance(a, b, maxShift: 0).raw == 1)
    }

    @Test func bitsOutsideEitherMaskAreIgnored() {
        var rng = SeededRandom(seed: 3)
        let code = Self.random(&rng)
        var maskA = Self.full, maskB = Self.full
        maskA[0] = 0 // ring 0, angles 0..<64 hidden in A
        maskB[5] = 0xFFFF // ring 1, angles 64..<128: only 16 bits valid in B
        var other = code
        other[0] = ~code[0] // differs only where A is masked
        other[5] ^= ~0xFFFF // and where B is masked
        let d = IrisCode.distance(
            IrisTemplate(code: other, mask: maskB)!, IrisTemplate(code: code, mask: maskA)!, maxShift: 0)
        #expect(d.raw == 0)
        #expect(d.bitsCompared == 2048 - 64 - 48)
    }

    @Test func rotationIsFoundAndUndone() {
        var rng = SeededRandom(seed: 4)
        let reference = IrisTemplate(code: Self.random(&rng), mask: Self.full)!
        let turned = IrisTemplate(code: IrisCode.rotated(reference.code, by: 5), mask: Self.full)!
        let d = IrisCode.distance(turned, reference)
        #expect(d.raw == 0 && d.shift == -5)
        let far = IrisCode.distance(
            IrisTemplate(code: IrisCode.rotated(reference.code, by: 20), mask: Self.full)!, reference)
        #expect(far.raw > 0.4) // beyond ±8 the rotation is not searched
    }

    @Test func rotationMovesEachBitAlongItsRing() {
        var code = [UInt64](repeating: 0, count: 32)
        IrisCode.setBit(&code, ring: 3, angle: 250, to: true)
        let turned = IrisCode.rotated(code, by: 70)
        #expect(IrisCode.bit(turned, ring: 3, angle: (250 + 70) % 256))
        #expect(turned.reduce(0) { $0 + $1.nonzeroBitCount } == 1)
        var rng = SeededRandom(seed: 5)
        let r = Self.random(&rng)
        #expect(IrisCode.rotated(IrisCode.rotated(r, by: 37), by: -37) == r)
        #expect(IrisCode.rotated(r, by: 256) == r)
        #expect(IrisCode.rotated(IrisCode.rotated(r, by: 64), by: 3) == IrisCode.rotated(r, by: 67))
    }

    @Test func daugmanNormalisation() {
        #expect(IrisCode.normalized(raw: 0.3, bitsCompared: 911) == 0.3)
        #expect(abs(IrisCode.normalized(raw: 0.3, bitsCompared: 4 * 911) - 0.1) < 1e-12)
        #expect(
            abs(IrisCode.normalized(raw: 0.3, bitsCompared: 911 / 4 + 1) - 0.5 + 0.2 * (228.0 / 911).squareRoot())
                < 1e-12)
        #expect(IrisCode.normalized(raw: 0, bitsCompared: 0) == 0.5)
        #expect(IrisDistance(raw: 0.25, bitsCompared: 3644, shift: 0).normalized == 0)
    }

    @Test func noBitInBothMasksGivesNoEvidence() {
        var rng = SeededRandom(seed: 6)
        let a = IrisTemplate(code: Self.random(&rng), mask: [UInt64](repeating: 0x5555_5555_5555_5555, count: 32))!
        let b = IrisTemplate(code: Self.random(&rng), mask: [UInt64](repeating: 0xAAAA_AAAA_AAAA_AAAA, count: 32))!
        let d = IrisCode.distance(a, b, maxShift: 0)
        #expect(d.bitsCompared == 0 && d.raw == 0.5 && d.normalized == 0.5)
    }
}

@Suite struct IrisGalleryTests {
    /// Bit-by-bit reference of the distance, choosing the shift by lowest normalised distance.
    static func naive(_ probe: IrisTemplate, _ reference: IrisTemplate, maxShift: Int) -> IrisDistance {
        var best: IrisDistance?
        for s in [0] + (0..<maxShift).flatMap({ [-($0 + 1), $0 + 1] }) {
            var d = 0, n = 0
            for ring in 0..<8 {
                for angle in 0..<256 {
                    let pa = (angle - s + 256) % 256 // rotating the probe by s brings angle pa to angle
                    guard IrisCode.bit(probe.mask, ring: ring, angle: pa),
                        IrisCode.bit(reference.mask, ring: ring, angle: angle)
                    else { continue }
                    n += 1
                    if IrisCode.bit(probe.code, ring: ring, angle: pa)
                        != IrisCode.bit(reference.code, ring: ring, angle: angle)
                    {
                        d += 1
                    }
                }
            }
            let candidate = IrisDistance(raw: n == 0 ? 0.5 : Double(d) / Double(n), bitsCompared: n, shift: s)
            if best == nil || candidate.normalized < best!.normalized - 1e-12 { best = candidate }
        }
        return best!
    }

    @Test func scanEqualsBitByBitReference() {
        var rng = SeededRandom(seed: 7)
        let synth = IrisSynthesizer()
        var gallery = IrisGallery()
        var templates: [IrisTemplate] = []
        let ids = (0..<6).map { _ in synth.identity(using: &rng) }
        for id in ids {
            let t = synth.capture(of: id, using: &rng)
            templates.append(t)
            gallery.append(t)
        }
        let probe = synth.capture(of: ids[2], using: &rng)
        let found = gallery.distances(to: probe)
        for (t, d) in zip(templates, found) { #expect(d == Self.naive(probe, t, maxShift: 8)) }
        #expect(gallery.template(at: 4) == templates[4])
    }

    @Test func searchRanksTheMateFirst() {
        var rng = SeededRandom(seed: 8)
        let synth = IrisSynthesizer()
        var gallery = IrisGallery()
        let ids = (0..<300).map { _ in synth.identity(using: &rng) }
        for id in ids { gallery.append(synth.capture(of: id, using: &rng)) }
        for who in [0, 17, 299] {
            let top = gallery.search(synth.capture(of: ids[who], using: &rng), k: 3)
            #expect(top.map(\.index).first == who)
            #expect(top[0].distance.normalized <= top[1].distance.normalized)
        }
    }

    @Test func syntheticGenuineAndImpostorDistances() {
        var rng = SeededRandom(seed: 9)
        let synth = IrisSynthesizer()
        var genuine: [Double] = [], impostor: [Double] = []
        var previous: IrisTemplate?
        for _ in 0..<200 {
            let id = synth.identity(using: &rng)
            let a = synth.capture(of: id, using: &rng), b = synth.capture(of: id, using: &rng)
            genuine.append(IrisCode.distance(a, b).raw)
            if let previous { impostor.append(IrisCode.distance(a, previous).raw) }
            previous = b
        }
        #expect(Double(genuine.filter { (0.08...0.32).contains($0) }.count) / Double(genuine.count) >= 0.95)
        #expect(Double(impostor.filter { (0.42...0.5).contains($0) }.count) / Double(impostor.count) >= 0.95)
        #expect(genuine.max()! < impostor.min()!)
    }
}

@Suite struct IrisKernelTests {
    /// Sparse random masks: few bits compared, so equal scores at different shifts (ties) and
    /// shifts with no bit compared at all are common.
    static func sparse(_ rng: inout SeededRandom, density: Int) -> [UInt64] {
        (0..<32).map { _ in (0..<density).reduce(~UInt64(0)) { acc, _ in acc & rng.next() } }
    }

    @Test(arguments: [0, 1, 2, 5, 8, 13])
    func scanEqualsBitByBitReferenceForEveryShiftRange(maxShift: Int) {
        var rng = SeededRandom(seed: 100 + UInt64(maxShift))
        var gallery = IrisGallery(maxShift: maxShift)
        var templates: [IrisTemplate] = []
        for density in [0, 1, 3, 6, 9] {
            for _ in 0..<3 {
                let t = IrisTemplate(code: IrisCodeTests.random(&rng), mask: Self.sparse(&rng, density: density))!
                templates.append(t)
                gallery.append(t)
            }
        }
        for density in [0, 4, 8] {
            let probe = IrisTemplate(code: IrisCodeTests.random(&rng), mask: Self.sparse(&rng, density: density))!
            let found = gallery.distances(to: probe)
            for (t, d) in zip(templates, found) {
                #expect(d == IrisGalleryTests.naive(probe, t, maxShift: maxShift))
            }
        }
    }

    @Test func tiesGoToTheSmallestTurnFirstTried() {
        // A code invariant under rotation by one position: every shift scores the same.
        let t = IrisTemplate(code: [UInt64](repeating: 0, count: 32), mask: IrisCodeTests.full)!
        for maxShift in [1, 2, 7, 8] {
            let d = IrisCode.distance(t, t, maxShift: maxShift)
            #expect(d.shift == 0 && d.raw == 0 && d.bitsCompared == 2048)
        }
        // Alternating bits: odd shifts all disagree, even shifts all agree; the first even one is 0.
        let stripes = IrisTemplate(
            code: [UInt64](repeating: 0x5555_5555_5555_5555, count: 32), mask: IrisCodeTests.full)!
        let turned = IrisTemplate(code: IrisCode.rotated(stripes.code, by: 1), mask: IrisCodeTests.full)!
        let d = IrisCode.distance(turned, stripes, maxShift: 8)
        #expect(d.raw == 0 && d.shift == -1)
    }
}
