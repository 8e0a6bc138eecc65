import NexoKit
import NexoSynthesis
import NexoTemplateMath
import NexoTemplateSynthesis

@testable import NexoMatch

/// The tests' seeded generator (SplitMix64).
typealias SeededRandom = SeededGenerator

/// A gallery of one capture per identity and probes that are fresh captures of some of them.
struct FaceFixture {
    var identities: [[Float]] = []
    var gallery: [[Float]] = []
    var probes: [(identity: Int, vector: [Float])] = []

    init(count: Int, probes probeCount: Int, seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let synth = FaceSynthesizer()
        for _ in 0..<count {
            let id = synth.identity(using: &rng)
            identities.append(id)
            gallery.append(synth.capture(of: id, using: &rng).vector)
        }
        for p in 0..<probeCount {
            let who = (p * 7919) % count
            probes.append((who, synth.capture(of: identities[who], using: &rng).vector))
        }
    }

    /// The reference answer: every score in Double, sorted best first (ties by index).
    func naiveTop(_ probe: [Float], k: Int) -> [(index: Int, score: Double)] {
        let scored = gallery.enumerated().map { (index: $0.offset, score: FaceVector.dot(probe, $0.element)) }
        return Array(scored.sorted { $0.score > $1.score || ($0.score == $1.score && $0.index < $1.index) }.prefix(k))
    }
}

/// Fraction of `truth`'s indices found in `found`.
func recall(_ found: [FaceMatch], _ truth: [FaceMatch]) -> Double {
    Double(Set(found.map(\.index)).intersection(truth.map(\.index)).count) / Double(truth.count)
}

/// `count` seeded synthetic identities of `spectrum`, with the synthesizer that captures them.
func identities(_ spectrum: FaceSpectrum, count: Int, seed: UInt64) -> (FaceSynthesizer, [[Float]]) {
    let synthesizer = FaceSynthesizer(spectrum: spectrum)
    var rng = SeededRandom(seed: seed)
    return (synthesizer, (0..<count).map { _ in synthesizer.identity(using: &rng) })
}
