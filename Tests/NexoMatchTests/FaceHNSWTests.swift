import NexoKit
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

@Suite struct FaceHNSWTests {
    /// Isotropic 512-d vectors are the hardest case for a graph index (the 9 impostors of a
    /// top-10 are near-random points), so a high recall needs a long candidate list.
    @Test func recallAt10AgainstExactSearchOnSixHundredVectors() {
        // Small enough for a debug test run; the benchmark measures recall at 200,000.
        let fixture = FaceFixture(count: 600, probes: 30, seed: 31)
        var exact = FaceGallery()
        var index = HNSWIndex(parameters: HNSWParameters(m: 16, efConstruction: 64))
        for v in fixture.gallery {
            exact.append(normalized: v)
            index.append(normalized: v)
        }
        var scratch = HNSWScratch()
        var low = 0.0, high = 0.0, mates = 0
        for probe in fixture.probes {
            let truth = exact.search(normalized: probe.vector, k: 10)
            low += recall(index.search(normalized: probe.vector, k: 10, ef: 10, scratch: &scratch), truth)
            let found = index.search(normalized: probe.vector, k: 10, ef: 200, scratch: &scratch)
            high += recall(found, truth)
            if found.first?.index == probe.identity { mates += 1 }
            // The walk is scored from int8 codes; what is returned is re-scored in fp32.
            #expect(found.allSatisfy { $0.score == exact.score(normalized: probe.vector, at: $0.index) })
        }
        let n = Double(fixture.probes.count)
        #expect(high / n >= 0.98)
        #expect(high >= low) // a longer candidate list never finds less on average
        #expect(mates == fixture.probes.count)
    }

    @Test func linksRespectTheDegreeBoundsAndPointAtRealNodes() {
        let fixture = FaceFixture(count: 600, probes: 0, seed: 32)
        var index = HNSWIndex(parameters: HNSWParameters(m: 8, efConstruction: 40))
        for v in fixture.gallery { index.append(normalized: v) }
        for node in 0..<index.count {
            let links = index.neighbors(of: Int32(node), layer: 0)
            #expect(!links.isEmpty && links.count <= 16)
            #expect(links.allSatisfy { $0 >= 0 && Int($0) < index.count && Int($0) != node })
            for layer in 1..<Int(index.levels[node]) + 1 {
                #expect(index.neighbors(of: Int32(node), layer: layer).count <= 8)
            }
        }
    }

    @Test func sameSeedBuildsTheSameGraph() {
        let fixture = FaceFixture(count: 300, probes: 0, seed: 33)
        var a = HNSWIndex(parameters: HNSWParameters(m: 8, efConstruction: 30, seed: 5))
        var b = HNSWIndex(parameters: HNSWParameters(m: 8, efConstruction: 30, seed: 5))
        for v in fixture.gallery {
            a.append(normalized: v)
            b.append(normalized: v)
        }
        #expect(a.base == b.base && a.levels == b.levels && a.entryPoint == b.entryPoint)
    }
}

@Suite struct FaceSynthesizerTests {
    @Test func genuineScoresMostlyBetweenHalfAndPointEightImpostorsNearZero() {
        var rng = SeededRandom(seed: 41)
        let synth = FaceSynthesizer()
        var genuine: [Double] = [], impostor: [Double] = []
        var previous: [Float]?
        for _ in 0..<300 {
            let id = synth.identity(using: &rng)
            let a = synth.capture(of: id, using: &rng).vector, b = synth.capture(of: id, using: &rng).vector
            genuine.append(FaceVector.dot(a, b))
            if let previous { impostor.append(FaceVector.dot(a, previous)) }
            previous = b
        }
        let inBand = genuine.filter { (0.5...0.8).contains($0) }.count
        #expect(Double(inBand) / Double(genuine.count) >= 0.8)
        let mean = impostor.reduce(0, +) / Double(impostor.count)
        let sd = (impostor.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(impostor.count)).squareRoot()
        #expect(abs(mean) < 0.01)
        #expect((0.035...0.055).contains(sd))
    }
}

@Suite struct FaceSpectrumTests {
    func scores(_ synth: FaceSynthesizer, seed: UInt64) -> (genuine: [Double], impostor: [Double]) {
        var rng = SeededRandom(seed: seed)
        var genuine: [Double] = [], impostor: [Double] = []
        var previous: [Float]?
        for _ in 0..<400 {
            let id = synth.identity(using: &rng)
            let a = synth.capture(of: id, using: &rng).vector, b = synth.capture(of: id, using: &rng).vector
            genuine.append(FaceVector.dot(a, b))
            if let previous { impostor.append(FaceVector.dot(a, previous)) }
            previous = b
        }
        return (genuine, impostor)
    }

    @Test func decayingSpectrumKeepsGenuineScoresAndWidensImpostors() {
        #expect(abs(FaceSpectrum.isotropic.effectiveDimension - 512) < 1e-6)
        #expect((90...100).contains(FaceSpectrum.decaying.effectiveDimension))
        // Noise shaped like the identities: captures spread as widely as identities (± 0.094).
        // Noise spread evenly (the default): part of each capture is noise in every direction,
        // so captures of different people spread less (≈ 0.094 · 0.65 / 0.87 ≈ 0.07).
        for (noise, range) in [(FaceSynthesizer.CaptureNoise.likeIdentities, 0.08...0.11), (.isotropic, 0.06...0.085)] {
            let (genuine, impostor) = scores(FaceSynthesizer(spectrum: .decaying, captureNoise: noise), seed: 61)
            #expect(Double(genuine.filter { (0.5...0.8).contains($0) }.count) / Double(genuine.count) >= 0.85)
            let mean = impostor.reduce(0, +) / Double(impostor.count)
            let sd = (impostor.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(impostor.count)).squareRoot()
            #expect(abs(mean) < 0.02)
            #expect(range.contains(sd), "\(noise): impostor sd \(sd)")
        }
    }

    /// The default draws what it drew before spectra existed: a normalised Gaussian identity and
    /// Gaussian noise of deviation σ/√512 per dimension.
    @Test func isotropicDefaultDrawsTheSameNumbersAsBefore() {
        var a = SeededRandom(seed: 62), b = SeededRandom(seed: 62)
        let synth = FaceSynthesizer()
        let id = synth.identity(using: &a)
        var v = [Float](repeating: 0, count: 512)
        GaussianNoise.fill(&v, standardDeviation: 1, using: &b)
        #expect(id == FaceVector.normalized(v))
        let capture = synth.capture(of: id, using: &a).vector
        let sigma = 0.5 + 0.5 * Float(GaussianNoise.unit(&b))
        var e = [Float](repeating: 0, count: 512)
        GaussianNoise.fill(&e, standardDeviation: sigma / Float(512).squareRoot(), using: &b)
        #expect(capture == FaceVector.normalized(zip(id, e).map { $0 + $1 }))
    }

    /// A decaying spectrum is what graph indexes are built for: at the same short candidate list
    /// the graph finds far more of the true top 10 than on isotropic faces.
    @Test func graphRecallIsHigherOnDecayingSpectrum() {
        func meanRecall(_ spectrum: FaceSpectrum) -> Double {
            var rng = SeededRandom(seed: 63)
            let synth = FaceSynthesizer(spectrum: spectrum, captureNoise: .likeIdentities)
            let ids = (0..<800).map { _ in synth.identity(using: &rng) }
            var exact = FaceGallery()
            var index = HNSWIndex(parameters: HNSWParameters(m: 8, efConstruction: 32))
            for id in ids {
                let v = synth.capture(of: id, using: &rng).vector
                exact.append(normalized: v)
                index.append(normalized: v)
            }
            var scratch = HNSWScratch()
            var total = 0.0
            for p in 0..<20 {
                let probe = synth.capture(of: ids[p * 37], using: &rng).vector
                total += recall(
                    index.search(normalized: probe, k: 10, ef: 20, scratch: &scratch),
                    exact.search(normalized: probe, k: 10))
            }
            return total / 20
        }
        let isotropic = meanRecall(.isotropic), decaying = meanRecall(.decaying)
        #expect(decaying >= 0.8)
        #expect(decaying > isotropic + 0.15, "isotropic \(isotropic), decaying \(decaying)")
    }
}
