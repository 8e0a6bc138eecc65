import Glibc
import NexoKit
import NexoTemplateMath
import NexoThreads

/// The biographic comparator's parameters learned from a gallery's own people (Fellegi–Sunter, as Splink and
/// fastLink estimate them), so that decisions hold on names and registers the defaults were not written for:
/// - how common each surname and first given name is (the term-frequency adjustment of exact agreement);
/// - u, the chance of each level of each field between different people, counted on random pairs of the
///   gallery's records (a level no pair shows keeps its default), no weaker agreement weighing more than exact;
/// - m, the chance of each level between records of one person, by expectation–maximisation over candidate pairs
///   (records sharing a blocking key; EM's own u there is biased by the blocking and set aside) — used only when
///   the gallery holds enough duplicates for the estimate to mean something (``minimumEstimatedMatches``) and the
///   match class is plausible (``isPlausible(_:fields:)``); otherwise m keeps the documented defaults.
public struct BiographicCalibration: Sendable, Hashable {
    /// People in the gallery when measured.
    public var people: Int
    /// Records read to measure (all of them, or the first ``sampleLimit``).
    public var sampled: Int
    /// Random pairs u was counted on.
    public var randomPairs: Int
    /// Candidate pairs EM ran on.
    public var candidatePairs: Int
    /// Matches EM found among the candidate pairs (0 when it did not run).
    public var estimatedMatches: Double
    /// Whether m comes from EM (else from the defaults).
    public var learnedM: Bool
    /// Where m comes from, for people: `m by EM (120 duplicates among 4,146 candidate pairs)`, or why the defaults
    /// were kept.
    public var mSource: String
    /// The learned model.
    public var model: FellegiSunterModel
    /// Surname shares.
    public var surnames: NameFrequencies
    /// First-given-name shares.
    public var givenNames: NameFrequencies

    /// Most records read to measure.
    public static let sampleLimit = 200_000
    /// Fewest people the parameters are measured on: below, random pairs are too few to count rare levels.
    public static let minimumPeople = 500

    /// Whether a gallery of `people` has changed so much (doubled or halved, and by 50 people) that these parameters
    /// are measured again without being asked: a large import. Smaller changes keep them until `bio calibrate` (a
    /// feed adding encounters must not stall on a measurement).
    func isStale(people now: Int) -> Bool { abs(now - people) > 50 && (now > 2 * people || 2 * now < people) }
    /// Most random pairs u is counted on.
    public static let randomPairLimit = 100_000
    /// Most candidate pairs EM runs on.
    public static let candidatePairLimit = 50_000
    /// Fewest matches EM must find among candidate pairs for its m to replace the defaults.
    public static let minimumEstimatedMatches = 30.0

    /// A comparator with these parameters.
    public func comparator(names: NameComparator = NameComparator()) -> BiographicComparator {
        BiographicComparator(model: model, names: names, surnameFrequencies: surnames, givenFrequencies: givenNames)
    }

    /// Measures the parameters on `records` (a gallery of `people`, of which these were read), starting from
    /// `base`'s model, u on at most `randomPairs` pairs; the same records and seed give the same parameters.
    public static func measure(
        _ records: [ComparableRecord], people: Int, base: BiographicComparator = BiographicComparator(),
        randomPairs: Int = randomPairLimit, seed: UInt64 = 0x5EED
    ) -> BiographicCalibration {
        var comparator = base
        comparator.learnFrequencies(from: records)
        var calibration = BiographicCalibration(
            people: people, sampled: records.count, randomPairs: 0, candidatePairs: 0, estimatedMatches: 0,
            learnedM: false, mSource: "m default: fewer than two records", model: comparator.model,
            surnames: comparator.surnameFrequencies,
            givenNames: comparator.givenFrequencies ?? comparator.surnameFrequencies)
        guard records.count >= 2 else { return calibration }
        // u: levels of random pairs of different records.
        let n = records.count
        // Twenty pairs per record count the levels well enough (a level seen less than that keeps its default).
        let pairCount = min(randomPairs, 20 * n, n * (n - 1) / 2)
        // In a fixed number of parts, each with its own seeded generator, counted on every core: the same
        // counts on any machine.
        let parts = 16
        let partCounts = ParallelWork.map(parts) { part in
            var generator = SeededGenerator(seed: seed &+ UInt64(part))
            var counts: [String: [MatchLevel: Int]] = [:]
            for _ in 0..<(pairCount / parts + (part < pairCount % parts ? 1 : 0)) {
                let i = Int.random(in: 0..<n, using: &generator)
                var j = Int.random(in: 0..<(n - 1), using: &generator)
                if j >= i { j += 1 }
                for outcome in comparator.outcomes(records[i], records[j]) where outcome.level != .missing {
                    counts[outcome.field, default: [:]][outcome.level, default: 0] += 1
                }
            }
            return counts
        }
        var counts: [String: [MatchLevel: Int]] = [:]
        for part in partCounts {
            for (field, levels) in part { counts[field, default: [:]].merge(levels, uniquingKeysWith: +) }
        }
        calibration.randomPairs = pairCount
        var model = comparator.model
        for (name, levels) in counts {
            var field = model.field(name, kind: kind(of: name, in: records))
            let total = Double(levels.values.reduce(0, +))
            var u: [MatchLevel: Double] = [:]
            for level in Set(field.m.keys).union(levels.keys) where level != .missing {
                let seen = Double(levels[level] ?? 0)
                // A level no random pair showed says nothing about u: the default stays (a level the gallery's
                // records cannot show — a year-only birth date when every stored date is whole — is still common
                // between a probe and strangers).
                u[level] = seen > 0 ? seen / total : field.u[level] ?? 0.5 / total
            }
            field = FellegiSunterModel.Field(m: field.m, u: u, termFrequency: field.termFrequency)
            field = Self.withBoundedWeights(field)
            model.fields[name] = field
        }
        // m: EM over candidate pairs (records sharing a blocking key; keys shared by more than 200 records
        // left out), at most ``candidatePairLimit`` of them, evenly spread, their levels found on every core.
        let index = BlockingIndex(records: records)
        let fields = BiographicComparator.fieldNames(extras: records.first { !$0.extras.isEmpty }?.extras ?? [])
        var scoring = comparator
        scoring.model = model
        let all = index.pairs(maximumBlock: 200).pairs
        let step = max(1, (all.count + candidatePairLimit - 1) / candidatePairLimit)
        let pairs = stride(from: 0, to: all.count, by: step).map { all[$0] }
        let vectors = ParallelWork.map(pairs.count) { k in
            scoring.levels(records[pairs[k].0], records[pairs[k].1], fields: fields)
        }
        calibration.candidatePairs = vectors.count
        calibration.mSource = "m default: no candidate pairs"
        if !vectors.isEmpty {
            var estimated = model
            let expected = min(0.5, Double(n) / 10 / Double(vectors.count))
            if (try? estimated.estimate(fields: fields, vectors: vectors, initialMatchShare: expected)) != nil {
                let matches = estimated.priorMatchProbability * Double(vectors.count)
                calibration.estimatedMatches = matches
                // Fields no pair has (no sex recorded, say) keep their m: EM saw nothing of them.
                let seen = fields.indices.filter { f in vectors.contains { $0[f] != .missing } }.map { fields[$0] }
                let found = "\(Int(matches.rounded())) duplicates among \(vectors.count) candidate pairs"
                let implausible = seen.first { !Self.isPlausible(estimated, fields: [$0]) }
                if matches < minimumEstimatedMatches {
                    calibration.mSource = "m default: EM found \(found), too few to learn from"
                } else if let implausible {
                    calibration.mSource =
                        "m default: EM's \(found) disagree on \(implausible) more often than they agree — namesakes, "
                        + "not duplicates"
                } else {
                    calibration.mSource = "m by EM (\(found))"
                    // A level no duplicate showed is rare among duplicates, not impossible: half a duplicate's share.
                    let floor = 0.5 / matches
                    for name in seen {
                        guard let learned = estimated.fields[name], let counted = model.fields[name] else { continue }
                        model.fields[name] = Self.withBoundedWeights(
                            FellegiSunterModel.Field(
                                m: learned.m.mapValues { max($0, floor) }, u: counted.u,
                                termFrequency: counted.termFrequency))
                    }
                    calibration.learnedM = true
                }
            }
        }
        // The prior of a pair of the whole gallery: one mate per person at most.
        model.priorMatchProbability = 1 / Double(max(people, 2))
        calibration.model = model
        return calibration
    }

    /// `field` with every weaker agreement weighing between disagreement and exact agreement (a close spelling, a
    /// swapped surname or a year-only birth date is never better evidence than equality, nor worse than a
    /// difference): u of a level outside moved until its weight is the bound's.
    static func withBoundedWeights(_ field: FellegiSunterModel.Field) -> FellegiSunterModel.Field {
        guard let mExact = field.m[.exact], mExact > 0, field.u[.exact] ?? 0 > 0 else { return field }
        let ceiling = field.weight(.exact)
        let floor = field.m[.disagree] != nil ? field.weight(.disagree) : -Double.infinity
        var u = field.u
        for (level, m) in field.m where level != .exact && level.agrees {
            let weight = field.weight(level)
            if weight > ceiling { u[level] = m / exp2(ceiling) } else if weight < floor { u[level] = m / exp2(floor) }
        }
        return FellegiSunterModel.Field(m: field.m, u: u, termFrequency: field.termFrequency)
    }

    /// Whether EM's match class is one person's records: on every field, some agreement is likelier than
    /// disagreement. A gallery full of namesakes (people sharing a common name, different births) can draw EM to a
    /// class of "same name" instead, whose m says a date of birth mostly disagrees; such an m is not used.
    static func isPlausible(_ model: FellegiSunterModel, fields: [String]) -> Bool {
        fields.allSatisfy { name in
            guard let field = model.fields[name] else { return true }
            let agreeing = field.m.filter { $0.key.agrees }.values.reduce(0, +)
            return agreeing > (field.m[.disagree] ?? 0)
        }
    }

    /// How an extra field compares, from the first record that has it.
    private static func kind(of field: String, in records: [ComparableRecord]) -> ExtraField.Kind {
        for record in records { if let extra = record.extras.first(where: { $0.name == field }) { return extra.kind } }
        return .text
    }
}
