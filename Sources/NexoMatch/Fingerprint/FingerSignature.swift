/// A compact descriptor of a gallery finger for the 1:N prefilter: the set of its minutia-pair
/// codes (the matcher's, see ``EdgeGeometry``) as a bit vector, about 1.7 KB.
///
/// A probe marks every code within its tolerance (``FingerProbe/coverage``). The prefilter
/// counts, with AND and popcount, how many of a gallery finger's codes the probe covers; a
/// true mate covers more than chance. ``FingerProbe/prefilterScore(_:)`` turns the count into a
/// z-score against chance, so fingers with many and few pairs rank fairly. Comparing costs
/// about a hundred nanoseconds, so a search can rank the whole gallery and run the full matcher
/// on the best share only; the benchmark and tests measure how often the true mate survives.
public struct FingerSignature: Sendable, Hashable {
    /// The codes present, one bit each.
    let words: [UInt64]
    /// Number of distinct codes present.
    public let total: Int

    /// Words in a signature.
    static var wordCount: Int { (PreparedFinger.geometry.codeCount + 63) / 64 }

    init(codes: [UInt16]) {
        var words = [UInt64](repeating: 0, count: Self.wordCount)
        for code in codes { words[Int(code) >> 6] |= 1 << UInt64(code & 63) }
        self.words = words
        total = words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// Number of this signature's codes set in `coverage` (a probe's).
    @inline(__always)
    func covered(by coverage: [UInt64]) -> Int {
        words.withUnsafeBufferPointer { a in
            coverage.withUnsafeBufferPointer { b in
                var sum = 0
                for k in 0..<min(a.count, b.count) { sum &+= (a[k] & b[k]).nonzeroBitCount }
                return sum
            }
        }
    }
}

extension FingerProbe {
    /// The prefilter score of a gallery finger: how many standard deviations more of its pair
    /// codes this probe covers than chance would (chance = the share of codes the probe covers).
    @inline(__always)
    public func prefilterScore(_ gallery: PreparedFinger) -> Double {
        let n = Double(gallery.signature.total)
        guard n > 0, coverageShare > 0, coverageShare < 1 else { return 0 }
        let hits = Double(gallery.signature.covered(by: coverage))
        return (hits - n * coverageShare) / (n * coverageShare * (1 - coverageShare)).squareRoot()
    }
}
