// nexo-bench-finger: fingerprint 1:N speed and accuracy on synthetic impressions.
//
// Usage: nexo-bench-finger [--fingers F] [--gallery N] [--probes P] [--seed S] [--keep FRACTION]
//   defaults: --fingers 600 --gallery 20000 --probes 20 --seed 1 --keep 0.2
//   accuracy: F synthetic fingers, 3 impressions each; genuine = every pair of impressions of a
//             finger, impostor = impression 0 of one finger against impression 1 of every other
//             (F × (F − 1) comparisons): EER, FNMR at FMR 0.1 % and 0.01 %.
//             The same again with harsh impressions, for comparison.
//   speed:    a gallery of N impressions of N fingers; P probes (second impressions of gallery
//             fingers) each compared with all N on one thread: comparisons per CPU-second (thread
//             CPU time, so a busy machine does not halve it; wall-clock rate printed beside);
//             then the signature prefilter: recall of the true mate in the best 5/10/20/30 %,
//             and the effective rate with the full matcher on the best FRACTION.
// There is no peer implementation for fingerprints; the goal (≥ 200,000 comparisons/s per core,
// EER ≤ 1 %) is printed beside our figures.
import Glibc
import NexoKit
import NexoMatch
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis

/// CPU time of this thread, seconds: comparisons per second per core even on a busy machine.
func threadSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

typealias SplitMix64 = SeededGenerator

func option(_ name: String, _ fallback: Double) -> Double {
    let args = CommandLine.arguments
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let value = Double(args[i + 1]) else {
        return fallback
    }
    return value
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func percent(_ x: Double) -> String {
    let v = (x * 10000).rounded() / 100
    return "\(v) %"
}

func grouped(_ x: Double) -> String {
    let n = Int(x.rounded())
    var s = String(n)
    var i = s.count - 3
    while i > 0 {
        s.insert(",", at: s.index(s.startIndex, offsetBy: i))
        i -= 3
    }
    return s
}

let fingerCount = Int(option("--fingers", 600))
let gallerySize = Int(option("--gallery", 20_000))
let probeCount = Int(option("--probes", 20))
let keep = option("--keep", 0.2)
var rng = SplitMix64(seed: UInt64(option("--seed", 1)))
let clock = ContinuousClock()

// Accuracy.
let scratch = FingerMatchScratch()
@MainActor func accuracy(_ label: String, _ settings: ImpressionSettings, goal: String) {
    let masters = (0..<fingerCount).map { SyntheticFinger.random(position: 1 + $0 % 10, using: &rng) }
    let impressions = masters.map { m in (0..<3).map { _ in PreparedFinger(m.impression(settings, using: &rng)) } }
    var genuine: [Double] = []
    var impostor: [Double] = []
    let start = clock.now
    for finger in impressions {
        for i in 0..<3 {
            let probe = FingerProbe(finger[i])
            for j in (i + 1)..<3 { genuine.append(probe.compare(finger[j], scratch: scratch).score) }
        }
    }
    for (i, finger) in impressions.enumerated() {
        let probe = FingerProbe(finger[0])
        for (j, other) in impressions.enumerated() where j != i {
            impostor.append(probe.compare(other[1], scratch: scratch).score)
        }
    }
    let rates = VerificationErrorRates(genuine: genuine, impostor: impostor)
    let calibration = FingerScoreCalibration(impostorScores: impostor)
    print(
        "fingerprint accuracy, \(label): \(fingerCount) synthetic fingers, \(genuine.count) genuine and "
            + "\(impostor.count) impostor comparisons (\(Int(seconds(clock.now - start))) s)"
    )
    print("  EER                 \(percent(rates.equalErrorRate))   \(goal)")
    print(
        "  FNMR @ FMR 0.1 %    \(percent(rates.falseNonMatchRate(atFalseMatchRate: 0.001)))   (score threshold "
            + "\(calibration.threshold(forFalseMatchRate: 0.001)))"
    )
    print(
        "  FNMR @ FMR 0.01 %   \(percent(rates.falseNonMatchRate(atFalseMatchRate: 0.0001)))   (score threshold "
            + "\(calibration.threshold(forFalseMatchRate: 0.0001)))"
    )
}
accuracy("default impressions", ImpressionSettings(), goal: "goal ≤ 1 %")
var harsh = ImpressionSettings()
harsh.maxRotation = 180
harsh.distortion = 20
harsh.twist = 5
harsh.positionNoise = 3
harsh.angleNoise = 8
harsh.dropRate = 0.1...0.3
harsh.spuriousRate = 0.05...0.3
harsh.contactScale = 0.6...1.0
accuracy(
    "harsh impressions (any rotation, 20 px distortion, up to 30 % lost and 30 % spurious, 60 % contact)", harsh,
    goal: "(no goal; for comparison)")

// Speed: full matcher over the whole gallery, one thread.
var galleryMasters: [SyntheticFinger] = []
var gallery: [PreparedFinger] = []
let prepareStart = clock.now
for _ in 0..<gallerySize {
    let m = SyntheticFinger.random(using: &rng)
    galleryMasters.append(m)
    gallery.append(PreparedFinger(m.impression(using: &rng)))
}
let prepareTime = seconds(clock.now - prepareStart)
let mates = (0..<probeCount).map { _ in Int.random(in: 0..<gallerySize, using: &rng) }
let probes = mates.map { FingerProbe(PreparedFinger(galleryMasters[$0].impression(using: &rng))) }
var checksum = 0.0
var rank1 = 0
let scanStart = clock.now
let scanCPUStart = threadSeconds()
for (p, probe) in probes.enumerated() {
    var best = (score: -1.0, index: -1)
    for (g, entry) in gallery.enumerated() {
        let s = probe.compare(entry, scratch: scratch).score
        checksum += s
        if s > best.score { best = (s, g) }
    }
    if best.index == mates[p] { rank1 += 1 }
}
let scanCPU = threadSeconds() - scanCPUStart
let scanTime = seconds(clock.now - scanStart)
let rate = Double(probeCount * gallerySize) / scanCPU
print("fingerprint 1:N, full matcher, 1 thread: gallery \(grouped(Double(gallerySize))), \(probeCount) probes")
print(
    "  comparisons/s       \(grouped(rate)) per CPU-second   goal ≥ 200,000   ratio "
        + "\(Double(Int(rate / 200_000 * 100)) / 100)×   (wall clock: "
        + "\(grouped(Double(probeCount * gallerySize) / scanTime))/s)"
)
print(
    "  rank-1              \(rank1)/\(probeCount)   (prepare \(Int(Double(gallerySize) / prepareTime)) templates/s; "
        + "checksum \(Int(checksum)))"
)

// Speed with the prefilter: rank by signature, run the full matcher on the best `keep` fraction.
let search = FingerSearch(gallery: gallery)
let shares = [0.05, 0.1, 0.2, 0.3]
var mateRanks: [Int] = []
var signatureCPU = 0.0
for (p, probe) in probes.enumerated() {
    let t0 = threadSeconds()
    let ranking = search.shortlist(probe, count: gallerySize)
    signatureCPU += threadSeconds() - t0
    mateRanks.append(ranking.firstIndex(of: mates[p]) ?? gallerySize)
}
var rank1Filtered = 0
let filteredCPUStart = threadSeconds()
for (p, probe) in probes.enumerated() {
    let best = search.identify(probe, shortlist: keep, top: 1, scratch: scratch)
    if best.first?.index == mates[p] { rank1Filtered += 1 }
}
let filteredCPU = threadSeconds() - filteredCPUStart
print("fingerprint 1:N with the signature prefilter, 1 thread")
print(
    "  signature ranking   \(grouped(Double(probeCount * gallerySize) / signatureCPU)) gallery entries per CPU-second "
        + "(sort included)"
)
print(
    "  prefilter recall    "
        + shares.map { share in
            let kept = Int((Double(gallerySize) * share).rounded(.up))
            return
                "\(percent(Double(mateRanks.filter { $0 < kept }.count) / Double(probeCount))) in the best "
                + "\(percent(share))"
        }.joined(separator: ", "))
print(
    "  effective 1:N       \(grouped(Double(probeCount * gallerySize) / filteredCPU)) gallery entries per CPU-second "
        + "with the full matcher on the best \(percent(keep)); rank-1 \(rank1Filtered)/\(probeCount)"
)
