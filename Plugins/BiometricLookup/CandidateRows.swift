import NexoKit

/// The rows `bio identify`, `bio verify` and `bio explain` return: one per candidate, best first.
///
/// Columns: `rank`, `person`, `fused` (log10 likelihood ratio), `decision`, then each modality's
/// log10 LR (`face`, `finger`, `iris`, `biographic`; empty when not compared), and `why` (the
/// strongest line of the explanation).
enum CandidateRows {
    static let columns = [
        Column("rank", .int), Column("person", .entity(kind: CoreSchema.Kind.person)), Column("fused", .double),
        Column("decision", .oneOf(MatchDecision.allCases.map(\.rawValue))),
        Column("face", .double), Column("finger", .double), Column("iris", .double), Column("biographic", .double),
        Column("why", .string),
    ]

    static func table(_ candidates: [MatchCandidate], in store: any GraphStoreAccess) throws(NexoError) -> ResultTable {
        let people = try store.entities(EntityQuery(ids: candidates.map(\.entity)))
        var refs: [EntityID: EntityRef] = [:]
        for person in people { refs[person.id] = person.ref }
        var table = ResultTable(columns: columns)
        for candidate in candidates {
            func llr(_ modality: Modality) -> Value {
                candidate.scores.first { $0.modality == modality }.map { .double(rounded($0.logLikelihoodRatio)) }
                    ?? .null
            }
            let person = refs[candidate.entity].map(Value.entity) ?? .string(candidate.entity.rawValue)
            table.append([
                .int(Int64(candidate.rank)), person, .double(rounded(candidate.fused)),
                .string(candidate.decision.rawValue),
                llr(.face), llr(.finger), llr(.iris), llr(.biographic), .string(candidate.explanation.first ?? ""),
            ])
        }
        return table
    }

    /// The columns of `bio identify --explain-candidates`: everyone compared, strongest evidence first.
    static let consideredColumns = [
        Column("rank", .int), Column("person", .entity(kind: CoreSchema.Kind.person)), Column("fused", .double),
        Column("found_by", .string),
    ]

    /// The rows of `considered`, ranked from 1.
    static func considered(_ considered: [ConsideredCandidate], in store: any GraphStoreAccess) throws(NexoError)
        -> ResultTable
    {
        var refs: [EntityID: EntityRef] = [:]
        for person in try store.entities(EntityQuery(ids: considered.map(\.entity))) { refs[person.id] = person.ref }
        var table = ResultTable(columns: consideredColumns)
        for (rank, candidate) in considered.enumerated() {
            table.append([
                .int(Int64(rank + 1)), refs[candidate.entity].map(Value.entity) ?? .string(candidate.entity.rawValue),
                .double(rounded(candidate.fused)), .string(candidate.sources.description),
            ])
        }
        return table
    }

    /// `41 people compared: 30 by name, 12 by date_of_birth, 3 by postcode`.
    static func consideredSummary(_ considered: [ConsideredCandidate]) -> String {
        let counts = CandidateSources.named.compactMap { source, name -> String? in
            let count = considered.filter { $0.sources.contains(source) }.count
            return count == 0 ? nil : "\(count) by \(name)"
        }
        return "\(considered.count) \(considered.count == 1 ? "person" : "people") compared"
            + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", "))
    }

    /// The searches that stopped short, or `nil` when none did.
    static func limitsFooter(_ limits: [String]) -> String? {
        limits.isEmpty ? nil : "searches that stopped short: " + limits.joined(separator: "; ")
    }

    /// Two decimals: the evidence is not more precise than that, and output stays stable.
    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
