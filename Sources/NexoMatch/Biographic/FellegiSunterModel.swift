import Glibc

/// Fellegi–Sunter weights: for each field and each ``MatchLevel``, the probability `m` of that
/// outcome when two records are the same person and `u` when they are not. An outcome weighs
/// log₂(m / u); a record pair's score is the sum over fields, a log₂ likelihood ratio.
///
/// ``defaults`` are hand-set starting values (documented on it); ``estimate(fields:vectors:iterations:)``
/// refines them by expectation–maximisation from unlabelled candidate pairs, and
/// ``estimate(fields:labelled:)`` counts them from pairs whose truth is known.
public struct FellegiSunterModel: Sendable, Hashable {
    /// Probabilities of one field's levels.
    public struct Field: Sendable, Hashable {
        /// P(level | same person).
        public var m: [MatchLevel: Double]
        /// P(level | different people).
        public var u: [MatchLevel: Double]
        /// Whether exact agreement is weighed by the agreed value's frequency (``NameFrequencies``).
        public var termFrequency: Bool

        /// A field from its probabilities; each side is normalised to sum to 1 (``MatchLevel/missing`` excluded).
        public init(m: [MatchLevel: Double], u: [MatchLevel: Double], termFrequency: Bool = false) {
            func normalised(_ p: [MatchLevel: Double]) -> [MatchLevel: Double] {
                let p = p.filter { $0.key != .missing }
                let total = p.values.reduce(0, +)
                return total > 0 ? p.mapValues { $0 / total } : p
            }
            self.m = normalised(m)
            self.u = normalised(u)
            self.termFrequency = termFrequency
        }

        /// log₂(m / u) of a level; 0 for ``MatchLevel/missing``. A level the field does not
        /// model weighs as ``MatchLevel/disagree``.
        public func weight(_ level: MatchLevel) -> Double {
            guard level != .missing else { return 0 }
            let key = m[level] != nil ? level : .disagree
            return log2(max(m[key] ?? 0, 1e-6) / max(u[key] ?? 0, 1e-9))
        }

        /// Weight of exact agreement on a value of the given share: log₂(m_exact / share).
        public func exactWeight(share: Double) -> Double {
            log2(max(m[.exact] ?? 0, 1e-6) / max(share, 1e-9))
        }
    }

    /// Models per field name.
    public var fields: [String: Field]
    /// Prior probability that a compared pair is the same person (for ``probability(score:)``).
    public var priorMatchProbability: Double

    /// Creates a model.
    public init(fields: [String: Field], priorMatchProbability: Double) {
        self.fields = fields
        self.priorMatchProbability = priorMatchProbability
    }

    /// The model of a field, or the default one for an extra field of the given kind.
    public func field(_ name: String, kind: ExtraField.Kind = .text) -> Field {
        fields[name] ?? (kind == .code ? Self.defaultCode : Self.defaultText)
    }

    /// Posterior probability of a match given a score (log₂ likelihood ratio) and the prior.
    public func probability(score: Double) -> Double {
        let prior = min(max(priorMatchProbability, 1e-12), 1 - 1e-12)
        let odds = exp2(score) * prior / (1 - prior)
        return odds.isFinite ? odds / (1 + odds) : 1
    }

    /// Starting values, set by hand from the literature on person-record linkage (Winkler 1990;
    /// Herzog, Scheuren and Winkler 2007) and the error rates of civil registers:
    /// - names: same person agrees exactly ~85 %, by nickname/phonetic/spelling ~10 %;
    ///   different people agree exactly ~1 % (given) and ~0.5 % (surname), before frequency weighting;
    /// - date of birth: exact 85 %, transposed/year±1/one digit 9 %; random agreement 1 in 20,000;
    /// - sex 97 % vs 50 %; nationality 95 % vs 20 %; a document number exact 90 % vs 1 in a million;
    /// - extra text fields (addresses): exact 80 % vs 1 %; codes (postcodes): exact 85 % vs 1 %.
    /// The prior is 1 in 10,000 pairs.
    public static let defaults = FellegiSunterModel(
        fields: [
            "given": Field(
                m: [
                    .exact: 0.82, .nickname: 0.03, .phonetic: 0.03, .close: 0.04, .similar: 0.02, .partial: 0.02,
                    .swapped: 0.005, .disagree: 0.035,
                ],
                u: [
                    .exact: 0.01, .nickname: 0.002, .phonetic: 0.003, .close: 0.005, .similar: 0.01, .partial: 0.01,
                    .swapped: 0.0005, .disagree: 0.9595,
                ], termFrequency: true),
            "surname": Field(
                m: [
                    .exact: 0.85, .phonetic: 0.04, .close: 0.04, .similar: 0.015, .partial: 0.01, .swapped: 0.02,
                    .disagree: 0.025,
                ],
                u: [
                    .exact: 0.005, .phonetic: 0.002, .close: 0.003, .similar: 0.008, .partial: 0.002, .swapped: 0.005,
                    .disagree: 0.975,
                ], termFrequency: true),
            "maternal": Field(
                m: [
                    .exact: 0.8, .phonetic: 0.04, .close: 0.04, .similar: 0.015, .partial: 0.01, .swapped: 0.04,
                    .disagree: 0.055,
                ],
                u: [
                    .exact: 0.005, .phonetic: 0.002, .close: 0.003, .similar: 0.008, .partial: 0.002, .swapped: 0.005,
                    .disagree: 0.975,
                ], termFrequency: true),
            "dateOfBirth": Field(
                m: [
                    .exact: 0.85, .transposed: 0.02, .nearby: 0.02, .close: 0.05, .partial: 0.02, .similar: 0.01,
                    .disagree: 0.03,
                ],
                u: [
                    .exact: 0.00005, .transposed: 0.00005, .nearby: 0.0001, .close: 0.0015, .partial: 0.001,
                    .similar: 0.001, .disagree: 0.99625,
                ]),
            "sex": Field(m: [.exact: 0.97, .disagree: 0.03], u: [.exact: 0.5, .disagree: 0.5]),
            "nationality": Field(m: [.exact: 0.95, .disagree: 0.05], u: [.exact: 0.2, .disagree: 0.8]),
            "document": Field(
                m: [.exact: 0.9, .close: 0.05, .similar: 0.01, .disagree: 0.04],
                u: [.exact: 0.000001, .close: 0.00001, .similar: 0.0001, .disagree: 0.999889]),
        ], priorMatchProbability: 0.0001)

    /// Default model of an extra text field (an address line).
    public static let defaultText = Field(
        m: [.exact: 0.8, .close: 0.08, .similar: 0.04, .partial: 0.02, .disagree: 0.06],
        u: [.exact: 0.01, .close: 0.005, .similar: 0.02, .partial: 0.01, .disagree: 0.955])
    /// Default model of an extra code field (a postcode, a street number).
    public static let defaultCode = Field(
        m: [.exact: 0.85, .close: 0.08, .disagree: 0.07],
        u: [.exact: 0.01, .close: 0.04, .disagree: 0.95])
}
