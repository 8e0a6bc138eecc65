/// One candidate of a 1:N finger search.
public struct FingerCandidate: Sendable, Hashable {
    /// Index of the gallery entry.
    public var index: Int
    /// The full comparison with it.
    public var comparison: FingerComparison
}

/// 1:N search over a gallery of prepared fingers: rank every entry by its ``FingerSignature``
/// (``FingerProbe/prefilterScore(_:)``, about a hundred nanoseconds each), then run the full
/// matcher on the best-ranked share only.
///
/// `shortlist` trades speed for recall: the benchmark and tests measure how often the true mate
/// survives it. Pass `shortlist: 1` to compare with every entry (exact search).
public struct FingerSearch: Sendable {
    /// The gallery, in enrolment order.
    public var gallery: [PreparedFinger]

    /// Wraps a gallery.
    public init(gallery: [PreparedFinger]) {
        self.gallery = gallery
    }

    /// The gallery indexes of the `count` entries with the best prefilter scores, best first.
    public func shortlist(_ probe: FingerProbe, count: Int) -> [Int] {
        var ranked = gallery.indices.map { (similarity: probe.prefilterScore(gallery[$0]), index: $0) }
        // Partial selection would do for a short list; a full sort is simple and not the bottleneck.
        ranked.sort { $0.similarity > $1.similarity || ($0.similarity == $1.similarity && $0.index < $1.index) }
        return ranked.prefix(min(max(count, 0), ranked.count)).map(\.index)
    }

    /// The best `top` candidates for `probe` by full comparison among the `shortlist` share
    /// (0...1) of the gallery ranked by signature, best first.
    public func identify(
        _ probe: FingerProbe, shortlist: Double = 0.2, top: Int = 10,
        scratch: FingerMatchScratch
    ) -> [FingerCandidate] {
        let count = Int(clampingFloat: Double(gallery.count) * min(max(shortlist, 0), 1), rounding: .up)
        let indexes = count >= gallery.count ? Array(gallery.indices) : self.shortlist(probe, count: count)
        var candidates = indexes.map {
            FingerCandidate(index: $0, comparison: probe.compare(gallery[$0], scratch: scratch))
        }
        candidates.sort { ($0.comparison.score, -$0.index) > ($1.comparison.score, -$1.index) }
        return Array(candidates.prefix(top))
    }
}
