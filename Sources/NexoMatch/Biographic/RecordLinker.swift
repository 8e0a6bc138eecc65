import Glibc

/// Links two lists of biographic records (or one list with itself): blocking, comparison,
/// optional EM estimation of the weights from the candidate pairs, a threshold, and optionally a
/// one-to-one assignment (each record linked at most once, best scores first), for lists known
/// to hold no duplicates within themselves.
public struct RecordLinker: Sendable {
    /// How pairs are compared and weighed.
    public var comparator: BiographicComparator
    /// Blocking rules for candidate pairs.
    public var rules: [BlockingRule]

    /// A linker.
    public init(
        comparator: BiographicComparator = BiographicComparator(), rules: [BlockingRule] = BlockingRule.defaults
    ) {
        self.comparator = comparator
        self.rules = rules
    }

    /// A link between `left[left]` and `right[right]`.
    public struct Link: Sendable, Hashable {
        /// Index in the left list.
        public var left: Int
        /// Index in the right list.
        public var right: Int
        /// The pair's score (log₂ likelihood ratio).
        public var score: Double
    }

    /// What ``link(left:right:estimate:oneToOne:threshold:)`` found.
    public struct Result: Sendable {
        /// Accepted links, best first.
        public var links: [Link]
        /// Number of candidate pairs compared.
        public var candidatePairs: Int
        /// The comparator used for scoring (with the estimated model when estimating).
        public var comparator: BiographicComparator
        /// The score threshold applied.
        public var threshold: Double
    }

    /// Links `left` with `right`.
    /// - Parameters:
    ///   - estimate: learn frequencies from both lists and refine the model by EM on the
    ///     candidate pairs before scoring.
    ///   - oneToOne: keep each record in at most one link, greedily by score.
    ///   - threshold: minimum score; by default the score at which the posterior probability of a
    ///     match (under the model's prior) is one half.
    public func link(
        left: [ComparableRecord], right: [ComparableRecord], estimate: Bool = true, oneToOne: Bool = false,
        threshold: Double? = nil
    ) throws -> Result {
        let index = BlockingIndex(records: left, rules: rules)
        var pairs: [(Int, Int)] = []
        for (j, record) in right.enumerated() {
            for i in index.candidates(for: record) { pairs.append((i, j)) }
        }
        var comparator = comparator
        if estimate {
            comparator.learnFrequencies(from: left + right)
            let fields = BiographicComparator.fieldNames(extras: left.first?.extras ?? [])
            let vectors = pairs.map { comparator.levels(left[$0.0], right[$0.1]) }
            let expected = Double(min(left.count, right.count)) / Double(max(pairs.count, 1))
            try comparator.model.estimate(fields: fields, vectors: vectors, initialMatchShare: min(0.5, expected))
        }
        let prior = comparator.model.priorMatchProbability
        let cut = threshold ?? Glibc.log2((1 - prior) / prior)
        var links: [Link] = []
        for (i, j) in pairs {
            let s = comparator.compare(left[i], right[j]).score
            if s >= cut { links.append(Link(left: i, right: j, score: s)) }
        }
        links.sort { $0.score != $1.score ? $0.score > $1.score : ($0.left, $0.right) < ($1.left, $1.right) }
        if oneToOne {
            var usedLeft = Set<Int>(), usedRight = Set<Int>()
            links = links.filter { link in
                guard !usedLeft.contains(link.left), !usedRight.contains(link.right) else { return false }
                usedLeft.insert(link.left)
                usedRight.insert(link.right)
                return true
            }
        }
        return Result(links: links, candidatePairs: pairs.count, comparator: comparator, threshold: cut)
    }
}
