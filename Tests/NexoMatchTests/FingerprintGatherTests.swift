import NexoKit
import NexoSynthesis
import NexoTemplateSynthesis
import Testing

@testable import NexoMatch

/// The matcher's table lookup (step 1) against a naive enumeration of edge pairs.
@Suite struct FingerprintGatherTests {
    /// Every (probe edge in either direction, gallery edge) pair whose gallery code is among the
    /// probe edge's tolerant codes, encoded like the matcher's candidates.
    static func naiveCandidates(_ probe: PreparedFinger, _ gallery: PreparedFinger) -> [UInt64] {
        let geometry = PreparedFinger.geometry
        var probeEdges: [(codes: Set<Int>, entry: UInt32)] = []
        PreparedFinger.forEachEdge(probe.xs, probe.ys, probe.thetas, geometry: geometry) { i, j, length, phi, ai, aj in
            var forward = Set<Int>(), backward = Set<Int>()
            geometry.tolerantCodes(length: length, alphaI: ai, alphaJ: aj) { forward.insert($0) }
            geometry.tolerantCodes(
                length: length, alphaI: FingerAngle.normalized(aj - 180),
                alphaJ: FingerAngle.normalized(ai - 180)
            ) { backward.insert($0) }
            probeEdges.append((forward, UInt32(i) | UInt32(j) << 8 | UInt32(FingerAngle.byte(phi)) << 16))
            probeEdges.append((backward, UInt32(j) | UInt32(i) << 8 | UInt32(FingerAngle.byte(phi + 180)) << 16))
        }
        var result: [UInt64] = []
        for (code, ends) in zip(gallery.edgeCodes, gallery.edgeEnds) {
            for edge in probeEdges where edge.codes.contains(Int(code)) {
                let delta = ((edge.entry >> 16) &- (ends >> 16)) & 255
                result.append(UInt64(edge.entry) | UInt64(ends) << 24 | UInt64(delta) << 48)
            }
        }
        return result
    }

    /// A regular grid of minutiae all pointing the same way: many edges share one code, so
    /// lookups find more entries than the unrolled four.
    static func grid(angle: Double) -> FingerTemplate {
        var minutiae: [Minutia] = []
        for row in 0..<7 {
            for column in 0..<7 {
                minutiae.append(
                    Minutia(x: 100 + 30 * column, y: 100 + 30 * row, angle: angle, kind: .ending, quality: 60))
            }
        }
        return FingerTemplate(position: 1, width: 500, height: 500, minutiae: minutiae)
    }

    @Test func gatheredCandidatesEqualNaiveEnumeration() {
        var rng = SplitMix64(seed: 41)
        var pairs: [(PreparedFinger, PreparedFinger)] = []
        for _ in 0..<6 {
            let master = SyntheticFinger.random(using: &rng), other = SyntheticFinger.random(using: &rng)
            let a = PreparedFinger(master.impression(using: &rng))
            pairs.append((a, PreparedFinger(master.impression(using: &rng)))) // genuine
            pairs.append((a, PreparedFinger(other.impression(using: &rng)))) // impostor
        }
        pairs.append((PreparedFinger(Self.grid(angle: 30)), PreparedFinger(Self.grid(angle: 75))))
        var longestRun = 0
        for (p, g) in pairs {
            let probe = FingerProbe(p)
            let (found, votes) = probe.candidatePairs(g)
            let naive = Self.naiveCandidates(p, g)
            #expect(found.sorted() == naive.sorted())
            var histogram = [UInt32](repeating: 0, count: 32)
            for c in naive { histogram[Int(c >> 51)] += 1 }
            #expect(votes == histogram)
            var perEdge: [UInt64: Int] = [:]
            for c in found { perEdge[c >> 24 & 0xFF_FFFF, default: 0] += 1 }
            longestRun = max(longestRun, perEdge.values.max() ?? 0)
        }
        #expect(longestRun > FingerProbe.unrolledEntries, "the grid exercises lookups past the unrolled entries")
    }
}
