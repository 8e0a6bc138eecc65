import NexoKit

extension FellegiSunterModel {
    /// Refines m, u and the prior by expectation–maximisation (Winkler 1988; Jaro 1989) from
    /// comparison vectors of unlabelled candidate pairs, assuming fields independent given the
    /// match status. Starts from this model's values; `vectors[i][f]` is the level of field
    /// `fields[f]` for pair `i`. ``MatchLevel/missing`` carries no evidence and is not counted.
    ///
    /// - Parameters:
    ///   - initialMatchShare: starting share of matches among the pairs (blocked candidate pairs
    ///     hold far more matches than random pairs).
    ///   - iterations: EM rounds; the loop also stops when the share moves less than 1e-7.
    /// - Throws: ``NexoError`` `.invalidInput` when a vector's length differs from `fields`.
    public mutating func estimate(
        fields names: [String], vectors: [[MatchLevel]], initialMatchShare: Double = 0.1,
        iterations: Int = 50
    ) throws {
        var patterns: [[MatchLevel]: Double] = [:]
        for (i, vector) in vectors.enumerated() {
            guard vector.count == names.count else {
                throw NexoError(
                    .invalidInput, "comparison vector \(i) has \(vector.count) levels for \(names.count) fields",
                    hint: "build every vector with the same field list as `fields`")
            }
            patterns[vector, default: 0] += 1
        }
        guard !patterns.isEmpty else { return }
        let rows = Array(patterns)
        var models = names.map { field($0) }
        var share = min(max(initialMatchShare, 1e-6), 1 - 1e-6)
        for _ in 0..<iterations {
            var mCounts = names.map { _ in [MatchLevel: Double]() }
            var uCounts = mCounts
            var matched = 0.0, total = 0.0
            for (vector, count) in rows {
                var pm = share, pu = 1 - share
                for (f, level) in vector.enumerated() where level != .missing {
                    let key = models[f].m[level] != nil ? level : .disagree
                    pm *= max(models[f].m[key] ?? 0, 1e-9)
                    pu *= max(models[f].u[key] ?? 0, 1e-9)
                }
                let g = pm / (pm + pu)
                matched += g * count
                total += count
                for (f, level) in vector.enumerated() where level != .missing {
                    mCounts[f][level, default: 0] += g * count
                    uCounts[f][level, default: 0] += (1 - g) * count
                }
            }
            for f in names.indices {
                models[f] = Field(
                    m: smoothed(mCounts[f], models[f].m), u: smoothed(uCounts[f], models[f].u),
                    termFrequency: models[f].termFrequency)
            }
            let next = min(max(matched / total, 1e-6), 1 - 1e-6)
            let moved = abs(next - share)
            share = next
            if moved < 1e-7 { break }
        }
        for (f, name) in names.enumerated() { fields[name] = models[f] }
        priorMatchProbability = share
    }

    /// Sets m and u by counting levels in pairs whose truth is known (`isMatch`), with half a
    /// pseudo-count per level so that no level weighs infinitely. The prior becomes the share of
    /// matches among the pairs.
    /// - Throws: ``NexoError`` `.invalidInput` when a vector's length differs from `fields`, or
    ///   when the pairs hold no match or no non-match.
    public mutating func estimate(fields names: [String], labelled: [(vector: [MatchLevel], isMatch: Bool)]) throws {
        var mCounts = names.map { _ in [MatchLevel: Double]() }
        var uCounts = mCounts
        var matches = 0
        for (i, pair) in labelled.enumerated() {
            guard pair.vector.count == names.count else {
                throw NexoError(
                    .invalidInput, "labelled pair \(i) has \(pair.vector.count) levels for \(names.count) fields",
                    hint: "build every vector with the same field list as `fields`")
            }
            if pair.isMatch { matches += 1 }
            for (f, level) in pair.vector.enumerated() where level != .missing {
                if pair.isMatch { mCounts[f][level, default: 0] += 1 } else { uCounts[f][level, default: 0] += 1 }
            }
        }
        guard matches > 0, matches < labelled.count else {
            throw NexoError(
                .invalidInput, "labelled pairs hold \(matches) matches of \(labelled.count)",
                hint: "give both matching and non-matching pairs")
        }
        for (f, name) in names.enumerated() {
            let current = field(name)
            fields[name] = Field(
                m: smoothed(mCounts[f], current.m, pseudo: 0.5), u: smoothed(uCounts[f], current.u, pseudo: 0.5),
                termFrequency: current.termFrequency)
        }
        priorMatchProbability = Double(matches) / Double(labelled.count)
    }

    /// Counts over every level seen or already modelled, plus a pseudo-count.
    private func smoothed(_ counts: [MatchLevel: Double], _ current: [MatchLevel: Double], pseudo: Double = 0.01)
        -> [MatchLevel: Double]
    {
        var result: [MatchLevel: Double] = [:]
        for level in Set(counts.keys).union(current.keys) where level != .missing {
            result[level] = (counts[level] ?? 0) + pseudo
        }
        return result
    }
}
