import Foundation
import NexoKit
import NexoSynthesis
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

@Suite struct FingerprintMatcherTests {
    /// Moves and turns every minutia of `template` rigidly: rotation `degrees` about (cx, cy),
    /// then translation (dx, dy), on a canvas large enough to lose nothing.
    func moved(_ template: FingerTemplate, degrees: Double, dx: Double, dy: Double) -> FingerTemplate {
        let r = degrees * .pi / 180
        let c = cos(r), s = sin(r)
        var result = template
        result.width = 2000
        result.height = 2000
        result.minutiae = template.minutiae.map { m in
            let x = Double(m.x) - 200, y = Double(m.y) - 250
            var angle = (m.angle + degrees).truncatingRemainder(dividingBy: 360)
            if angle < 0 { angle += 360 }
            return Minutia(
                x: Int((1000 + x * c + y * s + dx).rounded()), y: Int((1000 - x * s + y * c + dy).rounded()),
                angle: angle, kind: m.kind, quality: m.quality)
        }
        return result
    }

    @Test func identicalTemplatesScoreOneAndRankFirst() {
        var rng = SplitMix64(seed: 3)
        let fingers = (0..<30).map { _ in SyntheticFinger.random(using: &rng) }
        let gallery = fingers.map { PreparedFinger($0.template) }
        let scratch = FingerMatchScratch()
        for (i, finger) in fingers.enumerated() {
            let probe = FingerProbe(PreparedFinger(finger.template))
            let scores = gallery.map { probe.compare($0, scratch: scratch).score }
            #expect(scores[i] == 1, "finger \(i) against itself")
            #expect(scores.enumerated().allSatisfy { $0.offset == i || $0.element < scores[i] })
        }
    }

    @Test(arguments: [0.0, 37.0, 90.0, 180.0, 233.5, 359.0])
    func rotationAndTranslationDoNotChangeTheMatch(degrees: Double) {
        var rng = SplitMix64(seed: 17)
        let scratch = FingerMatchScratch()
        for _ in 0..<10 {
            let finger = SyntheticFinger.random(using: &rng)
            let template = finger.impression(using: &rng)
            let probe = FingerProbe(PreparedFinger(template))
            let turned = moved(
                template, degrees: degrees, dx: .random(in: -300...300, using: &rng),
                dy: .random(in: -300...300, using: &rng))
            let result = probe.compare(PreparedFinger(turned), scratch: scratch)
            // Rounding moves minutiae by under a pixel: every one still matches.
            #expect(result.matchedMinutiae == template.minutiae.count)
            var turn = (result.rotation + degrees).truncatingRemainder(dividingBy: 360)
            if turn < 0 { turn += 360 }
            #expect(min(turn, 360 - turn) < 1, "rotation \(result.rotation) for a turn of \(degrees)")
        }
    }

    @Test func correspondencesPairTheSameMasterMinutiae() {
        var rng = SplitMix64(seed: 23)
        let finger = SyntheticFinger.random(using: &rng)
        let template = finger.template
        let turned = moved(template, degrees: 45, dx: 10, dy: -20)
        let (result, pairs) = FingerProbe(PreparedFinger(template)).correspondences(PreparedFinger(turned))
        #expect(pairs.count == result.matchedMinutiae)
        #expect(pairs.count == template.minutiae.count)
        #expect(pairs.allSatisfy { $0.probe == $0.gallery })
    }

    @Test func fewMinutiaeGiveNoMatchInsteadOfACrash() {
        let scratch = FingerMatchScratch()
        let empty = PreparedFinger(FingerTemplate(position: 1, width: 400, height: 500, minutiae: []))
        let two = PreparedFinger(
            FingerTemplate(
                position: 1, width: 400, height: 500,
                minutiae: [
                    Minutia(x: 10, y: 10, angle: 0, kind: .ending, quality: 50),
                    Minutia(x: 60, y: 10, angle: 90, kind: .ending, quality: 50),
                ]))
        #expect(FingerProbe(empty).compare(two, scratch: scratch) == .none)
        #expect(FingerProbe(two).compare(empty, scratch: scratch) == .none)
        #expect(FingerProbe(two).compare(two, scratch: scratch) == .none)
        // All minutiae on one spot: every pair is shorter than the shortest edge.
        let stacked = PreparedFinger(
            FingerTemplate(
                position: 1, width: 400, height: 500,
                minutiae: Array(repeating: Minutia(x: 5, y: 5, angle: 10, kind: .other, quality: 0), count: 300)))
        #expect(stacked.minutiaCount == PreparedFinger.maxMinutiae)
        #expect(FingerProbe(stacked).compare(stacked, scratch: scratch).score == 0)
    }

    @Test func genuineAndImpostorScoresSeparateWithEERBelowOnePercent() {
        var rng = SplitMix64(seed: 2024)
        let count = 160
        let masters = (0..<count).map { _ in SyntheticFinger.random(using: &rng) }
        let probes = masters.map { FingerProbe(PreparedFinger($0.impression(using: &rng))) }
        let gallery = masters.map { PreparedFinger($0.impression(using: &rng)) }
        let scratch = FingerMatchScratch()
        var genuine: [Double] = []
        var impostor: [Double] = []
        for (i, probe) in probes.enumerated() {
            for (j, entry) in gallery.enumerated() {
                let score = probe.compare(entry, scratch: scratch).score
                if i == j { genuine.append(score) } else { impostor.append(score) }
            }
        }
        let rates = VerificationErrorRates(genuine: genuine, impostor: impostor)
        #expect(rates.equalErrorRate <= 0.01, "EER \(rates.equalErrorRate)")
        #expect(rates.falseNonMatchRate(atFalseMatchRate: 0.001) <= 0.03)
    }

    @Test func calibrationMapsScoresToMeasuredFalseMatchRates() {
        var rng = SplitMix64(seed: 99)
        let calibration = FingerScoreCalibration.measure(fingers: 60, using: &rng)
        #expect(calibration.impostorScores.count == 60 * 59)
        let threshold = calibration.threshold(forFalseMatchRate: 0.01)
        #expect(calibration.falseMatchRate(forScore: threshold) <= 0.01)
        #expect(calibration.falseMatchRate(forScore: 0) == Double(60 * 59) / Double(60 * 59 + 1))
        #expect(calibration.falseMatchRate(forScore: 1.01) == 1 / Double(60 * 59 + 1))
        // On fresh impostors the threshold holds roughly (a 3,540-score sample).
        let fresh = FingerScoreCalibration.measure(fingers: 60, using: &rng)
        #expect(fresh.falseMatchRate(forScore: threshold) <= 0.03)
        // A genuine pair scores far beyond it.
        let finger = SyntheticFinger.random(using: &rng)
        let score = FingerProbe(PreparedFinger(finger.impression(using: &rng)))
            .compare(PreparedFinger(finger.impression(using: &rng)), scratch: FingerMatchScratch()).score
        #expect(score > calibration.threshold(forFalseMatchRate: 0.0003))
    }

    @Test func theImpostorTailExtendsTheRateBeyondTheSample() throws {
        // An exponential sample with mean excess 0.1 over 0: the fitted tail should follow it.
        let scores = (0..<10_000).map { i in -0.1 * log(1 - (Double(i) + 0.5) / 10_000) }
        let calibration = FingerScoreCalibration(impostorScores: scores)
        let tail = try #require(calibration.tail)
        #expect(abs(tail.share - 0.01) < 1e-9)
        #expect(abs(tail.scale - 0.1) < 0.01 && tail.shape < 0.05, "\(tail)")
        // Continuous with the measured rate where the tail starts, then falling below 1 / n.
        #expect(abs(calibration.extrapolatedFalseMatchRate(forScore: tail.start + 1e-9) - 0.01) < 1e-3)
        #expect(calibration.extrapolatedFalseMatchRate(forScore: 0.1) == calibration.falseMatchRate(forScore: 0.1))
        let far = calibration.extrapolatedFalseMatchRate(forScore: 2.0)
        #expect(far < 1 / 10_001.0 && abs(log10(far) - log10(exp(-20.0))) < 0.3, "\(far)")
        let rates = stride(from: 0.3, through: 3.0, by: 0.1).map {
            calibration.extrapolatedFalseMatchRate(forScore: $0)
        }
        #expect(zip(rates, rates.dropFirst()).allSatisfy { $0 > $1 })
        // A heavier (Pareto) tail gets a positive shape and higher rates far out than an exponential.
        let pareto = (0..<10_000).map { i in pow(1 - (Double(i) + 0.5) / 10_000, -0.25) - 1 }
        let heavy = FingerScoreCalibration(impostorScores: pareto)
        let heavyTail = try #require(heavy.tail)
        #expect(abs(heavyTail.shape - 0.25) < 0.1, "\(heavyTail)")
        // The sample is a GPD with shape 0.25 and scale 0.25: P(X > 5) = 6^-4; an exponential would say ~10^-5.
        #expect(abs(log10(heavy.extrapolatedFalseMatchRate(forScore: 5)) - log10(pow(6, -4))) < 0.3)
        // Too small a sample for a tail: the measured bound stays.
        #expect(FingerScoreCalibration(impostorScores: Array(scores.prefix(1_000))).tail == nil)
    }

    @Test func errorRatesAreComputedFromBothSamples() {
        let rates = VerificationErrorRates(genuine: [0.5, 0.6, 0.7, 0.8], impostor: [0.1, 0.2, 0.3, 0.55])
        #expect(rates.falseMatchRate(at: 0.5) == 0.25)
        #expect(rates.falseNonMatchRate(at: 0.55) == 0.25)
        #expect(rates.equalErrorRate == 0.25)
        #expect(rates.falseNonMatchRate(atFalseMatchRate: 0) == 0.25)
        #expect(VerificationErrorRates(genuine: [0.9], impostor: [0.1]).equalErrorRate == 0)
    }
}

@Suite struct FingerprintSearchTests {
    @Test func prefilterKeepsTheTrueMateAndSearchFindsIt() {
        var rng = SplitMix64(seed: 5)
        let masters = (0..<300).map { _ in SyntheticFinger.random(using: &rng) }
        let search = FingerSearch(gallery: masters.map { PreparedFinger($0.impression(using: &rng)) })
        let scratch = FingerMatchScratch()
        var kept = 0, found = 0, foundExact = 0
        let probes = 40
        for mate in 0..<probes {
            let probe = FingerProbe(PreparedFinger(masters[mate].impression(using: &rng)))
            if search.shortlist(probe, count: 90).contains(mate) { kept += 1 }
            if search.identify(probe, shortlist: 0.3, top: 1, scratch: scratch).first?.index == mate { found += 1 }
            if search.identify(probe, shortlist: 1, top: 1, scratch: scratch).first?.index == mate { foundExact += 1 }
        }
        // Measured recall of the best 30 %: 98 % on the benchmark's 10,000-finger gallery.
        #expect(kept >= probes * 9 / 10, "kept \(kept) of \(probes)")
        #expect(found == kept)
        #expect(foundExact == probes)
    }

    @Test func searchRanksByScoreAndRespectsTop() {
        var rng = SplitMix64(seed: 8)
        let masters = (0..<20).map { _ in SyntheticFinger.random(using: &rng) }
        let search = FingerSearch(gallery: masters.map { PreparedFinger($0.template) })
        let result = search.identify(
            FingerProbe(PreparedFinger(masters[7].template)), shortlist: 1, top: 5,
            scratch: FingerMatchScratch())
        #expect(result.count == 5)
        #expect(result[0].index == 7 && result[0].comparison.score == 1)
        #expect(zip(result, result.dropFirst()).allSatisfy { $0.comparison.score >= $1.comparison.score })
    }
}

extension FingerprintSearchTests {
    @Test func shortlistOfTheWholeGalleryIsRankedToo() {
        var rng = SplitMix64(seed: 4)
        let masters = (0..<40).map { _ in SyntheticFinger.random(using: &rng) }
        let search = FingerSearch(gallery: masters.map { PreparedFinger($0.impression(using: &rng)) })
        let probe = FingerProbe(PreparedFinger(masters[33].impression(using: &rng)))
        let all = search.shortlist(probe, count: 40)
        #expect(Set(all) == Set(0..<40))
        #expect(all == search.shortlist(probe, count: 100))
        #expect(Array(all.prefix(5)) == search.shortlist(probe, count: 5))
        let scores = all.map { probe.prefilterScore(search.gallery[$0]) }
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 })
    }
}
